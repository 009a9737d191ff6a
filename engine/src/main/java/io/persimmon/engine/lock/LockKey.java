package io.persimmon.engine.lock;

import io.persimmon.engine.KeyHash;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identity of a lockable row: a space (which table, and which kind of identity) and the
 * identity's bytes. Two keys are equal when their spaces are equal and their bytes have the same
 * content. Build keys with {@link #row} (a table's primary-key bytes) or {@link #slot} (a row
 * slot's pool offset); the transaction layer uses one of the two consistently for a table.
 *
 * <pre>
 *   space:  63            33  32  31                    0
 *          +----------------+----+-----------------------+
 *          |       0        |kind|        tableId        |   kind 0 = key bytes, 1 = slot offset
 *          +----------------+----+-----------------------+
 * </pre>
 *
 * <p>The constructor copies {@code key} and {@link #key()} returns a copy, so a key in the lock
 * table never changes under it. The hash is computed once, with {@link KeyHash}: a transaction
 * inserting rows with sequential keys holds a lock on each, and {@code Arrays.hashCode} gave such
 * keys so few distinct hashes that the lock table's bins turned into trees.
 */
public final class LockKey {
    private static final long SLOT_KIND = 1L << 32;
    private static final int SHOWN_BYTES = 32;
    private final long space;
    private final byte[] key;
    private final int hash;

    /**
     * @param space the table and identity kind, as above (any value is accepted)
     * @param key the identity bytes
     */
    public LockKey(long space, byte[] key) {
        this.space = space;
        this.key = key.clone();
        this.hash = KeyHash.of(this.key) ^ Long.hashCode(space) * 0x9E3779B9;
    }

    /** The lock on the row of table {@code tableId} whose key encodes to {@code key}. */
    public static LockKey row(int tableId, byte[] key) {
        return new LockKey(Integer.toUnsignedLong(tableId), key);
    }

    /** The lock on the row of table {@code tableId} whose slot is at pool offset {@code slotOffset}. */
    public static LockKey slot(int tableId, long slotOffset) {
        byte[] bytes = new byte[Long.BYTES];
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[i] = (byte) (slotOffset >>> (56 - 8 * i));
        }
        return new LockKey(SLOT_KIND | Integer.toUnsignedLong(tableId), bytes);
    }

    /** The table and identity kind. */
    public long space() {
        return space;
    }

    /** A copy of the identity bytes. */
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LockKey other && hash == other.hash && space == other.space && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** For messages: "table 7 key 0x0a0b" or "table 7 slot 0x1000". */
    @Override
    public String toString() {
        long table = space & 0xFFFF_FFFFL;
        if ((space >>> 32) == 1 && key.length == Long.BYTES) {
            long offset = 0;
            for (byte b : key) {
                offset = (offset << 8) | (b & 0xFF);
            }
            return "table " + table + " slot 0x" + Long.toHexString(offset);
        }
        String prefix = (space >>> 32) == 0 ? "table " + table : "space 0x" + Long.toHexString(space);
        int shown = Math.min(key.length, SHOWN_BYTES);
        String hex = HexFormat.of().formatHex(key, 0, shown);
        String more = key.length > shown ? "... (" + key.length + " bytes)" : "";
        return prefix + " key 0x" + hex + more;
    }
}
