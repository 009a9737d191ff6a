package io.persimmon.tpcc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run produced, ready for the JSON, Markdown and chart writers.
 *
 * @param engine            engine name ("h2", "sqlite-full", ...)
 * @param engineDescription what the engine is and how it was configured
 * @param url               JDBC URL
 * @param settings          effective settings read back from the engine
 * @param durability        what survives a killed process and a power loss
 * @param config            the run settings
 * @param loadedRows        rows inserted by the loader
 * @param loadSeconds       load time
 * @param seconds           length of the measurement interval
 * @param perType           results per transaction type (every type present)
 * @param series            transactions per second per type, from the start of the warm-up
 * @param retryReasons      retries by reason, over the whole run
 * @param firstError        the first error message, or null
 * @param skippedDeliveries Delivery districts without an undelivered order, over the whole run
 * @param countersPresent   whether the engine has counters (Persimmon)
 * @param consistency       conditions 1 to 4 after the run
 * @param startedAt         when the run started
 * @param cpuSeconds        CPU time of the whole process during the measurement interval (NaN if unknown)
 * @param loadAverage       the highest one-minute system load average sampled during the measurement (NaN if
 *                          unknown)
 */
public record RunResult(String engine, String engineDescription, String url, String settings, Durability durability,
                        RunConfig config, long loadedRows, double loadSeconds, double seconds,
                        Map<TransactionType, TypeResult> perType, long[][] series, Map<String, Long> retryReasons,
                        String firstError, long skippedDeliveries, boolean countersPresent,
                        ConsistencyResult consistency, Instant startedAt, double cpuSeconds, double loadAverage) {

    /** New-Order transactions completed per minute (committed plus the 1% rolled back by design). */
    public double tpmC() {
        return perType.get(TransactionType.NEW_ORDER).count() * 60.0 / seconds;
    }

    /** Committed New-Order transactions per minute. */
    public double newOrderCommittedPerMinute() {
        return perType.get(TransactionType.NEW_ORDER).committed() * 60.0 / seconds;
    }

    /** All completed transactions per second. */
    public double txnPerSecond() {
        long count = 0;
        for (TypeResult result : perType.values()) {
            count += result.count();
        }
        return count / seconds;
    }

    /** Process CPU milliseconds per completed transaction (all threads: terminals, engine, JIT, GC). */
    public double cpuMsPerTxn() {
        return cpuSeconds * 1000 / (txnPerSecond() * seconds);
    }

    /** Cores the process kept busy on average during the measurement. */
    public double coresBusy() {
        return cpuSeconds / seconds;
    }

    /** Transactions that failed with an error during the measurement. */
    public long errors() {
        long errors = 0;
        for (TypeResult result : perType.values()) {
            errors += result.errors();
        }
        return errors;
    }

    /** Total transactions per second over the measurement interval (warm-up excluded). */
    public long[] measuredThroughput() {
        int warmup = config.warmupSeconds();
        int length = Math.max(0, (int) Math.round(seconds));
        long[] out = new long[length];
        for (long[] type : series) {
            for (int s = 0; s < length && warmup + s < type.length; s++) {
                out[s] += type[warmup + s];
            }
        }
        return out;
    }

    /** Why the run failed, empty when it passed: a consistency violation, or errors. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        if (!consistency.passed()) {
            failures.add("consistency " + consistency.summary());
        }
        if (errors() > 0) {
            failures.add(errors() + " transactions failed with errors (first: " + firstError + ")");
        }
        return failures;
    }

    /** Whether the run passed: consistent and without errors. */
    public boolean passed() {
        return failures().isEmpty();
    }
}
