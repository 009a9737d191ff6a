package io.persimmon.engine.pmem;

/** Cache-line arithmetic: the unit in which stores are written back to the medium. */
public final class CacheLines {
    /** Bytes in a cache line: the unit of write-back (CLWB) and of the crash simulator's capture. */
    public static final int LINE = 64;
    /** Bytes in a failure-atomic store: only an aligned 8-byte store survives a crash whole. */
    public static final int WORD = 8;

    private CacheLines() {}

    /** First byte of the line that holds {@code offset}. */
    public static long lineStart(long offset) {
        return offset & ~(long) (LINE - 1);
    }

    /** Number of lines touched by the range {@code [offset, offset + length)}; 0 for an empty range. */
    public static long linesCovering(long offset, long length) {
        if (length <= 0) {
            return 0;
        }
        return (lineStart(offset + length - 1) - lineStart(offset)) / LINE + 1;
    }

    /** {@code value} rounded up to a multiple of {@code unit} (a power of two). */
    public static long alignUp(long value, long unit) {
        return (value + unit - 1) & -unit;
    }
}
