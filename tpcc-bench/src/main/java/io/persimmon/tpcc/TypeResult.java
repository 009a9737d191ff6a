package io.persimmon.tpcc;

/**
 * The result of one transaction type over the measurement interval.
 *
 * @param count              completed transactions (committed plus expected rollbacks)
 * @param committed          committed transactions
 * @param aborts             transactions rolled back by design (New-Order's 1% unused item)
 * @param retries            executions retried after a serialization failure, deadlock, lock timeout or busy
 * @param errors             transactions that failed with an error (not retryable, or out of retries)
 * @param txnPerSecond       completed transactions per second
 * @param p50Ms              median latency, milliseconds (including retries)
 * @param p95Ms              95th percentile latency
 * @param p99Ms              99th percentile latency
 * @param maxMs              maximum latency
 * @param meanMs             mean latency
 * @param fencesPerTxn       engine fences per completed transaction, or null when not measured
 * @param flushedLinesPerTxn engine flushed cache lines per completed transaction, or null
 */
public record TypeResult(long count, long committed, long aborts, long retries, long errors, double txnPerSecond,
                         double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs,
                         Double fencesPerTxn, Double flushedLinesPerTxn) {

    static TypeResult of(TypeStats stats, double seconds) {
        long count = stats.completed();
        Double fences = stats.counterSamples == 0 ? null : (double) stats.fences / stats.counterSamples;
        Double lines = stats.counterSamples == 0 ? null : (double) stats.flushedLines / stats.counterSamples;
        boolean any = stats.latencyMicros.getTotalCount() > 0;
        return new TypeResult(count, stats.committed, stats.rolledBack, stats.retries, stats.errors,
                seconds > 0 ? count / seconds : 0,
                any ? ms(stats.latencyMicros.getValueAtPercentile(50)) : 0,
                any ? ms(stats.latencyMicros.getValueAtPercentile(95)) : 0,
                any ? ms(stats.latencyMicros.getValueAtPercentile(99)) : 0,
                any ? ms(stats.latencyMicros.getMaxValue()) : 0,
                any ? stats.latencyMicros.getMean() / 1000.0 : 0,
                fences, lines);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
