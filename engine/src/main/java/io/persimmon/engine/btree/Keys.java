package io.persimmon.engine.btree;

import java.util.Arrays;

/** Key helpers: keys compare as unsigned bytes, a prefix before its extensions. */
final class Keys {
    private Keys() {}

    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /**
     * The shortest separator {@code s} with {@code left < s <= right} (requires {@code left < right}):
     * the shortest prefix of {@code right} that sorts after {@code left}. Short separators make
     * branches hold more children.
     */
    static byte[] separator(byte[] left, byte[] right) {
        int at = Arrays.mismatch(left, right);
        return Arrays.copyOf(right, at + 1);
    }
}
