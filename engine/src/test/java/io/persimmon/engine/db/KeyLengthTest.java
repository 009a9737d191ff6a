package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A key longer than a tree node holds (1,008 bytes with the default 4 KiB pages) is refused with
 * LIMIT_EXCEEDED before anything commits: at the insert or update, at the commit for an index
 * created since the row was written, at CREATE INDEX over rows that hold one. Before, such a key
 * committed, and every checkpoint after it failed (the trees take keys at the checkpoint), so the
 * log could never be released and the database could not close. Each test ends by checkpointing,
 * closing and reopening.
 */
class KeyLengthTest {
    @TempDir
    Path dir;

    private static final TableDefinition WIDE = TableDefinition.of("WIDE", List.of(
            Column.notNull("ID", ColumnType.varchar(2000)),
            Column.nullable("V", ColumnType.varchar(5000))), "ID");

    private static String chars(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    private static void assertTooLong(String naming, Executable write) {
        PersimmonException e = assertThrows(PersimmonException.class, write);
        assertEquals(ErrorCode.LIMIT_EXCEEDED, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(naming) && e.getMessage().contains("1008"), e.getMessage());
    }

    private Path file;
    private Database db;
    private Table t;

    @BeforeEach
    void openWithATableOfLongKeys() {
        file = dir.resolve("db.pool");
        db = Database.open(file, DatabaseTest.options());
        t = db.createTable(WIDE);
    }

    /** Checkpoints, checks, closes, reopens: what a committed over-long key made fail. */
    private void assertStillWorks(long rows) {
        db.checkpoint();
        assertTrue(db.check().passed(), () -> db.check().toString());
        db.close();
        try (Database again = Database.open(file, DatabaseTest.options())) {
            assertEquals(rows, again.table("WIDE").rowCount());
            assertTrue(again.check().passed());
        }
    }

    @Test
    void aPrimaryKeyTooLongIsRefusedAtTheInsertAndOneThatFitsIsKept() {
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            tx.insert(t, new Object[] {chars('a', 1000), "fits: 1,003 bytes"});
            assertTooLong("table WIDE's primary key", () -> tx.insert(t, new Object[] {chars('b', 1006), "x"}));
            assertTooLong("table WIDE's primary key", () -> tx.update(t, t.key(chars('a', 1000)),
                    new Object[] {chars('c', 1500), "moved"}));
            tx.commit();
        }
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            assertEquals("fits: 1,003 bytes", tx.get(t, t.key(chars('a', 1000)))[1]);
            assertNull(tx.get(t, t.key(chars('c', 1500))));
        }
        assertStillWorks(1);
    }

    @Test
    void anIndexKeyTooLongIsRefusedAtTheInsertAndTheUpdate() {
        db.createIndex(IndexDefinition.of("BY_V", WIDE, false, "V"));
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            tx.insert(t, new Object[] {"k", "short"});
            assertTooLong("index BY_V of table WIDE", () -> tx.insert(t, new Object[] {"l", chars('v', 1200)}));
            assertTooLong("index BY_V of table WIDE", () -> tx.update(t, t.key("k"), new Object[] {"k", chars('w', 1200)}));
            tx.commit();
        }
        assertStillWorks(1);
    }

    @Test
    void aCommitRefusesAKeyOfAnIndexCreatedAfterItsRowWasWritten() {
        try (Transaction writer = db.begin(Isolation.REPEATABLE_READ)) {
            writer.insert(t, new Object[] {"k", chars('v', 1200)}); // no index on V yet: a value like any other
            db.createIndex(IndexDefinition.of("BY_V", WIDE, false, "V")); // the committed rows' keys all fit
            assertTooLong("index BY_V of table WIDE", writer::commit);
        }
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            assertNull(tx.get(t, t.key("k")));
        }
        assertStillWorks(0);
    }

    @Test
    void createIndexRefusesRowsWhoseKeysWouldBeTooLong() {
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            tx.insert(t, new Object[] {"k", chars('v', 1200)});
            tx.insert(t, new Object[] {"m", "short"});
            tx.commit();
        }
        assertTooLong("index BY_V of table WIDE", () -> db.createIndex(IndexDefinition.of("BY_V", WIDE, false, "V")));
        assertTrue(db.findIndex("BY_V").isEmpty());
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            tx.createIndex(IndexDefinition.of("BY_V", WIDE, false, "V"));
            assertTooLong("index BY_V of table WIDE", tx::commit); // in a transaction: refused at its commit
        }
        assertTrue(db.findIndex("BY_V").isEmpty());
        // An older version holds the long value too: the index would list it for older snapshots.
        try (Transaction old = db.begin(Isolation.REPEATABLE_READ)) {
            old.get(t, t.key("k"));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.update(t, t.key("k"), new Object[] {"k", "short now"});
                tx.commit();
            }
            assertTooLong("index BY_V of table WIDE", () -> db.createIndex(IndexDefinition.of("BY_V", WIDE, false, "V")));
        }
        assertStillWorks(2);
    }
}
