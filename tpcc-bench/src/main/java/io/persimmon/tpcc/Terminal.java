package io.persimmon.tpcc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One emulated terminal: a thread with its own connection, bound to a home warehouse and district. It
 * draws transactions from the mix, executes them (retrying serialization failures, deadlocks, lock
 * timeouts and busy errors with the same input), and records latency, outcome and engine counters for
 * those that complete inside the measurement interval. Keying and think times are off unless enabled.
 */
final class Terminal implements Runnable {

    /** Retries of one transaction before a retryable failure counts as an error. */
    static final int MAX_RETRIES = 1_000;
    /** A terminal stops after this many consecutive errors (a broken connection, unsupported SQL...). */
    static final int MAX_CONSECUTIVE_ERRORS = 100;
    /** At most this many error messages are printed per run. */
    static final int MAX_LOGGED_ERRORS = 5;

    /** State shared by the terminals of a run. */
    record Shared(RunClock clock, ThroughputSeries series, ConcurrentMap<String, LongAdder> retryReasons,
                  AtomicInteger loggedErrors, AtomicReference<String> firstError) {
        static Shared create(RunClock clock, ThroughputSeries series) {
            return new Shared(clock, series, new ConcurrentHashMap<>(), new AtomicInteger(), new AtomicReference<>());
        }
    }

    private final int index;
    private final Engine engine;
    private final Connection connection;
    private final Mix mix;
    private final TpccRandom random;
    private final boolean keyingTime;
    private final boolean thinkTime;
    private final Shared shared;
    private final Map<TransactionType, TpccTransaction<?>> programs = new EnumMap<>(TransactionType.class);
    private final Map<TransactionType, TypeStats> stats = new EnumMap<>(TransactionType.class);
    private final Delivery delivery;
    private EngineCounters.Counts lastCounts;

    Terminal(int index, Engine engine, Connection connection, TerminalContext context, Mix mix, TpccRandom random,
             boolean keyingTime, boolean thinkTime, Shared shared) throws SQLException {
        this.index = index;
        this.engine = engine;
        this.connection = connection;
        this.mix = mix;
        this.random = random;
        this.keyingTime = keyingTime;
        this.thinkTime = thinkTime;
        this.shared = shared;
        Dialect dialect = engine.dialect();
        delivery = new Delivery(connection, dialect, context);
        programs.put(TransactionType.NEW_ORDER, new NewOrder(connection, dialect, context));
        programs.put(TransactionType.PAYMENT, new Payment(connection, dialect, context));
        programs.put(TransactionType.ORDER_STATUS, new OrderStatus(connection, context));
        programs.put(TransactionType.DELIVERY, delivery);
        programs.put(TransactionType.STOCK_LEVEL, new StockLevel(connection, context));
        for (TransactionType type : TransactionType.values()) {
            stats.put(type, new TypeStats());
        }
        // Commit whatever the statement preparation may have opened.
        connection.commit();
    }

    @Override
    public void run() {
        RunClock clock = shared.clock();
        lastCounts = engine.counters().snapshot(connection).orElse(null);
        int consecutiveErrors = 0;
        while (!clock.finished(System.nanoTime())) {
            TransactionType type = mix.next(random);
            if (keyingTime && !pause(TimeUnit.SECONDS.toMillis(type.keyingSeconds()))) {
                break;
            }
            long start = System.nanoTime();
            Result result = execute(type, programs.get(type));
            long end = System.nanoTime();
            boolean measuring = clock.measuring(end);
            TypeStats typeStats = stats.get(type);
            if (result.outcome() != null) {
                consecutiveErrors = 0;
                shared.series().record(type, clock.second(end));
                if (measuring) {
                    typeStats.recordLatency((end - start) / 1_000);
                    if (result.outcome() == TpccTransaction.Outcome.COMMITTED) {
                        typeStats.committed++;
                    } else {
                        typeStats.rolledBack++;
                    }
                }
            } else {
                consecutiveErrors++;
                if (measuring) {
                    typeStats.errors++;
                }
            }
            if (measuring) {
                typeStats.retries += result.retries();
            }
            sampleCounters(type, measuring);
            if (consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
                System.err.println("terminal " + index + " stopped after " + consecutiveErrors + " consecutive errors");
                break;
            }
            if (thinkTime) {
                double mean = TimeUnit.SECONDS.toMillis(type.meanThinkSeconds());
                double think = Math.min(-Math.log(1.0 - random.nextDouble()) * mean, 10 * mean);
                if (!pause((long) think)) {
                    break;
                }
            }
        }
    }

    /** The terminal's statistics per type. */
    Map<TransactionType, TypeStats> stats() {
        return stats;
    }

    /** Districts Delivery found empty. */
    long skippedDeliveries() {
        return delivery.skippedDistricts();
    }

    private record Result(TpccTransaction.Outcome outcome, int retries) {
    }

    private <I> Result execute(TransactionType type, TpccTransaction<I> program) {
        I input = program.generate(random);
        int retries = 0;
        while (true) {
            try {
                return new Result(program.execute(input), retries);
            } catch (SQLException failure) {
                rollbackQuietly();
                Optional<String> reason = engine.retries().retryReason(failure);
                if (reason.isPresent() && retries < MAX_RETRIES && !shared.clock().finished(System.nanoTime())) {
                    retries++;
                    shared.retryReasons().computeIfAbsent(reason.get(), key -> new LongAdder()).increment();
                    backOff(retries);
                    continue;
                }
                if (reason.isPresent() && shared.clock().finished(System.nanoTime())) {
                    // The run ended while this transaction waited: neither a success nor an error.
                    return new Result(null, retries);
                }
                logError(type, failure, reason.isPresent() ? "gave up after " + retries + " retries: " : "");
                return new Result(null, retries);
            } catch (RuntimeException failure) {
                rollbackQuietly();
                logError(type, new SQLException(failure.toString(), failure), "");
                return new Result(null, retries);
            }
        }
    }

    private void sampleCounters(TransactionType type, boolean measuring) {
        if (!engine.counters().isPresent()) {
            return;
        }
        EngineCounters.Counts now = engine.counters().snapshot(connection).orElse(null);
        if (now != null && lastCounts != null && measuring) {
            EngineCounters.Counts delta = now.minus(lastCounts);
            TypeStats typeStats = stats.get(type);
            typeStats.fences += delta.fences();
            typeStats.flushedLines += delta.flushedLines();
            typeStats.counterSamples++;
        }
        lastCounts = now;
    }

    /** No wait before the first retry, then a random wait of up to 2, 4, ... 32 ms. */
    private void backOff(int retries) {
        if (retries <= 1) {
            return;
        }
        int maxMillis = 1 << Math.min(retries - 1, 5);
        try {
            Thread.sleep(random.uniform(0, maxMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps up to {@code millis}, not past the end of the run; false when the run is over. */
    private boolean pause(long millis) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(shared.clock().end() - System.nanoTime());
        try {
            Thread.sleep(Math.max(0, Math.min(millis, remaining)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !shared.clock().finished(System.nanoTime());
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The next statement reports a broken connection.
        }
    }

    private void logError(TransactionType type, SQLException failure, String prefix) {
        String message = type.label() + " failed on terminal " + index + ": " + prefix + failure.getMessage()
                + " (SQLState " + failure.getSQLState() + ", code " + failure.getErrorCode() + ")";
        shared.firstError().compareAndSet(null, message);
        if (shared.loggedErrors().incrementAndGet() <= MAX_LOGGED_ERRORS) {
            System.err.println(message);
        }
    }
}
