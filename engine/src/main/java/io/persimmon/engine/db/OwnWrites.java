package io.persimmon.engine.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;

/**
 * A transaction's writes to one table, by primary key. A hash map: a write is found by its key
 * (each insert, update or delete first looks for the transaction's own write of the row), and
 * nothing needs them in key order (a scan sorts the ones in its range itself).
 *
 * <p>For a unique index's check against the transaction's own rows ({@link #withUniqueValue}),
 * the writes are also found by the index's value: from the first such check on, every row a
 * write holds is noted under its value for that index (when the write is put, and whenever it is
 * given a row: {@link #rowSet}, which the transaction calls on a change and on a savepoint's
 * rollback). A note is never taken back, so the writes under a value are a superset of those
 * that hold it: the caller checks each one's current row.
 */
final class OwnWrites {
    private final HashMap<TreeStore.HashedKey, Write> byKey;
    /** Per unique index (by id) checked so far: its value (unique prefix) to the writes that have held it. */
    private final HashMap<Long, HashMap<TreeStore.HashedKey, List<Write>>> byUniqueValue;

    OwnWrites() {
        byKey = new HashMap<>();
        byUniqueValue = new HashMap<>();
    }

    private OwnWrites(OwnWrites other) {
        byKey = new HashMap<>(other.byKey);
        byUniqueValue = new HashMap<>(); // a scan's copy looks up keys only
    }

    /** The write of the row with primary key {@code key}, or null. */
    Write get(byte[] key) {
        return byKey.isEmpty() ? null : byKey.get(new TreeStore.HashedKey(key));
    }

    boolean containsKey(byte[] key) {
        return get(key) != null;
    }

    /** Whether {@code w} is the transaction's write of its key (not one a savepoint's rollback removed). */
    boolean holds(Write w) {
        return byKey.get(new TreeStore.HashedKey(w.key)) == w;
    }

    void put(Write w) {
        byKey.put(new TreeStore.HashedKey(w.key), w);
        noteRow(w);
    }

    /** {@code w} was given a new row: noted under its values for the unique indexes checked so far. */
    void rowSet(Write w) {
        noteRow(w);
    }

    /**
     * The writes whose row has held {@code value} (not null) for {@code index}, a superset of
     * those that hold it now; empty when none.
     */
    List<Write> withUniqueValue(Index index, byte[] value) {
        HashMap<TreeStore.HashedKey, List<Write>> byValue = byUniqueValue.get(index.id);
        if (byValue == null) {
            byValue = new HashMap<>();
            for (Write w : byKey.values()) {
                note(byValue, index, w);
            }
            byUniqueValue.put(index.id, byValue);
        }
        return byValue.getOrDefault(new TreeStore.HashedKey(value), List.of());
    }

    private void noteRow(Write w) {
        if (w.row == null || byUniqueValue.isEmpty()) {
            return;
        }
        for (Index index : w.table.indexes) {
            HashMap<TreeStore.HashedKey, List<Write>> byValue = byUniqueValue.get(index.id);
            if (byValue != null) {
                note(byValue, index, w);
            }
        }
    }

    private static void note(HashMap<TreeStore.HashedKey, List<Write>> byValue, Index index, Write w) {
        byte[] value = w.row == null ? null : index.uniquePrefix(w.row);
        if (value == null) {
            return;
        }
        List<Write> writes = byValue.computeIfAbsent(new TreeStore.HashedKey(value), v -> new ArrayList<>(1));
        if (writes.isEmpty() || writes.getLast() != w) {
            writes.add(w);
        }
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
