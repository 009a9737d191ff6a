package io.persimmon.engine.pmem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;

/**
 * Finds the first byte that is not zero in a stretch of the pool. Recovery uses it to skip a
 * redo-log ring's never-written bytes: a record's header is never all zero, nor is a WRITE
 * operation's code.
 *
 * <p>Recovery runs first thing in a restarted JVM, over megabytes of such bytes (half a ring, 8 MiB
 * by default), so the {@linkplain Seen remembering} form reads a 64 KiB chunk at a time in one
 * bulk copy into a {@code long[]} and tests it in short blocks of plain array loads: a method that
 * small is compiled after a few hundred calls, where the JDK's vectorised
 * {@link MemorySegment#mismatch} runs interpreted through most of the stretch in a cold JVM (it is
 * an intrinsic only in compiled callers, and a 64 KiB call is too few calls to get them compiled).
 * Where a block is not all zero, {@code mismatch} finds the byte.
 */
public final class ZeroBytes {
    private static final int CHUNK = 1 << 16;
    private static final MemorySegment ZEROS = MemorySegment.ofArray(new byte[CHUNK]);
    /** Longs tested per call of {@link #zeroWords}: 4 KiB, so that a cold JVM compiles it early. */
    private static final int BLOCK = 512;

    private ZeroBytes() {}

    /** Offset of the first non-zero byte of {@code s} in [{@code from}, {@code to}); {@code to} when all are zero. */
    public static long firstNonZero(MemorySegment s, long from, long to) {
        for (long at = from; at < to; at += CHUNK) {
            long n = Math.min(CHUNK, to - at);
            long mismatch = MemorySegment.mismatch(s, at, at + n, ZEROS, 0, n);
            if (mismatch >= 0) {
                return at + mismatch;
            }
        }
        return to;
    }

    /**
     * {@link #firstNonZero(MemorySegment, long, long)}, skipping what {@code known} has already
     * seen to be zero and noting what it finds to be, for a series of reads between which nothing
     * writes the bytes they look at. Only native segments (the mapped pool and its slices) are
     * remembered, by address, so slices of one mapping share what was seen; a heap segment is read
     * as by the method above.
     */
    public static long firstNonZero(MemorySegment s, long from, long to, Seen known) {
        if (!s.isNative()) {
            return firstNonZero(s, from, to);
        }
        long base = s.address();
        long at = from;
        while (at < to) {
            long chunk = (base + at) & -CHUNK; // the address of the aligned chunk holding byte at
            long end = Math.min(to, chunk + CHUNK - base);
            if (!known.zero.contains(chunk)) {
                long suspect = known.firstNonZeroBlock(s, at, end);
                if (suspect < end) {
                    long mismatch = MemorySegment.mismatch(s, suspect, end, ZEROS, 0, end - suspect);
                    if (mismatch >= 0) {
                        return suspect + mismatch;
                    }
                }
                if (end - at == CHUNK) {
                    known.zero.add(chunk);
                }
            }
            at = end;
        }
        return to;
    }

    /** Whether {@code w[from..to)} are all zero; a few hundred calls get it compiled. */
    private static boolean zeroWords(long[] w, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            if ((w[i] | w[i + 1] | w[i + 2] | w[i + 3] | w[i + 4] | w[i + 5] | w[i + 6] | w[i + 7]) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (w[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The aligned 64 KiB chunks of memory seen to be all zero, and the array a look at a chunk
     * copies it into. Valid only while nothing writes them: recovery's look past the end of the
     * log (R2, {@code txn.LogDamage}) reads the same never-written half of a ring three times (for
     * a whole record ending the region, for a valid successor, and for a WRITE), each scan of
     * 8 MiB costing a cold JVM tens of milliseconds. One thread uses it.
     */
    public static final class Seen {
        private final HashSet<Long> zero = new HashSet<>();
        private final long[] words = new long[CHUNK / Long.BYTES];

        /**
         * The offset in [{@code at}, {@code end}) (at most one chunk) of the first 4 KiB block
         * (from {@code at}) that holds a byte that is not zero, or {@code end} when all are zero.
         */
        private long firstNonZeroBlock(MemorySegment s, long at, long end) {
            int n = (int) (end - at);
            int count = n / Long.BYTES;
            MemorySegment.copy(s, ValueLayout.JAVA_LONG_UNALIGNED, at, words, 0, count);
            for (int k = 0; k < count; k += BLOCK) {
                if (!zeroWords(words, k, Math.min(count, k + BLOCK))) {
                    return at + (long) k * Long.BYTES;
                }
            }
            return n % Long.BYTES == 0 ? end : at + (long) count * Long.BYTES; // the last few bytes: the caller's mismatch
        }
    }
}
