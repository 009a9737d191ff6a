package io.persimmon.engine.pmem;

/**
 * Optional spin that projects persistent-memory timings onto DRAM: a cost per flushed cache line
 * and per fence. Off by default ({@link #NONE}).
 *
 * @param nanosPerLine spin per cache line flushed
 * @param nanosPerFence spin per fence
 */
public record LatencyEmulation(long nanosPerLine, long nanosPerFence) {
    /** No emulation. */
    public static final LatencyEmulation NONE = new LatencyEmulation(0, 0);
    /**
     * Rough Optane DC PMM (App Direct) figures: a write-back of a line costs about 100 ns of
     * bandwidth-bound media time, a fence that waits for the write-pending queue about 500 ns.
     */
    public static final LatencyEmulation OPTANE = new LatencyEmulation(100, 500);

    public LatencyEmulation {
        if (nanosPerLine < 0 || nanosPerFence < 0) {
            throw new IllegalArgumentException("latency emulation needs non-negative nanoseconds");
        }
    }

    /** Parses {@code off}, {@code optane}, or {@code <ns per line>/<ns per fence>}. */
    public static LatencyEmulation parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.isEmpty() || t.equals("off") || t.equals("none")) {
            return NONE;
        }
        if (t.equals("optane")) {
            return OPTANE;
        }
        int slash = t.indexOf('/');
        if (slash > 0) {
            try {
                return new LatencyEmulation(Long.parseLong(t.substring(0, slash)),
                        Long.parseLong(t.substring(slash + 1)));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("unknown latency emulation '" + text
                + "' (expected off, optane, or <ns per line>/<ns per fence>)");
    }

    boolean enabled() {
        return nanosPerLine > 0 || nanosPerFence > 0;
    }

    void onFlush(long lines) {
        spin(lines * nanosPerLine);
    }

    void onFence() {
        spin(nanosPerFence);
    }

    private static void spin(long nanos) {
        if (nanos <= 0) {
            return;
        }
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
