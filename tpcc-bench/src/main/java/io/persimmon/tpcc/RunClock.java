package io.persimmon.tpcc;

import java.util.concurrent.TimeUnit;

/**
 * The time line of a run, in {@link System#nanoTime()} units: warm-up from {@code start}, measurement
 * from {@code measureStart} to {@code end}. Transactions that complete inside the measurement interval
 * are counted.
 */
record RunClock(long start, long measureStart, long end) {

    static RunClock startingNow(int warmupSeconds, int durationSeconds) {
        long now = System.nanoTime();
        long measureStart = now + TimeUnit.SECONDS.toNanos(warmupSeconds);
        return new RunClock(now, measureStart, measureStart + TimeUnit.SECONDS.toNanos(durationSeconds));
    }

    boolean measuring(long nanos) {
        return nanos >= measureStart && nanos < end;
    }

    boolean finished(long nanos) {
        return nanos >= end;
    }

    /** Whole seconds since the start of the warm-up. */
    long second(long nanos) {
        return (nanos - start) / 1_000_000_000L;
    }

    double measuredSeconds() {
        return (end - measureStart) / 1e9;
    }
}
