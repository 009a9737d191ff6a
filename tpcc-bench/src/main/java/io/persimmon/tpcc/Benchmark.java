package io.persimmon.tpcc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * One complete benchmark of one engine: load a fresh database, run the mix, check consistency, and
 * return a {@link RunResult}. Progress goes to stderr.
 */
public final class Benchmark {

    private Benchmark() {
    }

    /**
     * Loads and runs {@code engine} with {@code config}.
     *
     * @throws EngineUnavailableException when the engine has no JDBC driver here
     */
    public static RunResult run(Engine engine, RunConfig config)
            throws SQLException, EngineUnavailableException, InterruptedException {
        Instant startedAt = Instant.now();
        String settings = engine.effectiveSettings();
        if (!config.quiet()) {
            System.err.println("== " + engine.name() + ": " + engine.description());
            System.err.println("   " + settings);
            System.err.println("   durability: " + engine.durability().label() + ". " + engine.durability().summary());
        }

        TpccRandom seeds = new TpccRandom(config.seed());
        NURand loadConstants = NURand.forLoad(seeds);
        NURand runConstants = NURand.forRun(loadConstants, seeds);

        long loadStart = System.nanoTime();
        TpccLoader loader = new TpccLoader(engine, config.warehouses(), loadConstants, config.seed(), config.loaderThreads());
        long rows;
        try (ProgressBar progress = new ProgressBar("[" + engine.name() + "] loading " + config.warehouses() + " warehouse"
                + (config.warehouses() == 1 ? "" : "s"), TpccLoader.expectedRows(config.warehouses()),
                !config.quiet() && ProgressBar.isInteractive(), System.err)) {
            rows = loader.load(progress);
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        if (!config.quiet()) {
            System.err.printf("[%s] loaded %,d rows in %.1f s with %d thread%s%n", engine.name(), rows, loadSeconds,
                    config.loaderThreads(), config.loaderThreads() == 1 ? "" : "s");
        }

        Runner.Measurement measurement = new Runner(engine, config).run(runConstants);

        ConsistencyResult consistency;
        try (Connection connection = engine.connect()) {
            consistency = ConsistencyCheck.check(connection, config.warehouses());
        }

        Map<TransactionType, TypeResult> perType = new EnumMap<>(TransactionType.class);
        long[][] series = new long[TransactionType.values().length][];
        for (TransactionType type : TransactionType.values()) {
            perType.put(type, TypeResult.of(measurement.stats().get(type), measurement.seconds()));
            series[type.ordinal()] = measurement.series().of(type);
        }
        RunResult result = new RunResult(engine.name(), engine.description(), engine.url(), settings,
                engine.durability(), config, rows, loadSeconds, measurement.seconds(), perType, series,
                measurement.retryReasons(), measurement.firstError(), measurement.skippedDeliveries(),
                engine.counters().isPresent(), consistency, startedAt, measurement.cpuSeconds(),
                measurement.loadAverage());
        if (!config.quiet()) {
            System.err.printf("[%s] %,.0f tpmC, %,.0f txn/s, consistency %s%n", engine.name(), result.tpmC(),
                    result.txnPerSecond(), consistency.summary());
        }
        return result;
    }
}
