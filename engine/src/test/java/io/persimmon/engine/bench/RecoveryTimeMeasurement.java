package io.persimmon.engine.bench;

import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.DatabaseOptions;
import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.db.Transaction;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Recovery time against database size: builds databases of about 10 MB, 100 MB and 1 GB (a table
 * of 200-byte rows with a secondary index) in {@code process} mode, checkpoints, commits the same
 * 2,000 single-row transactions after the checkpoint, and abandons the database as a killed
 * process would (the pool closed without a checkpoint). Then it times {@code Database.open} of
 * copies of it (mapping, the R2 look at the log's tail, replay of the 2,000 records and the
 * opening checkpoint) two ways, 5 times each ({@code -Druns=N} for another count):
 * <ul>
 * <li><b>cold</b>: each copy opened by a new JVM ({@link RecoveryOpen}, the same {@code java} and
 * class path), as after a crash the restarted process opens it with nothing loaded or compiled:
 * the figure a user sees. The child reports the {@code System.nanoTime()} around
 * {@code Database.open}; the time from this JVM starting the process to the child's {@code main}
 * is reported apart as the JVM's start-up, which is not part of the open. JVM options for the
 * children: {@code -Dpersimmon.bench.childJvmArgs="..."} (split at spaces, as for the SQL layer's
 * {@code FirstQueryMeasurement}; e.g. {@code -Xlog:class+load} or {@code -XX:StartFlightRecording=...}).</li>
 * <li><b>warm</b>: each copy opened in this JVM, after the cold runs: the recovery code has
 * run here before (building the database, and earlier copies), so this is the open's cost once
 * loaded and compiled.</li>
 * </ul>
 * Each copy is written back to the disk, and this JVM left to settle, before it is opened (see
 * {@code copy}). Run with {@code bin/jmh engine --main io.persimmon.engine.bench.RecoveryTimeMeasurement [sizes in MB]}.
 */
public final class RecoveryTimeMeasurement {
    private static final TableDefinition ROWS = TableDefinition.of("ROWS", List.of(
            Column.notNull("ID", ColumnType.BIGINT), Column.nullable("K", ColumnType.INTEGER),
            Column.nullable("PAD", ColumnType.varchar(200))), "ID");

    public static void main(String[] args) throws Exception {
        long[] sizes = args.length == 0 ? new long[] {10, 100, 1000} : Arrays.stream(args).mapToLong(Long::parseLong).toArray();
        int runs = Integer.getInteger("runs", 5);
        Path dir = BenchPools.scratchDirectory("recovery");
        DatabaseOptions options = RecoveryOpen.options();
        System.out.printf("file system %s; %s; %d runs; child JVM options: %s%n", BenchPools.fileSystem(dir),
                Runtime.version(), runs, childJvmArgs());
        System.out.println("data_mb, rows, pool_file_mb, replayed_records, jvm_start_ms (each run), cold_open_ms (each run),"
                + " warm_open_ms (each run), median jvm_start_ms, median cold_open_ms, median warm_open_ms");
        for (long mb : sizes) {
            Path file = dir.resolve("db-" + mb + ".pool");
            long rows = build(file, options, mb << 20);
            long poolBytes = Files.size(file);
            long[] startup = new long[runs];
            long[] cold = new long[runs];
            for (int run = 0; run < runs; run++) {
                Path copy = copy(file, dir, mb, run);
                long[] child = openInNewJvm(copy, rows);
                startup[run] = child[0];
                cold[run] = child[1];
                Files.delete(copy);
            }
            long[] warm = new long[runs];
            for (int run = 0; run < runs; run++) {
                Path copy = copy(file, dir, mb, run);
                long start = System.nanoTime();
                try (Database db = Database.open(copy, options)) {
                    warm[run] = System.nanoTime() - start;
                    check(db.table("ROWS").rowCount(), rows);
                }
                Files.delete(copy);
            }
            System.out.printf("%d, %d, %d, 2000, %s, %s, %s, %.1f, %.1f, %.1f%n", mb, rows, poolBytes >> 20,
                    millis(startup), millis(cold), millis(warm), median(startup), median(cold), median(warm));
            Files.delete(file);
        }
        Files.delete(dir);
    }

    /**
     * A copy of the crashed pool, written back to the disk before it is opened (a restarted process
     * finds its pool on the disk, not 1.3 GB of dirty pages the kernel is still writing back), and
     * half a second for this JVM's own background work (its compiler threads, after the build) to
     * settle: the machine has two cores.
     */
    private static Path copy(Path file, Path dir, long mb, int run) throws IOException, InterruptedException {
        Path copy = dir.resolve("copy-" + mb + "-" + run + ".pool");
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Thread.sleep(500);
        return copy;
    }

    /**
     * Opens {@code pool} in a new JVM; returns the nanoseconds from starting the process to the
     * child's {@code main}, and those of its {@code Database.open}.
     */
    private static long[] openInNewJvm(Path pool, long rows) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(childJvmArgs());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RecoveryOpen.class.getName(), pool.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        long launched = System.nanoTime();
        Process p = builder.start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes()).trim();
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the child JVM failed: " + out);
        }
        // The child's last line (a -Xlog option may write lines before it).
        String[] f = out.substring(out.lastIndexOf('\n') + 1).split(" ");
        check(Long.parseLong(f[3]), rows);
        return new long[] {Long.parseLong(f[0]) - launched, Long.parseLong(f[2]) - Long.parseLong(f[1])};
    }

    private static List<String> childJvmArgs() {
        String args = System.getProperty("persimmon.bench.childJvmArgs", "").trim();
        return args.isEmpty() ? List.of() : List.of(args.split(" +"));
    }

    private static void check(long recovered, long rows) {
        if (recovered != rows) {
            throw new IllegalStateException("recovered " + recovered + " rows of " + rows);
        }
    }

    private static String millis(long[] nanos) {
        return Arrays.stream(nanos).mapToObj(t -> String.format("%.1f", t / 1e6)).collect(Collectors.joining(" "));
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    /** Fills a database to about {@code bytes}, then leaves 2,000 commits after its last checkpoint. */
    private static long build(Path file, DatabaseOptions options, long bytes) {
        long id = 0;
        String pad = "p".repeat(180);
        Pool pool = Pool.open(file, options.pool());
        Database db = Database.attach(pool, options);
        Table t = db.createTable(ROWS);
        db.createIndex(IndexDefinition.of("BY_K", ROWS, false, "K"));
        long base = pool.allocator().allocatedBytes(); // the log areas and the catalog
        while (pool.allocator().allocatedBytes() - base < bytes) {
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                for (int i = 0; i < 1000; i++, id++) {
                    tx.insert(t, new Object[] {id, (int) (id % 1000), pad});
                }
                tx.commit();
            }
        }
        db.checkpoint();
        for (int i = 0; i < 2000; i++, id++) {
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                tx.insert(t, new Object[] {id, (int) (id % 1000), pad});
                tx.commit();
            }
        }
        pool.close(); // a killed process: no checkpoint after the last 2,000 commits
        return id;
    }
}
