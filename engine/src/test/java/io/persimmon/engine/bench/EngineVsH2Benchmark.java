package io.persimmon.engine.bench;

import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.DatabaseOptions;
import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.db.Transaction;
import io.persimmon.engine.pmem.PersistenceCounters;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.TransactionMap;
import org.h2.mvstore.tx.TransactionStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The same work on Persimmon's Database API and on H2's MVStore {@code TransactionStore}: a point
 * read in its own transaction, a one-row update committed, ten new rows committed, and ten rows
 * read and ten updated in one transaction, over a table of {@link #ROWS} rows (integer key, a
 * 40-character name, a long), shared by the benchmark's threads ({@code -t 1} and {@code -t 2}).
 *
 * <ul>
 *   <li>{@code persimmon}: {@code process} mode; a commit is durable against a killed process when
 *       it returns (the redo record is in the mapped file; one fence, which counts but costs no
 *       system call).</li>
 *   <li>{@code h2}: an MVStore file with its default background writer; a commit returns before
 *       anything reaches the file, so a killed process loses up to the last second of commits
 *       (weaker than Persimmon's).</li>
 *   <li>{@code h2-commit}: the same, and {@code MVStore.commit()} after each write transaction, so
 *       its changes are written to the file (the page cache) before it returns: durable against a
 *       killed process, as Persimmon's process mode is. Neither syncs to the disk.</li>
 * </ul>
 *
 * <pre>bin/jmh engine EngineVsH2Benchmark -f 1 -wi 2 -i 3</pre>
 *
 * At the end of each trial the Persimmon state prints its flushes and fences per write commit,
 * checkpoints and garbage collection included; {@link CommitCosts} prints those of the commits
 * alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineVsH2Benchmark {
    /** Rows loaded before the measurement. */
    static final int ROWS = 100_000;

    /** The operations each engine provides. */
    interface Engine extends AutoCloseable {
        Object[] read(int key);

        void update(int key, long qty);

        /** Inserts rows {@code first} to {@code first + count - 1} in one transaction. */
        void insert(int first, int count);

        /**
         * Reads the rows {@code reads} and replaces the rows {@code updates} (ascending, so that
         * two threads never wait for each other in a cycle) in one transaction.
         */
        void readWrite(int[] reads, int[] updates, long qty);

        @Override
        void close();
    }

    static String name(int key) {
        String s = "name-" + key + "-";
        return (s + "x".repeat(40)).substring(0, 40);
    }

    /** The engine under test, loaded with {@link #ROWS} rows, shared by the benchmark's threads ({@code -t 2}). */
    @State(Scope.Benchmark)
    public static class Setting {
        @Param({"persimmon", "h2", "h2-commit"})
        public String engine;

        Path directory;
        Engine e;
        final java.util.concurrent.atomic.AtomicInteger nextKey = new java.util.concurrent.atomic.AtomicInteger(ROWS);

        @Setup(Level.Trial)
        public void open() throws IOException {
            directory = BenchPools.scratchDirectory("vs-h2");
            e = switch (engine) {
                case "persimmon" -> new PersimmonEngine(directory.resolve("bench.pool"));
                case "h2" -> new H2Engine(directory.resolve("bench.mv.db"), false);
                case "h2-commit" -> new H2Engine(directory.resolve("bench.mv.db"), true);
                default -> throw new IllegalArgumentException(engine);
            };
            for (int k = 0; k < ROWS; k += 1000) {
                e.insert(k, 1000);
            }
            if (e instanceof PersimmonEngine p) {
                p.startCounting();
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            if (e instanceof PersimmonEngine p) {
                p.printCounts();
            }
            e.close();
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Benchmark
    public Object[] pointRead(Setting s) {
        return s.e.read(ThreadLocalRandom.current().nextInt(ROWS));
    }

    @Benchmark
    public void updateOneRowCommit(Setting s) {
        s.e.update(ThreadLocalRandom.current().nextInt(ROWS), ThreadLocalRandom.current().nextLong());
    }

    @Benchmark
    public void insertTenRowsCommit(Setting s) {
        s.e.insert(s.nextKey.getAndAdd(10), 10);
    }

    /** About twenty rows: ten read and ten updated, committed. */
    @Benchmark
    public void readWriteTwentyRowsCommit(Setting s) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int[] keys = random.ints(0, ROWS).distinct().limit(20).toArray();
        int[] updates = java.util.Arrays.copyOfRange(keys, 10, 20);
        java.util.Arrays.sort(updates);
        s.e.readWrite(java.util.Arrays.copyOf(keys, 10), updates, random.nextLong());
    }

    /** Persimmon: one table with an integer primary key, in process mode. */
    static final class PersimmonEngine implements Engine {
        final Database db;
        final Table table;
        PersistenceCounters.Snapshot start;
        long commitsAtStart;

        PersimmonEngine(Path file) {
            this(Database.open(file, DatabaseOptions.defaults()
                    .withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withDeleteOnClose(true))
                    .withLog(4, 16L << 20)));
        }

        PersimmonEngine(Database db) {
            this.db = db;
            table = db.createTable(TableDefinition.of("ITEMS", List.of(
                    Column.notNull("ID", ColumnType.INTEGER),
                    Column.nullable("NAME", ColumnType.varchar(40)),
                    Column.nullable("QTY", ColumnType.BIGINT)), "ID"));
        }

        void startCounting() {
            start = db.pool().persistence().counters().total();
            commitsAtStart = db.commits();
        }

        void printCounts() {
            PersistenceCounters.Snapshot used = db.pool().persistence().counters().total().minus(start);
            long commits = db.commits() - commitsAtStart;
            System.out.printf("%npersimmon: %d write commits, %d fences (%.3f per commit), %d lines flushed "
                            + "(%.2f per commit), %d bytes persisted (%.0f per commit), %d checkpoints in all; "
                            + "counts include checkpoints and garbage collection%n",
                    commits, used.fences(), (double) used.fences() / commits, used.flushedLines(),
                    (double) used.flushedLines() / commits, used.bytesPersisted(),
                    (double) used.bytesPersisted() / commits, db.checkpoints());
        }

        @Override
        public Object[] read(int key) {
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                Object[] row = tx.get(table, table.key(key));
                tx.commit();
                return row;
            }
        }

        @Override
        public void update(int key, long qty) {
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                tx.update(table, table.key(key), new Object[] {key, name(key), qty});
                tx.commit();
            }
        }

        @Override
        public void insert(int first, int count) {
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                for (int k = first; k < first + count; k++) {
                    tx.insert(table, new Object[] {k, name(k), (long) k});
                }
                tx.commit();
            }
        }

        @Override
        public void readWrite(int[] reads, int[] updates, long qty) {
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                for (int k : reads) {
                    tx.get(table, table.key(k));
                }
                for (int k : updates) {
                    tx.update(table, table.key(k), new Object[] {k, name(k), qty});
                }
                tx.commit();
            }
        }

        @Override
        public void close() {
            db.close();
        }
    }

    /** H2 MVStore with its TransactionStore: a map from Integer to Object[] {name, qty}. */
    static final class H2Engine implements Engine {
        final MVStore store;
        final TransactionStore transactions;
        final boolean commitStore;

        H2Engine(Path file, boolean commitStore) {
            this.store = new MVStore.Builder().fileName(file.toString()).open();
            this.transactions = new TransactionStore(store);
            this.transactions.init();
            this.commitStore = commitStore;
        }

        @Override
        public Object[] read(int key) {
            org.h2.mvstore.tx.Transaction tx = transactions.begin();
            TransactionMap<Integer, Object[]> map = tx.openMap("items");
            Object[] row = map.get(key);
            tx.commit();
            return row;
        }

        @Override
        public void update(int key, long qty) {
            write(map -> map.put(key, new Object[] {name(key), qty}));
        }

        /**
         * An insert refuses a key that is there, as Persimmon's does: {@code putIfAbsent}, which is
         * what H2's own SQL INSERT calls on its primary index ({@code MVPrimaryIndex.add}), not
         * {@code put}, which would replace the row.
         */
        @Override
        public void insert(int first, int count) {
            write(map -> {
                for (int k = first; k < first + count; k++) {
                    if (map.putIfAbsent(k, new Object[] {name(k), (long) k}) != null) {
                        throw new IllegalStateException("duplicate key " + k);
                    }
                }
            });
        }

        @Override
        public void readWrite(int[] reads, int[] updates, long qty) {
            write(map -> {
                for (int k : reads) {
                    map.get(k);
                }
                for (int k : updates) {
                    map.put(k, new Object[] {name(k), qty});
                }
            });
        }

        /**
         * One write transaction, committed; retried when a row is locked by another thread's
         * transaction (the TransactionStore refuses at once where Persimmon waits for the lock).
         */
        private void write(java.util.function.Consumer<TransactionMap<Integer, Object[]>> work) {
            while (true) {
                org.h2.mvstore.tx.Transaction tx = transactions.begin();
                try {
                    work.accept(tx.openMap("items"));
                } catch (org.h2.mvstore.MVStoreException locked) {
                    tx.rollback();
                    Thread.onSpinWait();
                    continue;
                }
                tx.commit();
                if (commitStore) {
                    store.commit(); // writes the changes to the file before returning
                }
                return;
            }
        }

        @Override
        public void close() {
            transactions.close();
            store.close();
        }
    }

    /**
     * The persistence cost of each operation alone: 1,000 of each on a loaded table, with log
     * areas large enough that no checkpoint runs and no background garbage collection, counted
     * with {@code pool.persistence().counters()}.
     *
     * <pre>java -cp engine/target/test-classes:engine/target/classes:... \
     *     io.persimmon.engine.bench.EngineVsH2Benchmark\$CommitCosts</pre>
     */
    public static final class CommitCosts {
        private CommitCosts() {}

        public static void main(String[] args) throws IOException {
            Path directory = BenchPools.scratchDirectory("costs");
            Path file = directory.resolve("costs.pool");
            try (Database db = Database.open(file, DatabaseOptions.defaults()
                    .withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withDeleteOnClose(true))
                    .withLog(1, 64L << 20).withGcThreshold(0))) {
                PersimmonEngine e = new PersimmonEngine(db);
                for (int k = 0; k < 10_000; k += 1000) {
                    e.insert(k, 1000);
                }
                db.checkpoint();
                measure(db, "point read (no commit record)", () -> e.read(ThreadLocalRandom.current().nextInt(10_000)));
                measure(db, "one-row update commit", () -> e.update(ThreadLocalRandom.current().nextInt(10_000), 7));
                int[] next = {10_000};
                measure(db, "ten-row insert commit", () -> {
                    e.insert(next[0], 10);
                    next[0] += 10;
                });
            } finally {
                Files.deleteIfExists(directory);
            }
        }

        private static void measure(Database db, String what, Runnable op) {
            long checkpoints = db.checkpoints();
            PersistenceCounters.Snapshot before = db.pool().persistence().counters().total();
            int n = 1000;
            for (int i = 0; i < n; i++) {
                op.run();
            }
            PersistenceCounters.Snapshot used = db.pool().persistence().counters().total().minus(before);
            System.out.printf("%-30s per operation: %.2f fences, %.2f lines flushed, %.0f bytes persisted"
                            + " (%d checkpoints during the %d operations)%n", what, (double) used.fences() / n,
                    (double) used.flushedLines() / n, (double) used.bytesPersisted() / n,
                    db.checkpoints() - checkpoints, n);
        }
    }
}
