package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.log.LogRecord;
import io.persimmon.engine.log.RedoLog;
import io.persimmon.engine.pmem.PersistenceCounters;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pmem.SimPersistence;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import io.persimmon.engine.txn.RedoVisitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transaction larger than the log (rule C7): its body goes to a block of its own, durable before
 * the small record that names it, so it commits at two fences, reads back, survives a reopen and a
 * crash that lost everything it applied, and a damaged body block is refused as CORRUPT.
 */
class LargeTransactionTest {
    @TempDir
    Path dir;

    /** Areas of 64 KiB: a record carries at most about 16 KiB of body in the log itself. */
    private static final DatabaseOptions SMALL_LOG = DatabaseTest.options().withLog(2, 64 << 10);
    private static final TableDefinition ITEMS = TableDefinition.of("ITEMS", List.of(
            Column.notNull("ID", ColumnType.INTEGER),
            Column.nullable("NAME", ColumnType.varchar(40)),
            Column.nullable("NOTE", ColumnType.varchar(200))), "ID");

    /** Inserts rows 1..n, each with a name of 50 kinds and a note of about 100 characters; returns the model. */
    private static TreeMap<Integer, List<Object>> insert(Database db, int n) {
        TreeMap<Integer, List<Object>> model = new TreeMap<>();
        Table t = db.table("ITEMS");
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            for (int id = 1; id <= n; id++) {
                List<Object> row = Arrays.asList(id, "name " + id % 50, "note " + id + " " + "x".repeat(id % 100));
                tx.insert(t, row.toArray());
                model.put(id, row);
            }
            tx.commit();
        }
        return model;
    }

    /** Checks every row through the key and through BY_NAME, and the row count. */
    private static void assertRows(Database db, Map<Integer, List<Object>> model) {
        Table t = db.table("ITEMS");
        assertEquals(model.size(), t.rowCount());
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            assertEquals(model, read(tx.scan(t, KeyRange.ALL, false)));
            assertEquals(model, read(tx.scanIndex(db.findIndex("BY_NAME").orElseThrow(), KeyRange.ALL, false)));
        }
    }

    private static Map<Integer, List<Object>> read(RowCursor c) {
        Map<Integer, List<Object>> rows = new TreeMap<>();
        try (c) {
            while (c.next()) {
                assertNull(rows.put((Integer) c.row()[0], Arrays.asList(c.row())), "a row read twice");
            }
        }
        return rows;
    }

    private static Database create(Database db) {
        db.createTable(ITEMS);
        db.createIndex(IndexDefinition.of("BY_NAME", ITEMS, false, "NAME"));
        return db;
    }

    @Test
    void aTransactionManyTimesTheLogCommitsAndReadsBackAfterAReopen() {
        Path file = dir.resolve("db.pool");
        TreeMap<Integer, List<Object>> model;
        try (Database db = create(Database.open(file, SMALL_LOG))) {
            model = insert(db, 4000); // about 700 KiB of body: ten times the log's rings
            assertRows(db, model);
            Table t = db.table("ITEMS");
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int id = 1; id <= 4000; id++) {
                    if (id % 8 == 0) {
                        assertTrue(tx.delete(t, t.key(id)));
                        model.remove(id);
                    } else if (id % 8 == 1) {
                        List<Object> row = Arrays.asList(id + 10_000, "moved " + id % 7, model.remove(id).get(2));
                        assertTrue(tx.update(t, t.key(id), row.toArray())); // a new key and a new name
                        model.put(id + 10_000, row);
                    } else {
                        List<Object> row = Arrays.asList(id, "renamed " + id % 9, "changed " + id);
                        assertTrue(tx.update(t, t.key(id), row.toArray()));
                        model.put(id, row);
                    }
                }
                tx.commit();
            }
            assertRows(db, model);
            assertTrue(db.check().passed(), () -> db.check().toString());
        }
        try (Database db = Database.open(file, SMALL_LOG)) {
            assertRows(db, model);
            assertTrue(db.check().passed(), () -> db.check().toString());
        }
    }

    @Test
    void aLargeCommitCostsTwoFencesAndFlushesItsBodyOnce() {
        long[] lines = new long[2];
        DatabaseOptions[] logs = {DatabaseTest.options().withLog(2, 16 << 20), SMALL_LOG};
        for (int i = 0; i < 2; i++) {
            try (Database db = create(Database.open(dir.resolve("db" + i + ".pool"), logs[i]))) {
                PersistenceCounters counters = db.pool().persistence().counters();
                PersistenceCounters.Snapshot before = counters.total();
                insert(db, 1000);
                PersistenceCounters.Snapshot cost = counters.total().minus(before);
                assertEquals(i == 0 ? 1 : 2, cost.fences(), "fences of a commit of 1,000 rows, log " + i);
                lines[i] = cost.flushedLines();
            }
        }
        // The same body, in the ring or in a block of its own: the spilled commit flushes it and a
        // record of one line, and its block starts on a line, so at most two lines more.
        assertTrue(lines[1] >= lines[0] && lines[1] <= lines[0] + 2, "lines flushed: inline " + lines[0]
                + ", spilled " + lines[1]);
    }

    @Test
    void aLargeCommitWhoseAppliedStateWasLostIsReplayedAndItsBlockFreed() {
        Path crashed = dir.resolve("crashed.pool");
        TreeMap<Integer, List<Object>> model;
        try (Pool pool = Pool.open(dir.resolve("live.pool"), PoolOptions.defaults().withMode(PersistenceMode.SIM))) {
            Database db = create(Database.attach(pool, SMALL_LOG));
            db.checkpoint();
            model = insert(db, 3000);
            // Power fails: of what the commit applied nothing reached the media; its body and record did.
            ((SimPersistence) pool.persistence()).crashState().writeImage(crashed, new BitSet());
        }
        List<long[]> bodies = bodies(crashed);
        assertEquals(1, bodies.size(), "records naming a body block");
        try (Database db = Database.open(crashed, SMALL_LOG)) {
            assertRows(db, model);
            assertTrue(!db.pool().allocator().isAllocated(bodies.get(0)[0], bodies.get(0)[1]),
                    "the body's block is still allocated after the replay freed it");
            db.checkpoint();
            db.checkpoint();
            assertTrue(db.check().passed(), () -> db.check().toString());
        }
        try (Database db = Database.open(crashed, SMALL_LOG)) {
            assertRows(db, model);
        }
    }

    @Test
    void aDamagedBodyBlockIsRefusedAsCorrupt() {
        Path crashed = dir.resolve("crashed.pool");
        try (Pool pool = Pool.open(dir.resolve("live.pool"), PoolOptions.defaults().withMode(PersistenceMode.SIM))) {
            Database db = create(Database.attach(pool, SMALL_LOG));
            db.checkpoint();
            insert(db, 3000);
            ((SimPersistence) pool.persistence()).crashState().writeImage(crashed, new BitSet());
        }
        long[] body = bodies(crashed).get(0);
        long damagedAt = body[0] + body[1] / 2 / 8 * 8;
        try (Pool pool = Pool.open(crashed, PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withCreate(false))) {
            long word = pool.segment().get(PoolLayouts.LONG, damagedAt);
            pool.segment().set(PoolLayouts.LONG, damagedAt, ~word);
        }
        PersimmonException e = assertThrows(PersimmonException.class,
                () -> Database.open(crashed, SMALL_LOG).close());
        assertEquals(ErrorCode.CORRUPT, e.code());
        assertTrue(e.getMessage().contains("offset " + body[0]) && e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void theDefaultLogTakesATransactionLargerThanOneRecordMaySpan() {
        Path file = dir.resolve("db.pool");
        DatabaseOptions defaults = DatabaseTest.options().withLog(DatabaseOptions.defaults().logAreas(),
                DatabaseOptions.defaults().logAreaSize());
        try (Database db = create(Database.open(file, defaults))) {
            long limit = db.log.maxRecordBody();
            TreeMap<Integer, List<Object>> model = insert(db, 60_000); // about 11 MiB of body
            assertTrue(limit < 11 << 20, "a record may carry " + limit + " bytes");
            assertRows(db, model);
        }
    }

    /** The (offset, length) of each body block that a record after the checkpoint of the pool at {@code file} names. */
    private static List<long[]> bodies(Path file) {
        List<long[]> bodies = new ArrayList<>();
        try (Pool pool = Pool.open(file, PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withCreate(false))) {
            for (LogRecord r : RedoLog.open(pool).recover()) {
                RedoVisitor.read(r.body(), new RedoVisitor() {
                    @Override
                    public void body(long offset, long length, int crc) {
                        bodies.add(new long[] {offset, length});
                    }
                });
            }
        }
        return bodies;
    }
}
