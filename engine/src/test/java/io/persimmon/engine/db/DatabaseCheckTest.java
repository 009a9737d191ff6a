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
}
