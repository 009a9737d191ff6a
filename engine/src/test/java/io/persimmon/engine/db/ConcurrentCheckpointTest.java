package io.persimmon.engine.db;

import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A checkpoint writes the trees' frozen changes and flushes what apply wrote while commits go on
 * ({@link Database#checkpoint(Runnable)}): commits made meanwhile are read at once, through the
 * key and the index, and after a crash they are replayed over the checkpoint that froze before them.
 */
class ConcurrentCheckpointTest {
    @TempDir
    Path dir;

    private static final DatabaseOptions OPTIONS = DatabaseOptions.defaults()
            .withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS)).withLog(1, 4 << 20).withGcThreshold(0)
            .withIdleCheckpointAfter(java.time.Duration.ZERO); // checkpoints only where the test asks

    private static TableDefinition table() {
        return TableDefinition.of("T", List.of(Column.notNull("K", ColumnType.INTEGER),
                Column.nullable("V", ColumnType.varchar(40))), "K");
    }

    /** Key to value: what the database must hold. */
    private final TreeMap<Integer, String> model = new TreeMap<>();

    private Table load(Database db) {
        Table t = db.createTable(table());
        db.createIndex(IndexDefinition.of("BY_V", t.definition(), false, "V"));
        for (int batch = 0; batch < 20; batch++) {
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int i = batch * 100; i < batch * 100 + 100; i++) {
                    tx.insert(t, new Object[] {i, "v" + i});
                    model.put(i, "v" + i);
                }
                tx.commit();
            }
        }
        return t;
    }

    /** Inserts, updates (the indexed column) and deletes, some of rows the checkpoint froze. */
    private void writeMeanwhile(Database db, Table t, int round) {
        for (int i = 0; i < 100; i++) {
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                int fresh = 10_000 * (round + 1) + i;
                tx.insert(t, new Object[] {fresh, "new" + fresh});
                tx.insert(t, new Object[] {fresh + 5_000, "new" + (fresh + 5_000)});
                int changed = round * 300 + i;
                assertTrue(tx.update(t, t.key(changed), new Object[] {changed, "changed" + round + "-" + changed}));
                int gone = round * 300 + 100 + i;
                assertTrue(tx.delete(t, t.key(gone)));
                tx.commit();
                model.put(fresh, "new" + fresh);
                model.put(fresh + 5_000, "new" + (fresh + 5_000));
                model.put(changed, "changed" + round + "-" + changed);
                model.remove(gone);
            }
        }
    }

    private void assertHoldsTheModel(Database db, Table t, String when) {
        assertEquals(model.size(), t.rowCount(), when + ": row count");
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            Map<Integer, String> byKey = new TreeMap<>();
            for (Object[] row : DatabaseTest.all(tx, t, false)) {
                byKey.put((Integer) row[0], (String) row[1]);
            }
            assertTrue(model.equals(byKey), () -> when + ": rows by key differ: " + difference(model, byKey));
            List<Integer> descending = DatabaseTest.ids(DatabaseTest.all(tx, t, true));
            assertEquals(new ArrayList<>(model.descendingKeySet()), descending, when + ": keys descending");
            List<String> byIndex = new ArrayList<>();
            try (RowCursor c = tx.scanIndex(db.findIndex("BY_V").orElseThrow(), KeyRange.ALL, false)) {
                while (c.next()) {
                    byIndex.add((String) c.row()[1]);
                }
            }
            assertEquals(model.values().stream().sorted().toList(), byIndex, when + ": values through the index");
            for (int k : List.of(0, 150, 299, 450, 1999, 10_000, 10_099, 20_050)) {
                Object[] row = tx.get(t, t.key(k));
                assertEquals(model.get(k), row == null ? null : row[1], when + ": get " + k);
            }
        }
    }

    /** The first few keys whose rows differ, for a readable failure. */
    private static String difference(Map<Integer, String> expected, Map<Integer, String> found) {
        java.util.TreeSet<Integer> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(found.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(expected.get(k), found.get(k))).limit(5)
                .map(k -> k + ": expected " + expected.get(k) + ", found " + found.get(k)).toList()
                + " (" + expected.size() + " rows expected, " + found.size() + " found)";
    }

    @Test
    void commitsGoOnWhileACheckpointWritesAndAreReplayedOverIt() throws Exception {
        Path file = dir.resolve("db.pool");
        Database db = Database.open(file, OPTIONS);
        Table t = load(db);
        long checkpoints = db.checkpoints();
        db.checkpoint(() -> {
            // Another thread commits while this checkpoint is between its freeze and its header;
            // with the commit lock held across the checkpoint it would wait, and this would time out.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeMeanwhile(db, t, 0));
            try {
                writer.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("commits waited for the checkpoint", e);
            }
            assertHoldsTheModel(db, t, "with the frozen changes not yet written");
        });
        assertEquals(checkpoints + 1, db.checkpoints());
        assertHoldsTheModel(db, t, "after the checkpoint");
        writeMeanwhile(db, t, 1);
        assertHoldsTheModel(db, t, "after more commits");
        // A killed process: the pool is closed underneath, the commits after the freeze are only
        // in the log, and recovery replays them over the checkpoint.
        db.pool().close();
        try (Database again = Database.open(file, OPTIONS)) {
            assertHoldsTheModel(again, again.table("T"), "after recovery");
            assertTrue(again.check().passed(), () -> again.check().toString());
        }
    }

    @Test
    void aCheckpointThatFailsBeforeItsHeaderLeavesEveryChangeForTheNext() {
        Path file = dir.resolve("db.pool");
        Database db = Database.open(file, OPTIONS);
        Table t = load(db);
        long checkpoints = db.checkpoints();
        RuntimeException failure = assertThrows(IllegalStateException.class, () -> db.checkpoint(() -> {
            writeMeanwhile(db, t, 0);
            throw new IllegalStateException("the write step fails");
        }));
        assertEquals("the write step fails", failure.getMessage());
        assertEquals(checkpoints, db.checkpoints(), "nothing was published");
        assertHoldsTheModel(db, t, "after the failed checkpoint");
        db.checkpoint();
        writeMeanwhile(db, t, 1);
        db.pool().close();
        try (Database again = Database.open(file, OPTIONS)) {
            assertHoldsTheModel(again, again.table("T"), "after recovery");
            assertTrue(again.check().passed(), () -> again.check().toString());
        }
    }
}
