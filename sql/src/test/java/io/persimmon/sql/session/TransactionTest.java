package io.persimmon.sql.session;

import io.persimmon.engine.db.Isolation;
import io.persimmon.sql.SqlTestSupport;
import io.persimmon.sql.api.PreparedSql;
import io.persimmon.sql.api.Session;
import io.persimmon.sql.api.SqlResult;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionTest extends SqlTestSupport {
    @Test
    void shouldCommitAndRollback() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        session.setAutoCommit(false);
        exec("INSERT INTO t VALUES (1, 1)");
        assertEquals(List.of("1, 1"), text("SELECT * FROM t"));
        try (Session other = sql.openSession()) {
            assertEquals(List.of(), query(other, "SELECT * FROM t"));
            session.commit();
            assertEquals(1, query(other, "SELECT * FROM t").size());
        }
        exec("UPDATE t SET v = 2");
        session.rollback();
        assertEquals(List.of("1, 1"), text("SELECT * FROM t"));
    }

    @Test
    void shouldRollBackToSavepoint() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        session.setAutoCommit(false);
        exec("INSERT INTO t VALUES (1)");
        Object sp = session.setSavepoint();
        exec("INSERT INTO t VALUES (2)");
        session.rollbackTo(sp);
        exec("INSERT INTO t VALUES (3)");
        session.setAutoCommit(true);
        assertEquals(List.of("1", "3"), text("SELECT id FROM t ORDER BY id"));
        assertState("3B001", () -> session.setSavepoint());
    }

    @Test
    void shouldKeepSnapshotUnderRepeatableRead() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (1, 1)");
        session.setIsolation(Isolation.REPEATABLE_READ);
        session.setAutoCommit(false);
        assertEquals(List.of("1"), text("SELECT v FROM t"));
        try (Session other = sql.openSession()) {
            exec(other, "UPDATE t SET v = 2");
            assertEquals(List.of("1"), text("SELECT v FROM t"));
            SqlExceptionHolder h = new SqlExceptionHolder();
            assertState("40001", () -> exec("UPDATE t SET v = 3 WHERE id = 1"));
            assertTrue(h.toString().isEmpty());
        }
        assertEquals(List.of("2"), text("SELECT v FROM t"));
    }

    @Test
    void shouldSeeOwnWritesWithinAStatementSnapshot() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        session.setAutoCommit(false);
        exec("INSERT INTO t VALUES (1, 1), (2, 2)");
        assertEquals(2, exec("INSERT INTO t SELECT id + 2, v FROM t"));
        assertEquals(List.of("4"), text("SELECT COUNT(*) FROM t"));
        session.rollback();
        assertEquals(List.of("0"), text("SELECT COUNT(*) FROM t"));
    }

    @Test
    void shouldRefuseWritesWhenReadOnly() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        session.setReadOnly(true);
        assertState("25006", () -> exec("INSERT INTO t VALUES (1)"));
        assertState("25006", () -> exec("DROP TABLE t"));
        assertEquals(List.of(), text("SELECT * FROM t"));
    }

    @Test
    void shouldCommitAutocommitQueryWhenRead() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        exec("INSERT INTO t VALUES (1), (2), (3)");
        try (PreparedSql p = session.prepare("SELECT id FROM t ORDER BY id"); SqlResult r = p.execute(List.of(), 2, 0)) {
            assertEquals(List.of(List.of(1), List.of(2)), rows(r));
        }
        session.cancel();
        assertEquals(3, query("SELECT id FROM t").size());
    }

    /** A placeholder to keep the assertion honest about nothing being left over. */
    private static final class SqlExceptionHolder {
        @Override
        public String toString() {
            return "";
        }
    }
}
