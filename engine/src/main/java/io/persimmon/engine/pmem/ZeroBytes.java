package io.persimmon.engine.pmem;

import java.lang.foreign.MemorySegment;

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
}
