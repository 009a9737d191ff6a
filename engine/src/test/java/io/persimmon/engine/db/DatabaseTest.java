package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.pmem.PersistenceCounters;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DatabaseTest {
    @TempDir
    Path dir;

    /**
     * Tests' options: no checkpoint for idleness, so that a test that counts fences or
     * checkpoints over a stretch counts only what it did (IdleCheckpointTest turns it on).
     */
    static DatabaseOptions options() {
        return DatabaseOptions.defaults().withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS))
                .withLog(2, 1 << 20).withIdleCheckpointAfter(java.time.Duration.ZERO);
    }

    static TableDefinition accounts() {
        return TableDefinition.of("ACCOUNTS", List.of(
                Column.notNull("ID", ColumnType.INTEGER),
                Column.nullable("OWNER", ColumnType.varchar(20)),
                Column.nullable("BALANCE", ColumnType.decimal(12, 2))), "ID");
    }

    static List<Object[]> all(Transaction tx, Table t, boolean descending) {
        List<Object[]> rows = new ArrayList<>();
        try (RowCursor c = tx.scan(t, KeyRange.ALL, descending)) {
            while (c.next()) {
                rows.add(c.row());
            }
        }
        return rows;
    }

    static List<Integer> ids(List<Object[]> rows) {
        return rows.stream().map(r -> (Integer) r[0]).toList();
    }

    @Test
    void rowsSurviveCloseAndReopen() {
        Path file = dir.resolve("db.pool");
        try (Database db = Database.open(file, options())) {
            Table t = db.createTable(accounts());
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int i = 1; i <= 1000; i++) {
                    tx.insert(t, new Object[] {i, "owner" + i, new BigDecimal("10.005")});
                }
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                assertTrue(tx.update(t, t.key(7), old -> new Object[] {7, "seven", old[2]}));
                assertTrue(tx.delete(t, t.key(8)));
                assertFalse(tx.delete(t, t.key(5000)));
                tx.commit();
            }
        }
        try (Database db = Database.open(file, options())) {
            Table t = db.table("ACCOUNTS");
            assertEquals(999, t.rowCount());
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                assertArrayEquals(new Object[] {7, "seven", new BigDecimal("10.01")}, tx.get(t, t.key(7)));
                assertNull(tx.get(t, t.key(8)));
                assertArrayEquals(new Object[] {9, "owner9", new BigDecimal("10.01")}, tx.get(t, t.key(9)));
                List<Integer> ids = ids(all(tx, t, false));
                assertEquals(999, ids.size());
                assertEquals(1, ids.get(0));
                assertEquals(1000, ids.get(998));
            }
            assertTrue(db.check().passed(), () -> db.check().toString());
        }
    }

    @Test
    void recoveryReplaysCommitsThatNoCheckpointCovered() {
        Path file = dir.resolve("db.pool");
        Database db = Database.open(file, options());
        Table t = db.createTable(accounts());
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            tx.insert(t, new Object[] {1, "a", BigDecimal.ONE});
            tx.insert(t, new Object[] {2, "b", BigDecimal.TEN});
            tx.commit();
        }
        // Abandon the database without closing it: its last commits are only in the log. The pool
        // is closed underneath (as a killed process's would be), then reopened.
        long checkpointsBefore = db.checkpoints();
        db.pool().close();
        try (Database again = Database.open(file, options())) {
            Table t2 = again.table("ACCOUNTS");
            try (Transaction tx = again.begin(Isolation.REPEATABLE_READ)) {
                assertEquals(List.of(1, 2), ids(all(tx, t2, false)));
            }
            assertEquals(2, t2.rowCount());
            assertTrue(again.check().passed());
        }
        assertTrue(checkpointsBefore >= 1);
    }

    @Test
    void scansMergeOwnWritesInBothDirections() {
        try (Database db = Database.open(dir.resolve("db.pool"), options())) {
            Table t = db.createTable(accounts());
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int i = 0; i < 10; i += 2) {
                    tx.insert(t, new Object[] {i, "x", null});
                }
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.insert(t, new Object[] {5, "new", null});
                tx.delete(t, t.key(4));
                tx.update(t, t.key(6), old -> new Object[] {7, old[1], old[2]}); // key change
                assertEquals(List.of(0, 2, 5, 7, 8), ids(all(tx, t, false)));
                assertEquals(List.of(8, 7, 5, 2, 0), ids(all(tx, t, true)));
                try (Transaction other = db.begin(Isolation.REPEATABLE_READ)) {
                    assertEquals(List.of(0, 2, 4, 6, 8), ids(all(other, t, false)));
                }
                List<Integer> range = new ArrayList<>();
                try (RowCursor c = tx.scan(t, new KeyRange(t.keyPrefix(2), false, t.keyPrefix(7), true), false)) {
                    while (c.next()) {
                        range.add((Integer) c.row()[0]);
                    }
                }
                assertEquals(List.of(5, 7), range);
                tx.commit();
            }
        }
    }

    @Test
    void secondaryIndexesFollowUpdatesAndSkipStaleEntries() {
        try (Database db = Database.open(dir.resolve("db.pool"), options())) {
            Table t = db.createTable(accounts());
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int i = 0; i < 50; i++) {
                    tx.insert(t, new Object[] {i, "o" + (i % 5), null});
                }
                tx.commit();
            }
            Index byOwner = db.createIndex(IndexDefinition.of("BY_OWNER", t.definition(), false, "OWNER"));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.update(t, t.key(0), old -> new Object[] {0, "o9", null});
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                List<Integer> o0 = new ArrayList<>();
                try (RowCursor c = tx.scanIndex(byOwner, KeyRange.prefix(byOwner.prefix("o0")), false)) {
                    while (c.next()) {
                        o0.add((Integer) c.row()[0]);
                    }
                }
                assertEquals(List.of(5, 10, 15, 20, 25, 30, 35, 40, 45), o0);
                List<Object> owners = new ArrayList<>();
                try (RowCursor c = tx.scanIndex(byOwner, KeyRange.ALL, true)) {
                    while (c.next()) {
                        owners.add(c.row()[1]);
                    }
                }
                assertEquals(50, owners.size());
                assertEquals("o9", owners.get(0));
                assertEquals("o0", owners.get(49));
            }
            GarbageCollector.Result gc = db.collectGarbage();
            assertEquals(1, gc.indexEntriesRemoved()); // the stale (o0, 0) entry
            assertEquals(1, gc.versionsFreed());
            assertTrue(db.check().passed(), () -> db.check().toString());
        }
    }

    @Test
    void uniqueIndexesAndPrimaryKeysRefuseDuplicates() {
        try (Database db = Database.open(dir.resolve("db.pool"), options())) {
            Table t = db.createTable(accounts());
            db.createIndex(IndexDefinition.of("OWNER_UNIQUE", t.definition(), true, "OWNER"));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.insert(t, new Object[] {1, "ann", null});
                tx.insert(t, new Object[] {2, null, null});
                tx.insert(t, new Object[] {3, null, null}); // NULLs never collide
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                PersimmonException e = assertThrows(PersimmonException.class,
                        () -> tx.insert(t, new Object[] {4, "ann", null}));
                assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
                assertTrue(e.getMessage().contains("OWNER_UNIQUE"), e.getMessage());
                e = assertThrows(PersimmonException.class, () -> tx.insert(t, new Object[] {1, "bob", null}));
                assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
                // Freeing the value in the same transaction makes it available.
                tx.update(t, t.key(1), old -> new Object[] {1, "anne", null});
                tx.insert(t, new Object[] {4, "ann", null});
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.insert(t, new Object[] {5, "carl", BigDecimal.ONE});
                tx.insert(t, new Object[] {6, "dora", BigDecimal.ONE});
                tx.commit();
            }
            PersimmonException e = assertThrows(PersimmonException.class,
                    () -> db.createIndex(IndexDefinition.of("DUP", t.definition(), true, "BALANCE")));
            assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
            assertTrue(db.findIndex("DUP").isEmpty());
        }
    }

    /**
     * A unique index's check against the transaction's own rows: it finds them by value, so it
     * must see each row a write holds now, including one a savepoint's rollback gave back to a
     * write whose row had been deleted before the first check.
     */
    @Test
    void uniqueChecksSeeTheTransactionsOwnRowsThroughSavepoints() {
        try (Database db = Database.open(dir.resolve("db.pool"), options())) {
            Table t = db.createTable(accounts());
            db.createIndex(IndexDefinition.of("OWNER_UNIQUE", t.definition(), true, "OWNER"));
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                tx.insert(t, new Object[] {1, "ann", null});
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                tx.getForUpdate(t, t.key(1)); // the transaction's write of row 1, holding "ann"
                Transaction.Savepoint sp = tx.savepoint();
                tx.delete(t, t.key(1));
                tx.insert(t, new Object[] {2, "bob", null}); // the first unique check of the transaction
                tx.insert(t, new Object[] {3, "ann", null}); // free: row 1 is deleted here
                tx.rollbackTo(sp); // row 1 holds "ann" again; rows 2 and 3 are gone
                PersimmonException e = assertThrows(PersimmonException.class,
                        () -> tx.insert(t, new Object[] {4, "ann", null}));
                assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
                tx.insert(t, new Object[] {3, "bob", null}); // row 2's "bob" went with the savepoint
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                assertEquals(List.of(1, 3), ids(all(tx, t, false)));
                // Many rows of one transaction: the last value taken is found among them, a freed one is not.
                for (int id = 10; id < 2_010; id++) {
                    tx.insert(t, new Object[] {id, "owner " + id, null});
                }
                PersimmonException e = assertThrows(PersimmonException.class,
                        () -> tx.insert(t, new Object[] {5, "owner 10", null}));
                assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
                tx.update(t, t.key(10), old -> new Object[] {10, "renamed", null});
                tx.insert(t, new Object[] {5, "owner 10", null});
                e = assertThrows(PersimmonException.class, () -> tx.update(t, t.key(11),
                        old -> new Object[] {11, "renamed", null}));
                assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                assertEquals(2_003, all(tx, t, false).size()); // rows 1, 3, 5 and 10 to 2,009
                assertArrayEquals(new Object[] {5, "owner 10", null}, tx.get(t, t.key(5)));
            }
        }
    }

    @Test
    void constraintsNameTableColumnAndValue() {
        try (Database db = Database.open(dir.resolve("db.pool"), options())) {
            Table t = db.createTable(accounts());
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                PersimmonException e = assertThrows(PersimmonException.class,
                        () -> tx.insert(t, new Object[] {1, "a name much longer than twenty", null}));
                assertEquals(ErrorCode.STRING_TOO_LONG, e.code());
                assertTrue(e.getMessage().contains("ACCOUNTS") && e.getMessage().contains("OWNER"), e.getMessage());
                e = assertThrows(PersimmonException.class, () -> tx.insert(t, new Object[] {null, "x", null}));
                assertEquals(ErrorCode.NOT_NULL_VIOLATION, e.code());
                e = assertThrows(PersimmonException.class,
                        () -> tx.insert(t, new Object[] {1, "x", new BigDecimal("1e11")}));
                assertEquals(ErrorCode.NUMERIC_OUT_OF_RANGE, e.code());
            }
        }
    }

    @Test
    void tablesWithoutPrimaryKeyGetHiddenRowIds() {
        Path file = dir.resolve("db.pool");
        TableDefinition log = TableDefinition.of("EVENTS", List.of(Column.nullable("WHAT", ColumnType.varchar(10))));
        try (Database db = Database.open(file, options())) {
            Table t = db.createTable(log);
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.insert(t, new Object[] {"a"});
                tx.insert(t, new Object[] {"a"});
                tx.insert(t, new Object[] {"b"});
                tx.commit();
            }
        }
        try (Database db = Database.open(file, options())) {
            Table t = db.table("EVENTS");
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.insert(t, new Object[] {"c"});
                List<Object[]> rows = new ArrayList<>();
                List<byte[]> keys = new ArrayList<>();
                try (RowCursor c = tx.scan(t, KeyRange.ALL, false)) {
                    while (c.next()) {
                        rows.add(c.row());
                        keys.add(c.key());
                    }
                }
                assertEquals(List.of("a", "a", "b", "c"), rows.stream().map(r -> r[0]).toList());
                assertEquals(1, rows.get(0).length);
                assertEquals(4L, t.decodeKey(keys.get(3))[0]);
                assertTrue(tx.delete(t, keys.get(1)));
                tx.commit();
            }
            assertEquals(3, t.rowCount());
        }
    }

    @Test
    void savepointsUndoLaterWrites() {
        try (Database db = Database.open(dir.resolve("db.pool"), options())) {
            Table t = db.createTable(accounts());
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.insert(t, new Object[] {1, "a", null});
                Transaction.Savepoint sp = tx.savepoint();
                tx.insert(t, new Object[] {2, "b", null});
                tx.update(t, t.key(1), old -> new Object[] {1, "changed", null});
                tx.rollbackTo(sp);
                assertArrayEquals(new Object[] {1, "a", null}, tx.get(t, t.key(1)));
                assertNull(tx.get(t, t.key(2)));
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                assertEquals(List.of(1), ids(all(tx, t, false)));
            }
        }
    }

    /**
     * Golden counts: what a commit persists, for a fixed set of transactions. A change to the commit
     * path that makes it flush more fails here; update the figures (and docs/engine-design.md) only
     * for a change that is meant to cost more.
     */
    @Test
    void aCommitCostsOneFenceAndItsRecordsLinesAndAReadOnlyTransactionNothing() {
        try (Database db = Database.open(dir.resolve("db.pool"), options())) {
            Table t = db.createTable(accounts());
            PersistenceCounters counters = db.pool().persistence().counters();
            long[][] golden = {{1, GOLDEN_LINES[0]}, {10, GOLDEN_LINES[1]}, {100, GOLDEN_LINES[2]}};
            for (long[] g : golden) {
                int rows = (int) g[0];
                PersistenceCounters.Snapshot before = counters.total();
                try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                    for (int i = 0; i < rows; i++) {
                        tx.insert(t, new Object[] {rows * 1000 + i, "owner", new BigDecimal("12.50")});
                    }
                    tx.commit();
                }
                PersistenceCounters.Snapshot cost = counters.total().minus(before);
                assertEquals(1, cost.fences(), "fences of a commit of " + rows + " rows");
                assertEquals(g[1], cost.flushedLines(), "cache lines flushed by a commit of " + rows + " rows");
            }
            PersistenceCounters.Snapshot before = counters.total();
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.update(t, t.key(1000), old -> new Object[] {1000, "owner", new BigDecimal("13.00")});
                tx.commit();
            }
            PersistenceCounters.Snapshot update = counters.total().minus(before);
            assertEquals(1, update.fences());
            assertEquals(GOLDEN_UPDATE_LINES, update.flushedLines(), "cache lines flushed by a one-row update");
            before = counters.total();
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                assertEquals(111, all(tx, t, false).size());
                tx.commit();
            }
            assertEquals(0, counters.total().minus(before).fences());
            assertEquals(0, counters.total().minus(before).flushedLines());
        }
    }

    /** Lines flushed by commits inserting 1, 10 and 100 rows (each the redo record: header, versions, slots, keys). */
    static final long[] GOLDEN_LINES = {5, 21, 198};
    static final long GOLDEN_UPDATE_LINES = 3;

    @Test
    void droppedTablesGiveTheirSpaceBack() {
        Path file = dir.resolve("db.pool");
        try (Database db = Database.open(file, options())) {
            long base = db.pool().allocator().allocatedBytes(); // the log areas and the catalog
            Table t = db.createTable(accounts());
            db.createIndex(IndexDefinition.of("BY_OWNER", t.definition(), false, "OWNER"));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int i = 0; i < 3000; i++) {
                    tx.insert(t, new Object[] {i, "owner" + i, BigDecimal.ONE});
                }
                tx.commit();
            }
            db.checkpoint();
            long used = db.pool().allocator().allocatedBytes();
            try (Transaction writer = db.begin(Isolation.REPEATABLE_READ)) {
                writer.insert(t, new Object[] {-1, "late", null});
                db.dropTable("ACCOUNTS");
                PersimmonException e = assertThrows(PersimmonException.class, writer::commit);
                assertEquals(ErrorCode.NO_SUCH_TABLE, e.code());
            }
            assertTrue(db.findTable("ACCOUNTS").isEmpty());
            assertTrue(db.findIndex("BY_OWNER").isEmpty());
            db.checkpoint();
            db.checkpoint();
            long left = db.pool().allocator().allocatedBytes() - base;
            assertTrue(left < (used - base) / 20, "table space left after the drop: " + left + " of " + (used - base));
            assertTrue(db.check().passed(), () -> db.check().toString());
            db.createTable(accounts()); // the name is free again
        }
        try (Database db = Database.open(file, options())) {
            assertEquals(0, db.table("ACCOUNTS").rowCount());
            assertTrue(db.check().passed());
        }
    }

    @Test
    void ddlRefusesWhatExistsAndWhatDoesNot() {
        try (Database db = Database.open(dir.resolve("db.pool"), options())) {
            db.createTable(accounts());
            assertEquals(ErrorCode.ALREADY_EXISTS,
                    assertThrows(PersimmonException.class, () -> db.createTable(accounts())).code());
            assertEquals(ErrorCode.NO_SUCH_TABLE,
                    assertThrows(PersimmonException.class, () -> db.dropTable("NOPE")).code());
            assertEquals(ErrorCode.NO_SUCH_INDEX,
                    assertThrows(PersimmonException.class, () -> db.dropIndex("NOPE")).code());
        }
    }

    @Test
    void addedColumnsReadAsTheirDefaultInOldAndNewRows() {
        Path file = dir.resolve("db.pool");
        TableDefinition events = TableDefinition.of("EVENTS", List.of(Column.nullable("WHAT", ColumnType.varchar(10))));
        try (Database db = Database.open(file, options())) {
            Table t = db.createTable(accounts());
            Table e = db.createTable(events);
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.insert(t, new Object[] {1, "a", null});
                tx.insert(e, new Object[] {"x"});
                tx.commit();
            }
            Transaction stale = db.begin(Isolation.READ_COMMITTED);
            stale.insert(t, new Object[] {2, "b", null});
            PersistenceCounters.Snapshot before = db.pool().persistence().counters().total();
            db.addColumn("ACCOUNTS", Column.notNull("LEVEL", ColumnType.INTEGER), 7);
            // One record, one fence, whatever the table holds: older rows read the default kept in the catalog.
            assertEquals(1, db.pool().persistence().counters().total().minus(before).fences());
            long version = db.catalogVersion();
            db.addColumn("EVENTS", Column.nullable("N", ColumnType.BIGINT), null, "{\"defaults\":{}}");
            assertTrue(db.catalogVersion() > version, "DDL moves the catalog version");
            assertEquals("{\"defaults\":{}}", db.table("EVENTS").definition().attributes());
            assertEquals(ErrorCode.SERIALIZATION_FAILURE, assertThrows(PersimmonException.class, stale::commit).code());
            assertEquals(ErrorCode.ALREADY_EXISTS, assertThrows(PersimmonException.class,
                    () -> db.addColumn("ACCOUNTS", Column.nullable("LEVEL", ColumnType.INTEGER), null)).code());
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                assertArrayEquals(new Object[] {1, "a", null, 7}, tx.get(t, t.key(1)));
                tx.insert(t, new Object[] {3, "c", null, 9});
                tx.insert(e, new Object[] {"y", 5L});
                tx.commit();
            }
        }
        try (Database db = Database.open(file, options())) {
            Table t = db.table("ACCOUNTS");
            Table e = db.table("EVENTS");
            assertEquals(List.of("ID", "OWNER", "BALANCE", "LEVEL"),
                    t.definition().columns().stream().map(Column::name).toList());
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                assertArrayEquals(new Object[] {1, "a", null, 7}, tx.get(t, t.key(1)));
                assertArrayEquals(new Object[] {3, "c", null, 9}, tx.get(t, t.key(3)));
                List<Object[]> rows = all(tx, e, false);
                assertArrayEquals(new Object[] {"x", null}, rows.get(0));
                assertArrayEquals(new Object[] {"y", 5L}, rows.get(1));
            }
            assertTrue(db.check().passed(), () -> db.check().toString());
        }
    }

    @Test
    void distinctKeyEstimatesFollowTheData() {
        try (Database db = Database.open(dir.resolve("db.pool"), options())) {
            Table t = db.createTable(accounts());
            Index byOwner = db.createIndex(IndexDefinition.of("BY_OWNER", t.definition(), false, "OWNER"));
            Index unique = db.createIndex(IndexDefinition.of("U_BAL", t.definition(), true, "BALANCE"));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int i = 0; i < 1000; i++) {
                    tx.insert(t, new Object[] {i, "o" + (i % 37), new BigDecimal(i)});
                }
                tx.commit();
            }
            assertEquals(37, db.distinctKeys(byOwner));
            assertEquals(1000, db.distinctKeys(unique));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int i = 1000; i < 2000; i++) {
                    tx.insert(t, new Object[] {i, "p" + i, new BigDecimal(i)});
                }
                tx.commit();
            }
            assertEquals(1037, db.distinctKeys(byOwner));
        }
    }

    @Test
    void selectionsReturnAndDecodeOnlyTheirColumns() {
        try (Database db = Database.open(dir.resolve("db.pool"), options())) {
            Table t = db.createTable(accounts());
            Index byOwner = db.createIndex(IndexDefinition.of("BY_OWNER", t.definition(), false, "OWNER"));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int i = 0; i < 10; i++) {
                    tx.insert(t, new Object[] {i, "o" + (9 - i), new BigDecimal(i)});
                }
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.update(t, t.key(0), old -> new Object[] {0, "o0", BigDecimal.TEN}); // stale BY_OWNER entry (o9, 0)
                tx.commit();
            }
            ColumnSelection balanceAndId = ColumnSelection.of(t, 2, 0);
            long before = db.decodedColumns();
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                List<Object[]> rows = new ArrayList<>();
                try (RowCursor c = tx.scan(t, KeyRange.ALL, false, balanceAndId)) {
                    while (c.next()) {
                        rows.add(c.row());
                        assertArrayEquals(t.key(rows.size() - 1), c.key(), "the key is decoded for the cursor");
                    }
                }
                assertEquals(10, rows.size());
                assertArrayEquals(new Object[] {new BigDecimal("10.00"), 0}, rows.get(0));
                assertArrayEquals(new Object[] {new BigDecimal("7.00"), 7}, rows.get(7));
                assertEquals(10 * 2, tx.decodedColumns(), "BALANCE and the key ID of each row, not OWNER");
                all(tx, t, false);
                assertEquals(10 * 2 + 10 * 3, tx.decodedColumns(), "a scan without selection decodes every column");
                assertArrayEquals(new Object[] {new BigDecimal("4.00"), 4}, tx.get(t, t.key(4), balanceAndId));
                assertNull(tx.get(t, t.key(40), balanceAndId));
                List<Object> byIndex = new ArrayList<>();
                try (RowCursor c = tx.scanIndex(byOwner, KeyRange.prefix(byOwner.prefix("o9")), false,
                        ColumnSelection.of(t, 2))) {
                    while (c.next()) {
                        byIndex.addAll(List.of(c.row()));
                    }
                }
                assertEquals(List.of(), byIndex, "the stale entry (o9, 0) is recognised with the selection too");
                tx.commit();
            }
            assertEquals(10 * 2 + 10 * 3 + 2 + 3, db.decodedColumns() - before, "the index scan decodes OWNER too");
            Table other = db.createTable(TableDefinition.of("OTHER", List.of(Column.notNull("X", ColumnType.INTEGER)), "X"));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.insert(t, new Object[] {20, "mine", BigDecimal.ONE});
                tx.update(t, t.key(5), old -> new Object[] {5, "five", old[2]});
                List<Object[]> rows = new ArrayList<>();
                try (RowCursor c = tx.scan(t, KeyRange.ALL, true, ColumnSelection.of(t, 1))) {
                    while (c.next()) {
                        rows.add(c.row());
                    }
                }
                assertArrayEquals(new Object[] {"mine"}, rows.get(0), "own writes are projected as well");
                assertArrayEquals(new Object[] {"five"}, rows.get(5));
                assertArrayEquals(new Object[] {"five"}, tx.get(t, t.key(5), ColumnSelection.of(t, 1)));
                assertArrayEquals(new Object[] {5, "five"}, tx.getForUpdate(t, t.key(5), ColumnSelection.of(t, 0, 1)));
                PersimmonException wrong = assertThrows(PersimmonException.class,
                        () -> tx.scan(other, KeyRange.ALL, false, ColumnSelection.of(t, 0)));
                assertEquals(ErrorCode.INVALID_ARGUMENT, wrong.code());
            }
        }
    }
}
