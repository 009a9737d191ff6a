package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.persimmon.engine.db.DatabaseTest.accounts;
import static io.persimmon.engine.db.DatabaseTest.all;
import static io.persimmon.engine.db.DatabaseTest.ids;
import static io.persimmon.engine.db.DatabaseTest.options;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Tables and indexes created and dropped inside a transaction: seen by it alone until it commits,
 * then by everyone with its rows; gone on rollback and on a rollback to an earlier savepoint.
 */
class TransactionalDdlTest {
    @TempDir
    Path dir;

    private static TableDefinition notes(String name) {
        return TableDefinition.of(name, List.of(
                Column.notNull("K", ColumnType.INTEGER),
                Column.nullable("TEXT", ColumnType.varchar(100))), "K");
    }

    private static void assertFails(ErrorCode code, Executable call) {
        assertEquals(code, assertThrows(PersimmonException.class, call).code());
    }

    private static void insertAccounts(Database db, Table t, int from, int to) {
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            for (int i = from; i < to; i++) {
                tx.insert(t, new Object[] {i, "owner" + i, BigDecimal.ONE});
            }
            tx.commit();
        }
    }

    private static List<Object[]> byIndex(Transaction tx, Index index) {
        List<Object[]> rows = new ArrayList<>();
        try (RowCursor c = tx.scanIndex(index, KeyRange.ALL, false)) {
            while (c.next()) {
                rows.add(c.row());
            }
        }
        return rows;
    }

    private static void assertChecked(Database db) {
        CheckReport report = db.check();
        assertTrue(report.passed(), report::toString);
    }

    @Test
    void shouldRefuseAtCommitARowWrittenBeforeAUniqueIndexOnItsTableWasCreated() {
        try (Database db = Database.open(dir.resolve("u.pool"), options())) {
            Table t = db.createTable(notes("NOTES"));
            Transaction early = db.begin(Isolation.READ_COMMITTED);
            early.insert(t, new Object[] {1, "same"}); // checked against no unique index: there is none yet
            try (Transaction other = db.begin(Isolation.READ_COMMITTED)) {
                other.insert(t, new Object[] {2, "same"});
                other.commit();
            }
            db.createIndex(IndexDefinition.of("NOTES_TEXT", t.definition(), true, "TEXT")); // one row holds "same"

            assertFails(ErrorCode.SERIALIZATION_FAILURE, early::commit);
            assertFalse(early.isActive());
            try (Transaction retry = db.begin(Isolation.READ_COMMITTED)) {
                assertFails(ErrorCode.UNIQUE_VIOLATION, () -> retry.insert(t, new Object[] {1, "same"}));
                retry.insert(t, new Object[] {1, "other"}); // checked against the index now: commits
                retry.commit();
            }
            try (Transaction reader = db.begin(Isolation.READ_COMMITTED)) {
                assertEquals(2, byIndex(reader, db.findIndex("NOTES_TEXT").orElseThrow()).size());
            }
            assertChecked(db);
        }
    }

    @Test
    void shouldShowACreatedTableAndItsRowsToOthersOnlyAfterCommit() {
        try (Database db = Database.open(dir.resolve("a.pool"), options())) {
            Transaction creator = db.begin(Isolation.READ_COMMITTED);
            Table t = creator.createTable(notes("NOTES"));
            for (int i = 0; i < 600; i++) { // more than one slot page
                creator.insert(t, new Object[] {i, "note " + i});
            }
            assertSame(t, creator.table("NOTES"));
            assertEquals(600, all(creator, t, false).size());
            assertArrayEquals(new Object[] {7, "note 7"}, creator.get(t, t.key(7)));

            assertTrue(db.findTable("NOTES").isEmpty());
            try (Transaction other = db.begin(Isolation.READ_COMMITTED)) {
                assertTrue(other.findTable("NOTES").isEmpty());
                assertFails(ErrorCode.NO_SUCH_TABLE, () -> other.insert(t, new Object[] {1000, "not yours"}));
                assertFails(ErrorCode.NO_SUCH_TABLE, () -> other.scan(t, KeyRange.ALL, false));
            }
            long clock = db.clock();
            creator.commit();
            assertEquals(clock + 1, db.clock(), "one record for the table and its rows");

            assertSame(t, db.table("NOTES"));
            assertEquals(600, t.rowCount());
            try (Transaction reader = db.begin(Isolation.REPEATABLE_READ)) {
                assertEquals(600, all(reader, db.table("NOTES"), false).size());
                reader.insert(t, new Object[] {600, "after"}); // an ordinary table now
                reader.commit();
            }
            assertEquals(601, t.rowCount());
            assertChecked(db);
        }
    }

    @Test
    void shouldLeaveNothingWhenATransactionThatCreatedATableRollsBack() {
        try (Database db = Database.open(dir.resolve("b.pool"), options())) {
            Table accounts = db.createTable(accounts());
            insertAccounts(db, accounts, 0, 10);
            db.checkpoint();
            db.checkpoint();
            long allocated = db.pool().allocator().allocatedBytes();
            long catalog = db.catalogVersion();
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                Table t = tx.createTable(notes("NOTES"));
                tx.createIndex(IndexDefinition.of("BY_TEXT", t.definition(), false, "TEXT"));
                for (int i = 0; i < 1200; i++) {
                    tx.insert(t, new Object[] {i, "note " + i});
                }
                tx.insert(accounts, new Object[] {10, "eleventh", null});
                tx.rollback();
            }
            assertTrue(db.findTable("NOTES").isEmpty());
            assertTrue(db.findIndex("BY_TEXT").isEmpty());
            assertEquals(catalog, db.catalogVersion(), "no catalog change applied");
            db.checkpoint();
            db.checkpoint();
            assertEquals(allocated, db.pool().allocator().allocatedBytes(), "nothing allocated for the rolled-back table");
            assertChecked(db);
            Table again = db.createTable(notes("NOTES")); // the name is free again
            insertAccounts(db, accounts, 11, 12);
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                assertEquals(0, all(tx, again, false).size());
                assertEquals(11, all(tx, accounts, false).size());
            }
            assertChecked(db);
        }
    }

    @Test
    void shouldUndoTheDdlMadeAfterASavepoint() {
        try (Database db = Database.open(dir.resolve("c.pool"), options())) {
            Table kept = db.createTable(notes("KEPT"));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.insert(kept, new Object[] {1, "kept"});
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                Table a = tx.createTable(notes("A"));
                tx.insert(a, new Object[] {1, "a"});
                Transaction.Savepoint savepoint = tx.savepoint();
                Table b = tx.createTable(notes("B"));
                tx.insert(b, new Object[] {1, "b"});
                tx.createIndex(IndexDefinition.of("A_TEXT", a.definition(), false, "TEXT"));
                tx.dropTable("KEPT");
                assertTrue(tx.findTable("KEPT").isEmpty());
                assertTrue(tx.findIndex("A_TEXT").isPresent());
                tx.rollbackTo(savepoint);
                assertTrue(tx.findTable("B").isEmpty());
                assertTrue(tx.findIndex("A_TEXT").isEmpty());
                assertSame(kept, tx.table("KEPT"));
                assertEquals(1, all(tx, kept, false).size());
                tx.insert(kept, new Object[] {2, "written after the rollback"});
                tx.commit();
            }
            assertEquals(1, db.table("A").rowCount());
            assertTrue(db.findTable("B").isEmpty());
            assertTrue(db.findIndex("A_TEXT").isEmpty());
            assertEquals(2, db.table("KEPT").rowCount());
            assertChecked(db);
        }
    }

    @Test
    void shouldShowADropToOthersOnlyAfterCommit() {
        try (Database db = Database.open(dir.resolve("d.pool"), options())) {
            Table t = db.createTable(accounts());
            db.createIndex(IndexDefinition.of("BY_OWNER", t.definition(), false, "OWNER"));
            insertAccounts(db, t, 0, 100);
            db.checkpoint();
            try (Transaction dropper = db.begin(Isolation.REPEATABLE_READ)) {
                dropper.insert(t, new Object[] {100, "dropped with it", null});
                dropper.dropTable("ACCOUNTS");
                assertTrue(dropper.findTable("ACCOUNTS").isEmpty());
                assertTrue(dropper.findIndex("BY_OWNER").isEmpty(), "the index goes with its table");
                assertFails(ErrorCode.NO_SUCH_TABLE, () -> dropper.get(t, t.key(1)));
                assertFails(ErrorCode.NO_SUCH_TABLE, () -> dropper.insert(t, new Object[] {101, "x", null}));

                assertSame(t, db.table("ACCOUNTS"));
                insertAccounts(db, t, 200, 210); // others write it and commit meanwhile
                try (Transaction other = db.begin(Isolation.REPEATABLE_READ)) {
                    assertEquals(110, all(other, t, false).size());
                    assertEquals(110, byIndex(other, db.findIndex("BY_OWNER").orElseThrow()).size());
                }
                Transaction late = db.begin(Isolation.REPEATABLE_READ);
                late.insert(t, new Object[] {300, "too late", null});

                dropper.commit();
                assertTrue(db.findTable("ACCOUNTS").isEmpty());
                assertTrue(db.findIndex("BY_OWNER").isEmpty());
                assertTrue(t.isDropped());
                assertFails(ErrorCode.NO_SUCH_TABLE, late::commit); // it wrote a table dropped since
            }
            assertChecked(db);
            db.createTable(accounts());
            assertChecked(db);
        }
    }

    @Test
    void shouldKeepTheRowsWhenADropRollsBack() {
        try (Database db = Database.open(dir.resolve("e.pool"), options())) {
            Table t = db.createTable(accounts());
            Index index = db.createIndex(IndexDefinition.of("BY_OWNER", t.definition(), false, "OWNER"));
            insertAccounts(db, t, 0, 50);
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.dropIndex("BY_OWNER");
                assertTrue(tx.findIndex("BY_OWNER").isEmpty());
                assertFails(ErrorCode.NO_SUCH_INDEX, () -> tx.scanIndex(index, KeyRange.ALL, false));
                tx.dropTable("ACCOUNTS");
                tx.rollback();
            }
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                assertSame(t, tx.table("ACCOUNTS"));
                assertEquals(50, all(tx, t, false).size());
                assertEquals(50, byIndex(tx, index).size());
            }
            assertChecked(db);
        }
    }

    @Test
    void shouldBuildAnIndexCreatedInATransactionOverTheRowsItLeaves() {
        try (Database db = Database.open(dir.resolve("f.pool"), options())) {
            Table t = db.createTable(accounts());
            insertAccounts(db, t, 0, 100);
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int i = 100; i < 150; i++) {
                    tx.insert(t, new Object[] {i, "new" + i, null});
                }
                tx.update(t, t.key(5), old -> new Object[] {5, "aaa", old[2]});
                tx.delete(t, t.key(6));
                Index index = tx.createIndex(IndexDefinition.of("BY_OWNER", t.definition(), false, "OWNER"));
                assertSame(index, tx.findIndex("BY_OWNER").orElseThrow());
                assertTrue(db.findIndex("BY_OWNER").isEmpty());
                PersimmonException refused = assertThrows(PersimmonException.class, () -> tx.scanIndex(index, KeyRange.ALL, false));
                assertEquals(ErrorCode.NO_SUCH_INDEX, refused.code());
                assertTrue(refused.getMessage().contains("once the transaction commits"), refused.getMessage());

                Table n = tx.createTable(notes("NOTES"));
                tx.createIndex(IndexDefinition.of("NOTES_TEXT", n.definition(), true, "TEXT"));
                for (int i = 0; i < 20; i++) {
                    tx.insert(n, new Object[] {i, "z" + (100 - i)});
                }
                tx.commit();
            }
            Index index = db.findIndex("BY_OWNER").orElseThrow();
            assertTrue(index.isReady());
            assertEquals(List.of(index), t.indexes());
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                List<Object[]> rows = byIndex(tx, index);
                assertEquals(149, rows.size());
                assertEquals(5, rows.get(0)[0]);
                assertEquals("aaa", rows.get(0)[1]);
                for (int i = 1; i < rows.size(); i++) {
                    assertTrue(((String) rows.get(i - 1)[1]).compareTo((String) rows.get(i)[1]) <= 0);
                }
                List<Object[]> notes = byIndex(tx, db.findIndex("NOTES_TEXT").orElseThrow());
                assertEquals(20, notes.size());
                assertEquals(0, notes.get(0)[0]); // "z100" first
                assertEquals(19, notes.get(1)[0]); // then "z81"
            }
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) { // the unique index is enforced now
                assertFails(ErrorCode.UNIQUE_VIOLATION, () -> tx.insert(db.table("NOTES"), new Object[] {50, "z100"}));
            }
            assertChecked(db);
        }
    }

    @Test
    void shouldFailTheCommitOfAUniqueIndexOverDuplicatesTheTransactionLeaves() {
        try (Database db = Database.open(dir.resolve("g.pool"), options())) {
            Table t = db.createTable(accounts());
            insertAccounts(db, t, 0, 20);
            Transaction tx = db.begin(Isolation.REPEATABLE_READ);
            tx.insert(t, new Object[] {20, "owner3", null}); // a duplicate of a committed row
            tx.createIndex(IndexDefinition.of("U_OWNER", t.definition(), true, "OWNER"));
            Table n = tx.createTable(notes("NOTES"));
            tx.insert(n, new Object[] {1, "one"});
            long clock = db.clock();
            assertFails(ErrorCode.UNIQUE_VIOLATION, tx::commit);
            assertFalse(tx.isActive(), "the transaction rolled back");
            assertEquals(clock, db.clock(), "nothing was written");
            assertTrue(db.findIndex("U_OWNER").isEmpty());
            assertTrue(db.findTable("NOTES").isEmpty());
            assertEquals(20, t.rowCount());

            try (Transaction own = db.begin(Isolation.REPEATABLE_READ)) { // duplicates among its own writes
                Table m = own.createTable(notes("MORE"));
                own.insert(m, new Object[] {1, "same"});
                own.insert(m, new Object[] {2, "same"});
                own.createIndex(IndexDefinition.of("U_MORE", m.definition(), true, "TEXT"));
                assertFails(ErrorCode.UNIQUE_VIOLATION, own::commit);
            }
            assertTrue(db.findTable("MORE").isEmpty());

            // Committed duplicates that the transaction's own writes remove are no duplicates.
            try (Transaction other = db.begin(Isolation.REPEATABLE_READ)) {
                other.insert(t, new Object[] {21, "owner4", null});
                other.commit();
            }
            try (Transaction fixer = db.begin(Isolation.REPEATABLE_READ)) {
                fixer.update(t, t.key(21), old -> new Object[] {21, "owner21", null});
                fixer.delete(t, t.key(3));
                fixer.insert(t, new Object[] {22, "owner3", null});
                fixer.createIndex(IndexDefinition.of("U_OWNER", t.definition(), true, "OWNER"));
                fixer.commit();
            }
            try (Transaction reader = db.begin(Isolation.REPEATABLE_READ)) {
                assertEquals(21, byIndex(reader, db.findIndex("U_OWNER").orElseThrow()).size());
            }
            assertChecked(db);
        }
    }

    @Test
    void shouldRefuseANameThatExistsAtOnceAndTheSecondCreatorAtCommit() {
        try (Database db = Database.open(dir.resolve("h.pool"), options())) {
            db.createTable(accounts());
            Transaction first = db.begin(Isolation.READ_COMMITTED);
            Transaction second = db.begin(Isolation.READ_COMMITTED);
            assertFails(ErrorCode.ALREADY_EXISTS, () -> first.createTable(accounts()));
            Table mine = first.createTable(notes("NOTES"));
            assertFails(ErrorCode.ALREADY_EXISTS, () -> first.createTable(notes("NOTES")));
            first.createIndex(IndexDefinition.of("BY_TEXT", mine.definition(), false, "TEXT"));
            assertFails(ErrorCode.ALREADY_EXISTS,
                    () -> first.createIndex(IndexDefinition.of("BY_TEXT", mine.definition(), false, "K")));
            first.insert(mine, new Object[] {1, "first"});

            Table theirs = second.createTable(notes("NOTES")); // not visible to the second: allowed
            second.insert(theirs, new Object[] {2, "second"});
            first.commit();
            assertFails(ErrorCode.ALREADY_EXISTS, second::commit);
            assertFalse(second.isActive());
            assertSame(mine, db.table("NOTES"));

            try (Transaction late = db.begin(Isolation.READ_COMMITTED)) { // the index name is taken now, for everyone
                assertFails(ErrorCode.ALREADY_EXISTS,
                        () -> late.createIndex(IndexDefinition.of("BY_TEXT", mine.definition(), false, "K")));
            }
            Transaction third = db.begin(Isolation.READ_COMMITTED);
            Transaction fourth = db.begin(Isolation.READ_COMMITTED);
            third.createIndex(IndexDefinition.of("BY_K", mine.definition(), false, "K"));
            Table t4 = fourth.createTable(notes("OTHER"));
            fourth.createIndex(IndexDefinition.of("BY_K", t4.definition(), false, "TEXT"));
            third.commit();
            assertFails(ErrorCode.ALREADY_EXISTS, fourth::commit);
            assertTrue(db.findTable("OTHER").isEmpty());
            assertSame(mine, db.findIndex("BY_K").orElseThrow().table());

            // Two droppers of one table: the second fails at its commit.
            Transaction a = db.begin(Isolation.READ_COMMITTED);
            Transaction b = db.begin(Isolation.READ_COMMITTED);
            a.dropTable("NOTES");
            b.dropTable("NOTES");
            a.commit();
            assertFails(ErrorCode.NO_SUCH_TABLE, b::commit);
            assertTrue(db.findTable("NOTES").isEmpty());
            assertChecked(db);
        }
    }

    @Test
    void shouldReplaceATableDroppedAndCreatedAgainUnderItsName() {
        Path file = dir.resolve("i.pool");
        try (Database db = Database.open(file, options())) {
            Table old = db.createTable(notes("NOTES"));
            db.createIndex(IndexDefinition.of("BY_TEXT", old.definition(), false, "TEXT"));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.insert(old, new Object[] {1, "old"});
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.dropTable("NOTES");
                Table fresh = tx.createTable(TableDefinition.of("NOTES", List.of(Column.notNull("ID", ColumnType.BIGINT)), "ID"));
                tx.createIndex(IndexDefinition.of("BY_TEXT", fresh.definition(), false, "ID"));
                tx.insert(fresh, new Object[] {42L});
                tx.commit();
            }
            Table fresh = db.table("NOTES");
            assertNotSame(old, fresh);
            assertEquals(1, fresh.definition().columns().size());
            assertSame(fresh, db.findIndex("BY_TEXT").orElseThrow().table());
            assertChecked(db);
        }
        try (Database db = Database.open(file, options())) {
            Table fresh = db.table("NOTES");
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                assertArrayEquals(new Object[] {42L}, tx.get(fresh, fresh.key(42L)));
                assertEquals(1, byIndex(tx, db.findIndex("BY_TEXT").orElseThrow()).size());
            }
            assertChecked(db);
        }
    }

    @Test
    void shouldCommitNothingOfATableCreatedWrittenAndDroppedInOneTransaction() {
        try (Database db = Database.open(dir.resolve("l.pool"), options())) {
            Table accounts = db.createTable(accounts());
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                Table t = tx.createTable(notes("NOTES"));
                tx.createIndex(IndexDefinition.of("BY_TEXT", t.definition(), false, "TEXT"));
                tx.insert(t, new Object[] {1, "gone"});
                tx.dropTable("NOTES");
                assertFails(ErrorCode.NO_SUCH_TABLE, () -> tx.insert(t, new Object[] {2, "too late"}));
                tx.insert(accounts, new Object[] {1, "kept", null});
                assertTrue(tx.hasWrites());
                tx.commit();
            }
            assertTrue(db.findTable("NOTES").isEmpty());
            assertTrue(db.findIndex("BY_TEXT").isEmpty());
            assertEquals(1, accounts.rowCount());
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                Table t = tx.createTable(notes("NOTES"));
                tx.dropTable("NOTES");
                assertFalse(tx.hasWrites(), "created and dropped: nothing to commit");
                long clock = db.clock();
                tx.commit();
                assertEquals(clock, db.clock());
                assertFalse(t.cataloged);
            }
            assertChecked(db);
        }
    }

    @Test
    void shouldKeepWhatCommittedAcrossCloseAndReopen() {
        keepsWhatCommitted(dir.resolve("j.pool"), false);
    }

    @Test
    void shouldReplayWhatCommittedAfterAKilledProcess() {
        keepsWhatCommitted(dir.resolve("k.pool"), true);
    }

    /**
     * Commits and rolls back DDL, then closes the database, or only its pool underneath, as a
     * killed process would (no checkpoint since the open: the records are replayed at the next).
     */
    private static void keepsWhatCommitted(Path file, boolean kill) {
        io.persimmon.engine.pool.Pool pool = io.persimmon.engine.pool.Pool.open(file, options().pool());
        Database db = Database.attach(pool, options()); // no background thread: no checkpoint unless the log asks
        long checkpoints = db.checkpoints();
        try {
            db.createTable(notes("DOOMED"));
            Table other = db.createTable(accounts());
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                Table t = tx.createTable(notes("NOTES"));
                tx.createIndex(IndexDefinition.of("BY_TEXT", t.definition(), false, "TEXT"));
                for (int i = 0; i < 700; i++) {
                    tx.insert(t, new Object[] {i, "note " + (i % 50)});
                }
                tx.dropTable("DOOMED");
                tx.insert(other, new Object[] {1, "with the drop", null});
                tx.commit();
            }
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.createTable(notes("NEVER"));
                tx.rollback();
            }
            assertEquals(checkpoints, db.checkpoints());
        } finally {
            if (!kill) {
                db.close();
            }
            pool.close();
        }
        try (Database again = Database.open(file, options())) {
            reopened(again);
        }
    }

    private static void reopened(Database db) {
        {
            assertTrue(db.findTable("DOOMED").isEmpty());
            assertTrue(db.findTable("NEVER").isEmpty());
            Table t = db.table("NOTES");
            assertEquals(700, t.rowCount());
            Index index = db.findIndex("BY_TEXT").orElseThrow();
            assertTrue(index.isReady());
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                assertEquals(700, ids(all(tx, t, false)).size());
                assertEquals(700, byIndex(tx, index).size());
                assertEquals(1, all(tx, db.table("ACCOUNTS"), false).size());
            }
            assertChecked(db);
        }
    }
}
