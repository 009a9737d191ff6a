package io.persimmon.engine.db;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Keys each greater than every key before it, with their values, in two arrays: the part of a
 * change set that a table filled in key order (an increasing id, a timestamp) puts at its end.
 * Appending one costs an array store where a skip list's put walks its levels and allocates a
 * node and its index nodes, which was a sixth of a ten-row insert.
 *
 * <p>One writer appends (apply or recovery; it never changes an entry), and readers read
 * without locks: the writer stores the entry, and the arrays when they grow, before it raises
 * the size, and a reader reads the size before the arrays, so it sees every entry below the size
 * it read.
 */
final class AscendingRun {
    private record Entries(byte[][] keys, long[] values) {}

    private volatile Entries entries = new Entries(new byte[16][], new long[16]);
    private volatile int size;

    /** Appends {@code key}, which is greater than every key appended before (the caller checks). */
    void append(byte[] key, long value) {
        Entries e = entries;
        int n = size;
        if (n == e.keys().length) {
            e = new Entries(Arrays.copyOf(e.keys(), 2 * n), Arrays.copyOf(e.values(), 2 * n));
            e.keys()[n] = key;
            e.values()[n] = value;
            entries = e; // readers holding the old arrays read only below the size they saw
        } else {
            e.keys()[n] = key;
            e.values()[n] = value;
        }
        size = n + 1; // publishes the entry
    }

    /**
     * The value of {@code key}, or null: a binary search of the entries appended so far, which
     * lie in key order in one array (no hash map entry, node or box is made for them).
     */
    Long find(byte[] key) {
        int n = size;
        Entries e = entries;
        int i = firstAbove(e.keys(), n, key, true);
        return i < n && Arrays.equals(e.keys()[i], key) ? e.values()[i] : null;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * The entries with keys between the bounds (null: open), in key order or its reverse, as
     * appended when this was called.
     */
    Iterator<Map.Entry<byte[], Long>> slice(byte[] low, boolean lowInclusive, byte[] high, boolean highInclusive,
                                            boolean descending) {
        int n = size;
        Entries e = entries;
        int from = low == null ? 0 : firstAbove(e.keys(), n, low, lowInclusive);
        int to = high == null ? n : firstAbove(e.keys(), n, high, !highInclusive); // exclusive
        return new Slice(e, from, to, descending);
    }

    /** The first index below {@code n} whose key is above {@code bound} (or equal, when {@code inclusive}), or n. */
    private static int firstAbove(byte[][] keys, int n, byte[] bound, boolean inclusive) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(keys[mid], bound);
            if (c > 0 || (c == 0 && inclusive)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Indexes {@code from} (inclusive) to {@code to} (exclusive), upwards or downwards. */
    private static final class Slice implements Iterator<Map.Entry<byte[], Long>> {
        private final Entries entries;
        private final int from;
        private final int to;
        private final boolean descending;
        private int next;

        Slice(Entries entries, int from, int to, boolean descending) {
            this.entries = entries;
            this.from = from;
            this.to = to;
            this.descending = descending;
            this.next = descending ? to - 1 : from;
        }

        @Override
        public boolean hasNext() {
            return descending ? next >= from : next < to;
        }

        @Override
        public Map.Entry<byte[], Long> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int i = next;
            next += descending ? -1 : 1;
            return Map.entry(entries.keys()[i], entries.values()[i]);
        }
    }
}
