package io.persimmon.tools;

import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The rounds of {@code torture --workload tpcc}: loads the small TPC-C database
 * ({@link TpccTortureData}) into a new pool (an existing one is refused), then kills {@link TpccTortureWorkload} N times;
 * after each kill, {@code check} on the pool as the kill left it, a reopening through JDBC
 * (recovery), {@link TpccTortureVerifier}, and {@code check} again after the database is closed.
 */
final class TpccTorture {
    private final Path pool;
    private final int terminals;
    private final long minDelay;
    private final long maxDelay;
    private final PrintStream out;

    TpccTorture(Path pool, int terminals, long minDelay, long maxDelay, PrintStream out) {
        this.pool = pool;
        this.terminals = terminals;
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
        this.out = out;
    }

    /** Runs {@code kills} rounds; returns the exit code (0: nothing lost, no anomaly). */
    int run(int kills, long seed) throws IOException, InterruptedException, SQLException {
        if (Files.exists(pool)) {
            // The verifier checks every order, payment and delivery against what this run reported,
            // starting from the database it loaded: an older run's work would all look unexplained.
            System.err.println("persimmon torture: " + pool + " exists; the tpcc workload loads its own database "
                    + "into a new pool (remove it or name another)");
            return 2;
        }
        out.println("torture " + pool + ": TPC-C, " + kills + " kill(s), " + terminals + " terminal(s), seed " + seed);
        Random random = new Random(seed);
        try (Connection c = DriverManager.getConnection(TpccTortureWorkload.url(pool))) {
            TpccTortureData.load(c, seed);
        }
        TpccTortureLedger ledger = new TpccTortureLedger();
        long nextId = 1;
        long verified = 0;
        long lost = 0;
        long anomalies = 0;
        for (int round = 1; round <= kills; round++) {
            long delay = minDelay + (maxDelay > minDelay ? random.nextLong(maxDelay - minDelay) : 0);
            int r = round;
            String died = TortureChild.run(round, TpccTortureWorkload.class, List.of(pool.toString(),
                    String.valueOf(terminals), String.valueOf(nextId), String.valueOf(random.nextLong())), delay,
                    line -> ledger.accept(line, r));
            List<String> problems = new ArrayList<>();
            if (died != null) {
                problems.add(died);
            }
            check("check of the killed pool", problems);
            TpccTortureVerifier.Result v = null;
            try (Connection c = DriverManager.getConnection(TpccTortureWorkload.url(pool) + ";create=false")) {
                v = TpccTortureVerifier.verify(c, ledger, round);
                problems.addAll(v.anomalies());
            } catch (SQLException | RuntimeException e) {
                problems.add("reopening or reading the database failed: " + (e instanceof SQLException s
                        ? Targets.describe(s) : PoolInspection.message(e)));
            }
            check("check after recovery", problems); // the database is closed again: a checkpoint, then the check
            anomalies += problems.size();
            if (v == null) {
                out.printf("kill %d after %d ms: the database could not be verified%n", round, delay);
            } else {
                verified += v.verified();
                lost += v.lost();
                out.printf("kill %d after %d ms: %d commit(s) reported, %d rolled back, %d in flight (%d of them "
                                + "committed); lost %d, anomalies %d%n", round, delay, v.committed(), v.rolledBack(),
                        v.inFlight(), v.inFlightCommitted(), v.lost(), problems.size());
                v.losses().stream().limit(10).forEach(l -> out.println("  LOST " + l));
            }
            problems.stream().limit(10).forEach(p -> out.println("  ANOMALY " + p));
            nextId = ledger.highestId() + 1_000;
        }
        out.printf("kills: %d, commits verified: %d, lost: %d, anomalies: %d%n", kills, verified, lost, anomalies);
        return lost == 0 && anomalies == 0 ? 0 : 1;
    }

    /** {@code persimmon check} on the pool as it is (the log's records replayed in a scratch copy beside it). */
    private void check(String what, List<String> problems) {
        try (Pool p = Pool.open(pool, PoolOptions.defaults().withCreate(false).withMode(PersistenceMode.PROCESS))) {
            PoolChecker.run(p, pool.toAbsolutePath().getParent()).problems().forEach(x -> problems.add(what + ": " + x));
        } catch (RuntimeException e) {
            problems.add(what + ": " + PoolInspection.message(e));
        }
        if (!Files.exists(pool)) {
            problems.add(what + ": the pool is gone");
        }
    }
}
