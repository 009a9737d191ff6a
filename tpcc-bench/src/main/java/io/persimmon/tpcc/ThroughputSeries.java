package io.persimmon.tpcc;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Completed transactions per second and per type, from the start of the warm-up to the end of the run,
 * for the throughput-over-time chart. Shared by all terminals.
 */
final class ThroughputSeries {

    private final int seconds;
    private final int warmupSeconds;
    private final AtomicLongArray counts;

    ThroughputSeries(int warmupSeconds, int totalSeconds) {
        this.warmupSeconds = warmupSeconds;
        this.seconds = Math.max(1, totalSeconds);
        this.counts = new AtomicLongArray(TransactionType.values().length * this.seconds);
    }

    /** Counts one completed transaction {@code second} seconds after the start of the warm-up. */
    void record(TransactionType type, long second) {
        if (second >= 0 && second < seconds) {
            counts.incrementAndGet(type.ordinal() * seconds + (int) second);
        }
    }

    /** Seconds covered (warm-up plus measurement). */
    int seconds() {
        return seconds;
    }

    /** Seconds of warm-up at the start of the series. */
    int warmupSeconds() {
        return warmupSeconds;
    }

    /** Transactions of {@code type} per second. */
    long[] of(TransactionType type) {
        long[] out = new long[seconds];
        for (int s = 0; s < seconds; s++) {
            out[s] = counts.get(type.ordinal() * seconds + s);
        }
        return out;
    }

    /** All transactions per second. */
    long[] total() {
        long[] out = new long[seconds];
        for (TransactionType type : TransactionType.values()) {
            long[] series = of(type);
            for (int s = 0; s < seconds; s++) {
                out[s] += series[s];
            }
        }
        return out;
    }
}
