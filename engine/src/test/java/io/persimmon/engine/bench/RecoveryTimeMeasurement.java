package io.persimmon.engine.bench;

import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.DatabaseOptions;
import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.db.Transaction;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Recovery time against database size: builds databases of about 10 MB, 100 MB and 1 GB (a table
 * of 200-byte rows with a secondary index) in {@code process} mode, checkpoints, commits the same
 * 2,000 single-row transactions after the checkpoint, abandons the database as a killed process
 * would (the pool closed without a checkpoint), then times opening copies of it: mapping, replay
 * of the 2,000 records and the closing checkpoint, 3 times (-Druns=N for more). Run with
 * {@code bin/jmh engine --main io.persimmon.engine.bench.RecoveryTimeMeasurement [sizes in MB]}.
 */
public final class RecoveryTimeMeasurement {
    private static final TableDefinition ROWS = TableDefinition.of("ROWS", List.of(
            Column.notNull("ID", ColumnType.BIGINT), Column.nullable("K", ColumnType.INTEGER),
            Column.nullable("PAD", ColumnType.varchar(200))), "ID");

    public static void main(String[] args) throws Exception {
        long[] sizes = args.length == 0 ? new long[] {10, 100, 1000} : java.util.Arrays.stream(args).mapToLong(Long::parseLong).toArray();
        Path dir = BenchPools.scratchDirectory("recovery");
        DatabaseOptions options = DatabaseOptions.defaults().withGcThreshold(0)
                .withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withMaxSize(8L << 30));
        System.out.printf("file system %s; %s%n", BenchPools.fileSystem(dir), Runtime.version());
        System.out.println("data_mb, rows, pool_file_mb, replayed_records, open_ms (each run), median_ms");
        for (long mb : sizes) {
            Path file = dir.resolve("db-" + mb + ".pool");
            long rows = build(file, options, mb << 20);
            long poolBytes = Files.size(file);
            long[] times = new long[Integer.getInteger("runs", 3)];
            for (int run = 0; run < times.length; run++) {
                Path copy = dir.resolve("copy-" + mb + "-" + run + ".pool");
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                long start = System.nanoTime();
                try (Database db = Database.open(copy, options)) {
                    times[run] = System.nanoTime() - start;
                    if (db.table("ROWS").rowCount() != rows) {
                        throw new IllegalStateException("recovered " + db.table("ROWS").rowCount() + " rows of " + rows);
                    }
                }
                Files.delete(copy);
            }
            long[] sorted = times.clone();
            java.util.Arrays.sort(sorted);
            System.out.printf("%d, %d, %d, 2000, %s, %.1f%n", mb, rows, poolBytes >> 20,
                    java.util.Arrays.stream(times).mapToObj(t -> String.format("%.1f", t / 1e6))
                            .collect(java.util.stream.Collectors.joining(" ")), sorted[sorted.length / 2] / 1e6);
            Files.delete(file);
        }
        Files.delete(dir);
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
