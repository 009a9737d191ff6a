package io.persimmon.engine.pmem;

import java.lang.foreign.MemorySegment;
import java.util.HashSet;

/**
 * Finds the first byte that is not zero in a stretch of the pool, with the JDK's vectorised
 * {@link MemorySegment#mismatch}. Recovery uses it to skip a redo-log ring's never-written bytes:
 * a record's header is never all zero, nor is a WRITE operation's code.
 */
public final class ZeroBytes {
    private static final int CHUNK = 1 << 16;
    private static final MemorySegment ZEROS = MemorySegment.ofArray(new byte[CHUNK]);

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
                long mismatch = MemorySegment.mismatch(s, at, end, ZEROS, 0, end - at);
                if (mismatch >= 0) {
                    return at + mismatch;
                }
                if (end - at == CHUNK) {
                    known.zero.add(chunk);
                }
            }
            at = end;
        }
        return to;
    }

    /**
     * The aligned 64 KiB chunks of memory seen to be all zero. Valid only while nothing writes
     * them: recovery's look past the end of the log (R2, {@code txn.LogDamage}) reads the same
     * never-written half of a ring three times (for a whole record ending the region, for a valid
     * successor, and for a WRITE), each scan of 8 MiB costing a cold JVM tens of milliseconds.
     */
    public static final class Seen {
        private final HashSet<Long> zero = new HashSet<>();
    }
}
