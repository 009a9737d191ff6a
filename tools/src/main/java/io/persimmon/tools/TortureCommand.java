package io.persimmon.tools;

import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.Index;
import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.db.KeyRange;
import io.persimmon.engine.db.RowCursor;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.db.Transaction;
import io.persimmon.engine.pool.Pool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code persimmon torture --pool P --kills N}: starts a child JVM running {@link TortureWorkload}
 * on the pool in {@code process} mode, kills it with SIGKILL at a random moment, runs
 * {@code check} on the pool as the kill left it, reopens the database (recovery), checks it
 * again, and verifies row by row that every transaction the
 * child reported committed is there and nothing else ({@link TortureVerifier}); N times. With
 * {@code --workload tpcc} the child runs TPC-C's transactions instead ({@link TpccTorture}). Ends
 * with {@code kills: N, commits verified: M, lost: L, anomalies: A} and exits 1 when L or A is
 * not 0.
 */
@Command(name = "torture", mixinStandardHelpOptions = true,
        description = "Kill -9 a workload again and again; after each kill reopen, check and verify every reported commit.")
final class TortureCommand implements Callable<Integer> {
    @Option(names = "--pool", required = true, description = "the pool file (created when missing)")
    Path pool;

    @Option(names = "--kills", defaultValue = "10", description = "how many times to kill the child (default: ${DEFAULT-VALUE})")
    int kills;

    @Option(names = "--workload", defaultValue = "random", description = "the workload: random (rows of one table) "
            + "or tpcc (TPC-C's New-Order, Payment and Delivery through JDBC)")
    String workload;

    @Option(names = "--threads", defaultValue = "4", description = "writer threads (tpcc: terminals) in the child (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--keys", defaultValue = "2000", description = "distinct keys written (default: ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--min-delay-ms", defaultValue = "300", description = "earliest kill after the child is ready")
    long minDelay;

    @Option(names = "--max-delay-ms", defaultValue = "2000", description = "latest kill after the child is ready")
    long maxDelay;

    @Option(names = "--seed", description = "seed of the kill moments and the workload (default: random)")
    Long seed;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (!workload.equals("random") && !workload.equals("tpcc")) {
            System.err.println("persimmon torture: workload '" + workload + "' is not available; use random or tpcc");
            return 2;
        }
        long s = seed != null ? seed : new Random().nextLong();
        if (workload.equals("tpcc")) {
            return new TpccTorture(pool, threads, minDelay, maxDelay, out).run(kills, s);
        }
        Random random = new Random(s);
        out.println("torture " + pool + ": " + kills + " kill(s), " + threads + " thread(s), " + keys + " keys, seed " + s);
        Map<Integer, Long> state = new HashMap<>();
        long nextCounter = 1;
        long nextTx = 1;
        if (Files.exists(pool)) {
            state = readState(pool, new ArrayList<>());
            nextCounter = state.values().stream().mapToLong(Long::longValue).max().orElse(0) + 1_000_000;
        }
        long verified = 0;
        long lost = 0;
        long anomalies = 0;
        for (int round = 1; round <= kills; round++) {
            long delay = minDelay + (maxDelay > minDelay ? random.nextLong(maxDelay - minDelay) : 0);
            TortureVerifier verifier = new TortureVerifier();
            String died = runChild(round, nextCounter, nextTx, random.nextLong(), delay, verifier);
            List<String> problems = new ArrayList<>();
            if (died != null) {
                problems.add(died);
            }
            Map<Integer, TortureVerifier.Found> found = new HashMap<>();
            try {
                Map<Integer, Long> after = readAndCheck(pool, found, problems);
                TortureVerifier.Result r = verifier.verify(state, found);
                problems.addAll(r.anomalies());
                verified += r.verified();
                lost += r.lost();
                anomalies += problems.size();
                out.printf("kill %d after %d ms: %d commit(s) reported, %d in flight (%d of them committed); "
                                + "%d row(s); lost %d, anomalies %d%n", round, delay, r.committed(), r.inFlight(),
                        r.inFlightCommitted(), after.size(), r.lost(), problems.size());
                r.losses().stream().limit(10).forEach(l -> out.println("  LOST " + l));
                state = after;
            } catch (RuntimeException e) {
                problems.add("reopening or reading the database failed: " + PoolInspection.message(e));
                anomalies += problems.size();
                out.printf("kill %d after %d ms: the database could not be verified%n", round, delay);
            }
            problems.stream().limit(10).forEach(p -> out.println("  ANOMALY " + p));
            nextCounter = Math.max(nextCounter, verifier.highestCounter() + 1) + 1_000;
            nextTx = Math.max(nextTx, verifier.highestTx() + 1) + 1_000;
        }
        out.printf("kills: %d, commits verified: %d, lost: %d, anomalies: %d%n", kills, verified, lost, anomalies);
        return lost == 0 && anomalies == 0 ? 0 : 1;
    }

    /** Runs one child until it has worked {@code delayMillis} after saying READY, kills it, and feeds its report to {@code verifier}. */
    private String runChild(int round, long counter, long tx, long childSeed, long delayMillis, TortureVerifier verifier)
            throws IOException, InterruptedException {
        return TortureChild.run(round, TortureWorkload.class, List.of(pool.toString(), String.valueOf(threads),
                String.valueOf(keys), String.valueOf(counter), String.valueOf(tx), String.valueOf(childSeed)),
                delayMillis, verifier::accept);
    }

    /**
     * Checks the pool as the kill left it ({@code persimmon check}: the log's records replayed in a
     * scratch copy), then opens the database (recovery), checks it again, and reads the table's
     * rows; returns key to number.
     */
    private static Map<Integer, Long> readAndCheck(Path pool, Map<Integer, TortureVerifier.Found> found,
                                                   List<String> problems) {
        try (Pool killed = Pool.open(pool, TortureWorkload.options().pool().withCreate(false))) {
            Path scratch = pool.toAbsolutePath().getParent();
            PoolChecker.run(killed, scratch).problems().forEach(p -> problems.add("check of the killed pool: " + p));
        }
        try (Database db = Database.open(pool, TortureWorkload.options())) {
            CheckReport report = db.check();
            report.problems().forEach(p -> problems.add("check: " + p));
            return rows(db, found, problems);
        }
    }

    private static Map<Integer, Long> readState(Path pool, List<String> problems) {
        try (Database db = Database.open(pool, TortureWorkload.options())) {
            return rows(db, new HashMap<>(), problems);
        }
    }

    private static Map<Integer, Long> rows(Database db, Map<Integer, TortureVerifier.Found> found, List<String> problems) {
        Map<Integer, Long> state = new HashMap<>();
        Optional<Table> table = db.findTable(TortureWorkload.TABLE);
        if (table.isEmpty()) {
            return state;
        }
        Table t = table.get();
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            try (RowCursor c = tx.scan(t, KeyRange.ALL, false)) {
                while (c.next()) {
                    Object[] row = c.row();
                    int key = (Integer) row[0];
                    long counter = (Long) row[1];
                    long writer = (Long) row[2];
                    if (!Arrays.equals(row, TortureWorkload.row(key, counter, writer))) {
                        problems.add("key " + key + ": row " + Arrays.toString(row) + " is not the row its number "
                                + counter + " wrote");
                    }
                    state.put(key, counter);
                    found.put(key, new TortureVerifier.Found(counter, writer));
                }
            }
            Optional<Index> index = db.findIndex(TortureWorkload.INDEX);
            if (index.isPresent() && index.get().isReady()) {
                long viaIndex = 0;
                try (RowCursor c = tx.scanIndex(index.get(), KeyRange.ALL, false)) {
                    while (c.next()) {
                        Object[] row = c.row();
                        if (!Long.valueOf((Long) row[1]).equals(state.get((Integer) row[0]))) {
                            problems.add("index " + TortureWorkload.INDEX + " yields " + Arrays.toString(row)
                                    + ", which the table scan does not");
                        }
                        viaIndex++;
                    }
                }
                if (viaIndex != state.size()) {
                    problems.add("index " + TortureWorkload.INDEX + " yields " + viaIndex + " rows, the table "
                            + state.size());
                }
            }
        }
        return state;
    }
}
