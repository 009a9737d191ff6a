package io.persimmon.engine.alloc;

import java.util.Arrays;

/** A growable bitmap of pool lines with the range operations the allocator needs. */
final class LineBitmap {
    private long[] words;

    LineBitmap(long lines) {
        words = new long[wordsFor(lines)];
    }

    LineBitmap(long[] words) {
        this.words = words;
    }

    static int wordsFor(long lines) {
        return (int) ((lines + 63) >>> 6);
    }

    void grow(long lines) {
        int needed = wordsFor(lines);
        if (needed > words.length) {
            words = Arrays.copyOf(words, needed);
        }
    }

    long word(int index) {
        return index < words.length ? words[index] : 0;
    }

    void setWord(int index, long value) {
        words[index] = value;
    }

    int wordCount() {
        return words.length;
    }

    boolean get(long line) {
        return (words[(int) (line >>> 6)] & (1L << line)) != 0;
    }

    /** Sets bits [from, from + count). */
    void set(long from, long count) {
        apply(from, count, true);
    }

    /** Clears bits [from, from + count). */
    void clear(long from, long count) {
        apply(from, count, false);
    }

    private void apply(long from, long count, boolean value) {
        long end = from + count;
        long line = from;
        while (line < end) {
            int w = (int) (line >>> 6);
            int bit = (int) (line & 63);
            int n = (int) Math.min(64 - bit, end - line);
            long mask = (n == 64 ? -1L : ((1L << n) - 1)) << bit;
            words[w] = value ? words[w] | mask : words[w] & ~mask;
            line += n;
        }
    }

    /** Whether every bit of [from, from + count) is clear. */
    boolean isClear(long from, long count) {
        return countSet(from, count) == 0;
    }

    /** Whether every bit of [from, from + count) is set. */
    boolean isSet(long from, long count) {
        return countSet(from, count) == count;
    }

    /** Number of set bits in [from, from + count). */
    long countSet(long from, long count) {
        long end = from + count;
        long line = from;
        long total = 0;
        while (line < end) {
            int w = (int) (line >>> 6);
            int bit = (int) (line & 63);
            int n = (int) Math.min(64 - bit, end - line);
            long mask = (n == 64 ? -1L : ((1L << n) - 1)) << bit;
            total += Long.bitCount(word(w) & mask);
            line += n;
        }
        return total;
    }

    /** Number of set bits in words [from, from + count) (all within the bitmap). */
    int countSetInWords(int from, int count) {
        int total = 0;
        for (int w = from; w < from + count; w++) {
            total += Long.bitCount(words[w]);
        }
        return total;
    }

    /** A copy of words [from, from + count), zero past the end. */
    long[] copyWords(int from, int count) {
        long[] copy = new long[count];
        int available = Math.max(0, Math.min(count, words.length - from));
        if (available > 0) {
            System.arraycopy(words, from, copy, 0, available);
        }
        return copy;
    }

    /** Overwrites words starting at {@code from} with {@code values} (those past the end are dropped). */
    void putWords(int from, long[] values) {
        int n = Math.max(0, Math.min(values.length, words.length - from));
        System.arraycopy(values, 0, words, from, n);
    }
}
