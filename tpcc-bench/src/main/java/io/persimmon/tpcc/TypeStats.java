package io.persimmon.tpcc;

import org.HdrHistogram.Histogram;

/**
 * The measurements of one transaction type: latency histogram (microseconds, HdrHistogram), outcomes,
 * retries, errors and engine counters. Each terminal owns its own (no locking); the runner merges them.
 */
final class TypeStats {

    /** Latencies up to one hour, three significant digits. */
    private static final long MAX_MICROS = 3_600_000_000L;

    final Histogram latencyMicros = new Histogram(MAX_MICROS, 3);
    long committed;
    long rolledBack;
    long retries;
    long errors;
    long fences;
    long flushedLines;
    long counterSamples;

    void recordLatency(long micros) {
        latencyMicros.recordValue(Math.min(Math.max(micros, 1), MAX_MICROS));
    }

    /** Transactions that completed: committed, or rolled back by design. */
    long completed() {
        return committed + rolledBack;
    }

    void add(TypeStats other) {
        latencyMicros.add(other.latencyMicros);
        committed += other.committed;
        rolledBack += other.rolledBack;
        retries += other.retries;
        errors += other.errors;
        fences += other.fences;
        flushedLines += other.flushedLines;
        counterSamples += other.counterSamples;
    }
}
