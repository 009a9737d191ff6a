package io.persimmon.engine.db;

import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Versions no snapshot can see are collected, in the background too, and the pool stops growing. */
class GarbageCollectionTest {
    @TempDir
    Path dir;

    static final TableDefinition COUNTERS = TableDefinition.of("COUNTERS", List.of(
            Column.notNull("ID", ColumnType.INTEGER), Column.nullable("N", ColumnType.BIGINT),
            Column.nullable("PAD", ColumnType.varchar(200))), "ID");

    private static void updateAll(Database db, Table t, int rows, long round) {
        try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
            for (int i = 0; i < rows; i++) {
                tx.update(t, t.key(i), new Object[] {i, round, "x".repeat((int) (round % 7) * 20)});
            }
            tx.commit();
        }
    }

    /** Rows 0 .. rows-1 with {@code n} and {@code pad}, a thousand to a transaction. */
    private static void insert(Database db, Table t, int rows, long n, String pad) {
        for (int from = 0; from < rows; from += 1_000) {
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                for (int i = from; i < Math.min(rows, from + 1_000); i++) {
                    tx.insert(t, new Object[] {i, n, pad});
                }
                tx.commit();
            }
        }
    }

    @Test
    void underASteadyUpdateLoadThePoolLevelsOff() throws Exception {
        DatabaseOptions options = DatabaseTest.options().withGcThreshold(2_000).withMaintenanceInterval(Duration.ofMillis(20));
        try (Database db = Database.open(dir.resolve("db.pool"), options)) {
            Table t = db.createTable(COUNTERS);
            db.createIndex(IndexDefinition.of("BY_N", COUNTERS, false, "N"));
            int rows = 500;
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                for (int i = 0; i < rows; i++) {
                    tx.insert(t, new Object[] {i, 0L, ""});
                }
                tx.commit();
            }
            long[] allocated = new long[4];
            for (int phase = 0; phase < 4; phase++) {
                for (int round = 1; round <= 50; round++) {
                    updateAll(db, t, rows, phase * 100L + round);
                    Thread.sleep(2); // lets the background collector and checkpoints run
                }
                Thread.sleep(200);
                allocated[phase] = db.pool().allocator().allocatedBytes();
            }
            // 4 x 50 rounds over 500 rows write 100,000 versions; without collection the pool
            // would grow in every phase. With it, later phases stay within the first one's size.
            assertTrue(allocated[3] <= allocated[1] * 1.25, "allocated per phase: " + java.util.Arrays.toString(allocated));
            assertTrue(allocated[2] <= allocated[1] * 1.25, "allocated per phase: " + java.util.Arrays.toString(allocated));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                assertEquals(350L, tx.get(t, t.key(7))[1]);
            }
            assertTrue(db.check().passed(), () -> db.check().toString());
        }
    }

    @Test
    void anOpenSnapshotKeepsWhatItCanSee() {
        try (Database db = Database.open(dir.resolve("db.pool"), DatabaseTest.options())) {
            Table t = db.createTable(COUNTERS);
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                tx.insert(t, new Object[] {1, 1L, "first"});
                tx.insert(t, new Object[] {2, 1L, "doomed"});
                tx.commit();
            }
            try (Transaction old = db.begin(Isolation.REPEATABLE_READ)) {
                assertEquals("first", old.get(t, t.key(1))[2]);
                for (long round = 2; round <= 5; round++) {
                    try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                        assertTrue(tx.update(t, t.key(1), new Object[] {1, round, "round " + round}));
                        tx.commit();
                    }
                }
                try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                    tx.delete(t, t.key(2));
                    tx.commit();
                }
                GarbageCollector.Result kept = db.collectGarbage();
                assertEquals(3, kept.versionsFreed()); // rounds 2..4; round 5 is newest, the first is old's
                assertEquals(0, kept.rowsRemoved());
                assertEquals("first", old.get(t, t.key(1))[2]);
                assertEquals("doomed", old.get(t, t.key(2))[2]);
            }
            GarbageCollector.Result freed = db.collectGarbage();
            assertEquals(1, freed.rowsRemoved());
            assertEquals(3, freed.versionsFreed()); // the first version of row 1, both of row 2
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                assertEquals(5L, tx.get(t, t.key(1))[1]);
                assertNull(tx.get(t, t.key(2)));
                tx.insert(t, new Object[] {2, 9L, "again"}); // the key is free again
                tx.commit();
            }
            assertTrue(db.check().passed(), () -> db.check().toString());
        }
    }

    @Test
    void aPassExaminesTheRowsWrittenSinceTheLastOneAndAfterAnOpenEveryRow() {
        Path pool = dir.resolve("db.pool");
        int rows = DatabaseTest.options().gcRowsPerStep() * 5 / 2; // the first pass takes three steps
        try (Database db = Database.open(pool, DatabaseTest.options())) {
            Table t = db.createTable(COUNTERS);
            insert(db, t, rows, 0L, "");
            assertEquals(rows, db.collectGarbage().rowsExamined()); // the first pass after an open: every row
            for (long round = 1; round <= 3; round++) {
                try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                    tx.update(t, t.key(7), new Object[] {7, round, "seven"});
                    tx.update(t, t.key(1_500), new Object[] {1_500, round, "other"});
                    tx.commit();
                }
            }
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                tx.delete(t, t.key(42));
                tx.commit();
            }
            GarbageCollector.Result pass = db.collectGarbage();
            assertEquals(3, pass.rowsExamined()); // each written row once, however often it was written
            assertEquals(3 + 3 + 2, pass.versionsFreed()); // all but the newest of 7 and 1,500; both of 42
            assertEquals(1, pass.rowsRemoved());
            assertEquals(0, db.collectGarbage().rowsExamined());
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                tx.update(t, t.key(9), new Object[] {9, 1L, "left for the next open"});
                tx.commit();
            }
        }
        try (Database db = Database.open(pool, DatabaseTest.options())) {
            GarbageCollector.Result pass = db.collectGarbage(); // nothing noted survives a close: every row again
            assertEquals(rows - 1, pass.rowsExamined());
            assertEquals(1, pass.versionsFreed());
            Table t = db.table("COUNTERS");
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                assertEquals("left for the next open", tx.get(t, t.key(9))[2]);
                assertEquals(3L, tx.get(t, t.key(7))[1]);
                assertNull(tx.get(t, t.key(42)));
            }
            assertTrue(db.check().passed(), () -> db.check().toString());
        }
    }

    @Test
    void aSnapshotTakenBetweenTwoStepsOfAPassKeepsWhatItSees() {
        int rows = DatabaseTest.options().gcRowsPerStep() * 2;
        int late = rows - 1; // collected in the second step
        try (Database db = Database.open(dir.resolve("db.pool"), DatabaseTest.options())) {
            Table t = db.createTable(COUNTERS);
            insert(db, t, rows, 1L, "one");
            Transaction[] reader = new Transaction[1];
            GarbageCollector.Result pass = db.collectGarbage(() -> {
                if (reader[0] == null) {
                    try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                        tx.update(t, t.key(late), new Object[] {late, 2L, "two"});
                        tx.commit();
                    }
                    reader[0] = db.begin(Isolation.REPEATABLE_READ);
                    assertEquals(2L, reader[0].get(t, t.key(late))[1]);
                    try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                        tx.update(t, t.key(late), new Object[] {late, 3L, "three"});
                        tx.commit();
                    }
                }
            });
            assertNotNull(reader[0], "the pass took more than one step");
            // The second step saw the reader's snapshot: of "one", "two", "three" only "one" goes.
            assertEquals(1, pass.versionsFreed());
            assertEquals(2L, reader[0].get(t, t.key(late))[1]);
            assertEquals("two", reader[0].get(t, t.key(late))[2]);
            reader[0].close();
            assertTrue(db.check().passed(), () -> db.check().toString());
        }
    }

    @Test
    void aRowRemovedByCollectionWhileATransactionReinsertsItsKeyIsInsertedAfresh() {
        Path file = dir.resolve("db.pool");
        DatabaseOptions options = DatabaseTest.options().withGcThreshold(0);
        try (Database db = Database.open(file, options)) {
            Table t = db.createTable(COUNTERS);
            insert(db, t, 3, 1, "a");
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                assertTrue(tx.delete(t, t.key(1)));
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                // The insert locks key 1 and finds its slot, holding the deleted row; collection then
                // removes that row (every snapshot sees it deleted) and frees the slot before the
                // commit, which must not write into the freed slot but take a new one.
                tx.insert(t, new Object[] {1, 2L, "again"});
                assertEquals(1, db.collectGarbage().rowsRemoved());
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                assertArrayEquals(new Object[] {1, 2L, "again"}, tx.get(t, t.key(1)));
            }
            assertTrue(db.check().passed(), () -> db.check().toString());
        }
        try (Database db = Database.open(file, options)) {
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                Table t = db.table("COUNTERS");
                assertArrayEquals(new Object[] {1, 2L, "again"}, tx.get(t, t.key(1)));
                assertEquals(3, t.rowCount());
            }
            assertTrue(db.check().passed(), () -> db.check().toString());
        }
    }
}
