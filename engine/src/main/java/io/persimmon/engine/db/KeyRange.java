package io.persimmon.engine.db;

import io.persimmon.engine.row.KeyCodec;

/**
 * Bounds on encoded keys for a scan: each bound is a key prefix (encoded values of the first
 * key columns) or null for none. A key is inside when its prefix of the bound's length compares
 * as asked: so {@code [p, p]} is every key that starts with the values of p.
 */
public record KeyRange(byte[] low, boolean lowInclusive, byte[] high, boolean highInclusive) {
    /** Every key. */
    public static final KeyRange ALL = new KeyRange(null, true, null, true);

    /** Every key that starts with {@code prefix} (an equality on the first key columns). */
    public static KeyRange prefix(byte[] prefix) {
        return new KeyRange(prefix, true, prefix, true);
    }

    /** The lower bound as a bound on whole keys: (lowest key, inclusive). */
    byte[] entryLow() {
        if (low == null || lowInclusive) {
            return low;
        }
        return KeyCodec.prefixUpperBound(low); // past every key with this prefix; null when none is
    }

    /** Whether the lower bound, as a bound on whole keys, is inclusive. */
    boolean entryLowInclusive() {
        return true;
    }

    /** Whether the range is empty because an exclusive lower prefix has no successor. */
    boolean emptyBelow() {
        return low != null && !lowInclusive && KeyCodec.prefixUpperBound(low) == null;
    }

    /** The upper bound as a bound on whole keys, exclusive unless null. */
    byte[] entryHigh() {
        if (high == null) {
            return null;
        }
        return highInclusive ? KeyCodec.prefixUpperBound(high) : high;
    }
}
