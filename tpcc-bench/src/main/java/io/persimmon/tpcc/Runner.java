package io.persimmon.tpcc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Drives one measured run: opens a connection per terminal, runs the terminals for the warm-up and the
 * measurement interval, prints a progress line every few seconds, and merges the terminals' statistics.
 */
public final class Runner {

    /** What the terminals measured. */
    record Measurement(Map<TransactionType, TypeStats> stats, ThroughputSeries series, double seconds,
                       Map<String, Long> retryReasons, String firstError, long skippedDeliveries,
                       double cpuSeconds, double loadAverage) {
    }

    private static final int REPORT_EVERY_SECONDS = 5;

    private final Engine engine;
    private final RunConfig config;

    public Runner(Engine engine, RunConfig config) {
        this.engine = engine;
        this.config = config;
    }

    Measurement run(NURand runConstants) throws SQLException, EngineUnavailableException, InterruptedException {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < config.terminals(); i++) {
                connections.add(engine.connect());
            }
            ThroughputSeries series = new ThroughputSeries(config.warmupSeconds(),
                    config.warmupSeconds() + config.durationSeconds() + 1);
            // Warm-up starts now that every connection is open (preparing statements takes milliseconds).
            RunClock clock = RunClock.startingNow(config.warmupSeconds(), config.durationSeconds());
            Terminal.Shared shared = Terminal.Shared.create(clock, series);
            List<Terminal> terminals = new ArrayList<>();
            for (int i = 0; i < config.terminals(); i++) {
                TerminalContext context = TerminalContext.forTerminal(i, config.warehouses(), runConstants);
                terminals.add(new Terminal(i, engine, connections.get(i), context, config.mix(),
                        new TpccRandom(config.seed() * 7919 + i), config.keyingTime(), config.thinkTime(), shared));
            }
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < terminals.size(); i++) {
                threads.add(Thread.ofPlatform().name("tpcc-terminal-" + i).start(terminals.get(i)));
            }
            CpuSampler cpu = new CpuSampler();
            reportProgress(clock, series, cpu);
            double cpuSeconds = cpu.sinceMark();
            cpu.sampleLoad();
            double loadAverage = cpu.maxLoadAverage();
            for (Thread thread : threads) {
                thread.join();
            }
            return merge(terminals, shared, clock, cpuSeconds, loadAverage);
        } finally {
            for (Connection connection : connections) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // Closing is what matters.
                }
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // Nothing more to do.
                }
            }
        }
    }

    /**
     * Sleeps until the end of the run, printing a throughput line every few seconds and marking the
     * process CPU time when the measurement starts.
     */
    private void reportProgress(RunClock clock, ThroughputSeries series, CpuSampler cpu) throws InterruptedException {
        long next = clock.start() + TimeUnit.SECONDS.toNanos(REPORT_EVERY_SECONDS);
        long reportedUpTo = 0;
        boolean marked = false;
        while (true) {
            long now = System.nanoTime();
            if (!marked && now >= clock.measureStart()) {
                cpu.mark();
                marked = true;
            }
            if (marked) {
                cpu.sampleLoad();
            }
            if (clock.finished(now)) {
                return;
            }
            long wake = Math.min(next, clock.end());
            if (!marked) {
                wake = Math.min(wake, clock.measureStart());
            }
            long sleep = wake - now;
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
            if (System.nanoTime() >= next) {
                long second = clock.second(next);
                if (!config.quiet()) {
                    long[] total = series.total();
                    long sum = 0;
                    for (long s = reportedUpTo; s < second && s < total.length; s++) {
                        sum += total[(int) s];
                    }
                    String phase = second <= config.warmupSeconds() ? "warm-up" : "measuring";
                    System.err.printf("[%s] %3d s  %,.0f txn/s  (%s)%n", engine.name(), second,
                            sum / (double) Math.max(1, second - reportedUpTo), phase);
                }
                reportedUpTo = second;
                next += TimeUnit.SECONDS.toNanos(REPORT_EVERY_SECONDS);
            }
        }
    }

    private static Measurement merge(List<Terminal> terminals, Terminal.Shared shared, RunClock clock,
                                     double cpuSeconds, double loadAverage) {
        Map<TransactionType, TypeStats> total = new EnumMap<>(TransactionType.class);
        for (TransactionType type : TransactionType.values()) {
            total.put(type, new TypeStats());
        }
        long skipped = 0;
        for (Terminal terminal : terminals) {
            terminal.stats().forEach((type, stats) -> total.get(type).add(stats));
            skipped += terminal.skippedDeliveries();
        }
        Map<String, Long> reasons = new TreeMap<>();
        shared.retryReasons().forEach((reason, count) -> reasons.put(reason, count.sum()));
        return new Measurement(total, shared.series(), clock.measuredSeconds(), reasons, shared.firstError().get(),
                skipped, cpuSeconds, loadAverage);
    }
}
