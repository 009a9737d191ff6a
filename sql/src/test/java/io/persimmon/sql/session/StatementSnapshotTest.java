package io.persimmon.sql.session;

import io.persimmon.engine.db.Isolation;
import io.persimmon.sql.SqlTestSupport;
import io.persimmon.sql.api.PreparedSql;
import io.persimmon.sql.api.Session;
import io.persimmon.sql.api.SqlResult;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * READ COMMITTED reads one snapshot per statement: a statement that reads a table twice does not
 * see a commit made between its two reads. Deterministic by construction: UNION ALL reads its
 * branches one after the other, and the second branch's scan opens only when the first branch's
 * rows are used up, here after another session has committed.
 */
class StatementSnapshotTest extends SqlTestSupport {
    private static final String TWICE = "SELECT v FROM t WHERE id = 1 UNION ALL SELECT v FROM t WHERE id = 1";

    @BeforeEach
    void createTable() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (1, 10)");
    }

    @Test
    void shouldNotSeeACommitBetweenTwoReadsOfOneStatement() throws Exception {
        assertEquals(Isolation.READ_COMMITTED, session.getIsolation());
        try (Session other = sql.openSession(); PreparedSql p = session.prepare(TWICE);
             SqlResult r = p.execute(List.of(), 0, 0)) {
            assertTrue(r.next());
            assertEquals(10, r.get(0));
            exec(other, "UPDATE t SET v = 20 WHERE id = 1");
            assertTrue(r.next());
            assertEquals(10, r.get(0), "the second scan sees the statement's snapshot");
            assertFalse(r.next());
        }
        assertEquals(List.of("20", "20"), text(TWICE), "the next statement sees the commit");
    }

    @Test
    void shouldTakeANewSnapshotForEachStatementOfATransaction() throws Exception {
        session.setAutoCommit(false);
        try (Session other = sql.openSession(); PreparedSql p = session.prepare(TWICE)) {
            try (SqlResult r = p.execute(List.of(), 0, 0)) {
                assertTrue(r.next());
                exec(other, "UPDATE t SET v = 20 WHERE id = 1");
                assertTrue(r.next());
                assertEquals(10, r.get(0));
            }
            assertEquals(List.of("20", "20"), text(TWICE), "a new statement, a new snapshot");
            exec(other, "UPDATE t SET v = 30 WHERE id = 1");
            assertEquals(1, exec("UPDATE t SET v = v + 1 WHERE id = 1"));
            assertEquals(List.of("31", "31"), text(TWICE));
        }
        session.commit();
    }
}
