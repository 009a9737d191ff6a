package io.persimmon.engine.db;

import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.pmem.PersistenceCounters;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** In msync mode, concurrent commits share msyncs, and every one of them is durable and visible. */
class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void concurrentCommitsShareMsyncs() throws Exception {
        DatabaseOptions options = DatabaseOptions.defaults()
                .withPool(PoolOptions.defaults().withMode(PersistenceMode.MSYNC)).withLog(1, 4 << 20)
                .withIdleCheckpointAfter(java.time.Duration.ZERO); // counts every fence of the stretch
        Path file = dir.resolve("db.pool");
        int threads = 8;
        int each = 60;
        long syncs;
        try (Database db = Database.open(file, options)) {
            Table t = db.createTable(TableDefinition.of("T", List.of(Column.notNull("K", ColumnType.INTEGER),
                    Column.nullable("V", ColumnType.varchar(30))), "K"));
            PersistenceCounters counters = db.pool().persistence().counters();
            PersistenceCounters.Snapshot before = counters.total();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int base = thread * 1000;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                            tx.insert(t, new Object[] {base + i, "row " + (base + i)});
                            tx.commit();
                        }
                        try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                            assertNotNull(tx.get(t, t.key(base + i)), "a committed row is visible at once");
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            PersistenceCounters.Snapshot cost = counters.total().minus(before);
            syncs = cost.syncCalls();
            assertEquals(threads * each, cost.fences(), "one fence per commit");
            assertTrue(syncs < threads * each, "msync calls " + syncs + " for " + threads * each + " commits");
            System.out.println("group commit: " + threads * each + " commits, " + syncs + " msync calls");
        }
        try (Database db = Database.open(file, options)) {
            Table t = db.table("T");
            assertEquals(threads * each, t.rowCount());
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int thread = 0; thread < threads; thread++) {
                    for (int i = 0; i < each; i++) {
                        int k = thread * 1000 + i;
                        assertArrayEquals(new Object[] {k, "row " + k}, tx.get(t, t.key(k)));
                    }
                }
            }
            assertTrue(db.check().passed());
        }
    }
}
