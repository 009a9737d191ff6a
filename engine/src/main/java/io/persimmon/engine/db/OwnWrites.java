package io.persimmon.engine.db;

import java.util.Collection;
import java.util.HashMap;

/**
 * A transaction's writes to one table, by primary key. A hash map: a write is found by its key
 * (each insert, update or delete first looks for the transaction's own write of the row), and
 * nothing needs them in key order (a scan sorts the ones in its range itself).
 */
final class OwnWrites {
    private final HashMap<TreeStore.HashedKey, Write> byKey;

    OwnWrites() {
        byKey = new HashMap<>();
    }

    private OwnWrites(OwnWrites other) {
        byKey = new HashMap<>(other.byKey);
    }

    /** The write of the row with primary key {@code key}, or null. */
    Write get(byte[] key) {
        return byKey.isEmpty() ? null : byKey.get(new TreeStore.HashedKey(key));
    }

    boolean containsKey(byte[] key) {
        return get(key) != null;
    }

    void put(Write w) {
        byKey.put(new TreeStore.HashedKey(w.key), w);
    }

    void remove(byte[] key) {
        byKey.remove(new TreeStore.HashedKey(key));
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** The writes, in no particular order. */
    Collection<Write> values() {
        return byKey.values();
    }

    /** A copy, unchanged by later writes (what a scan merges with, as the writes were when it opened). */
    OwnWrites copy() {
        return new OwnWrites(this);
    }
}
