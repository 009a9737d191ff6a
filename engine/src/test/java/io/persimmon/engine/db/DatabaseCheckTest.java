package io.persimmon.engine.db;

import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.check.CheckReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The database check finds each kind of broken invariant it claims to check. */
class DatabaseCheckTest {
    @TempDir
    Path dir;

    private Database filled(Path file) {
        Database db = Database.open(file, DatabaseTest.options());
        Table t = db.createTable(DatabaseTest.accounts());
        db.createIndex(IndexDefinition.of("BY_OWNER", t.definition(), false, "OWNER"));
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            for (int i = 0; i < 200; i++) {
                tx.insert(t, new Object[] {i, "owner" + i, BigDecimal.ONE});
            }
            tx.commit();
        }
        return db;
    }

    @Test
    void shouldPassOnAHealthyDatabase() {
        try (Database db = filled(dir.resolve("a.pool"))) {
            CheckReport report = db.check();
            assertTrue(report.passed(), report::toString);
            assertTrue(report.toString().contains("200 live rows"), report::toString);
        }
    }

    @Test
    void shouldReportAnIndexEntryThatNoVersionCarries() {
        try (Database db = filled(dir.resolve("b.pool"))) {
            Table t = db.table("ACCOUNTS");
            Index index = db.findIndex("BY_OWNER").orElseThrow();
            long slot = t.primary.get(t.key(5));
            index.tree.put(index.keyOf(t.conform(new Object[] {5, "nobody", null}, 0)), slot);
            CheckReport report = db.check();
            assertFalse(report.passed());
            assertTrue(report.problems().toString().contains("matches no version"), report::toString);
        }
    }

    @Test
    void shouldReportALiveRowMissingFromAnIndex() {
        try (Database db = filled(dir.resolve("c.pool"))) {
            Table t = db.table("ACCOUNTS");
            Index index = db.findIndex("BY_OWNER").orElseThrow();
            index.tree.delete(index.keyOf(t.conform(new Object[] {7, "owner7", BigDecimal.ONE}, 0)));
            CheckReport report = db.check();
            assertFalse(report.passed());
            assertTrue(report.problems().toString().contains("no entry for the row with key [7]"), report::toString);
        }
    }

    @Test
    void shouldReportAWrongRowCount() {
        try (Database db = filled(dir.resolve("d.pool"))) {
            db.table("ACCOUNTS").rowCount.addAndGet(3);
            CheckReport report = db.check();
            assertFalse(report.passed());
            assertTrue(report.problems().toString().contains("200 live rows, the catalog counts 203"), report::toString);
        }
    }

    @Test
    void shouldReportALoopingVersionChainInsteadOfWalkingItForever() {
        try (Database db = filled(dir.resolve("e.pool"))) {
            Table t = db.table("ACCOUNTS");
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                tx.update(t, t.key(9), old -> new Object[] {9, "changed", BigDecimal.TEN});
                tx.commit();
            }
            db.checkpoint();
            java.lang.foreign.MemorySegment s = db.pool().segment();
            long version = io.persimmon.engine.mvcc.Versions.newest(s, t.primary.get(t.key(9)));
            s.set(io.persimmon.engine.pmem.PoolLayouts.LONG, version + io.persimmon.engine.mvcc.VersionLayout.PREVIOUS_OFFSET, version);
            CheckReport report = DatabaseCheck.run(db.pool());
            assertFalse(report.passed());
            assertTrue(report.problems().toString().contains("does not go back in time"), report::toString);
        }
    }

    @Test
    void shouldRefuseToReadADamagedVersionAndReportIt() {
        try (Database db = filled(dir.resolve("f.pool"))) {
            Table t = db.table("ACCOUNTS");
            db.checkpoint();
            java.lang.foreign.MemorySegment s = db.pool().segment();
            long version = io.persimmon.engine.mvcc.Versions.newest(s, t.primary.get(t.key(5)));
            long at = version + io.persimmon.engine.mvcc.VersionLayout.ROW_OFFSET + 10;
            s.set(io.persimmon.engine.pmem.PoolLayouts.BYTE, at, (byte) (s.get(io.persimmon.engine.pmem.PoolLayouts.BYTE, at) ^ 0x40));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                io.persimmon.engine.PersimmonException e = assertThrows(io.persimmon.engine.PersimmonException.class,
                        () -> tx.get(t, t.key(5)));
                assertEquals(io.persimmon.engine.ErrorCode.CORRUPT, e.code());
                assertTrue(e.getMessage().contains(Long.toString(version)), e.getMessage());
                assertEquals("owner6", tx.get(t, t.key(6))[1]); // the other rows still read
            }
            CheckReport report = DatabaseCheck.run(db.pool());
            assertFalse(report.passed());
            assertTrue(report.problems().toString().contains("fails its checksum"), report::toString);
        }
    }

    @Test
    void shouldRefuseASlotThatNamesAnotherRowsVersionAndReportIt() {
        try (Database db = filled(dir.resolve("g.pool"))) {
            Table t = db.table("ACCOUNTS");
            db.checkpoint();
            java.lang.foreign.MemorySegment s = db.pool().segment();
            long slot5 = t.primary.get(t.key(5));
            long version6 = io.persimmon.engine.mvcc.Versions.newest(s, t.primary.get(t.key(6)));
            // A damaged slot word (it has no checksum) that names an intact version of another row:
            // without each version's owner, row 5 would read as row 6, silently.
            s.set(io.persimmon.engine.pmem.PoolLayouts.LONG, slot5, version6);
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                io.persimmon.engine.PersimmonException e = assertThrows(io.persimmon.engine.PersimmonException.class,
                        () -> tx.get(t, t.key(5)));
                assertEquals(io.persimmon.engine.ErrorCode.CORRUPT, e.code());
                assertTrue(e.getMessage().contains("belongs to another slot's chain"), e.getMessage());
                assertThrows(io.persimmon.engine.PersimmonException.class,
                        () -> tx.update(t, t.key(5), old -> old), "nor is it written over");
                assertEquals("owner6", tx.get(t, t.key(6))[1]); // the other rows still read
            }
            CheckReport report = DatabaseCheck.run(db.pool());
            assertFalse(report.passed());
            assertTrue(report.problems().toString().contains("belongs to another slot's chain"), report::toString);
        }
    }
}
