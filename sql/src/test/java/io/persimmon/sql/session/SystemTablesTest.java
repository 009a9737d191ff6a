package io.persimmon.sql.session;

import io.persimmon.sql.api.Session;
import io.persimmon.sql.SqlTestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SYS.PERSISTENCE_STATS shows what transactions persisted: one fence per commit, none for a read. */
class SystemTablesTest extends SqlTestSupport {
    private List<Object> stats() throws Exception {
        List<List<Object>> rows = query(session, "SELECT FENCES, FLUSHED_LINES, COMMITS FROM SYS.PERSISTENCE_STATS");
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    @Test
    void shouldCountTheFencesAndLinesOfCommits() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
        List<Object> before = stats();
        exec("INSERT INTO t VALUES (1, 'one')");
        exec("INSERT INTO t VALUES (2, 'two'), (3, 'three')");
        List<Object> after = stats();
        assertEquals(2L, (Long) after.get(0) - (Long) before.get(0), "one fence per autocommitted insert");
        assertTrue((Long) after.get(1) > (Long) before.get(1), "the commits flushed their records");
        assertEquals(2L, (Long) after.get(2) - (Long) before.get(2), "two commits");
        query(session, "SELECT * FROM t");
        List<Object> read = stats();
        assertEquals(after.get(0), read.get(0), "a read fences never");
        assertEquals(after.get(1), read.get(1), "a read flushes nothing");
    }

    private static List<Object> sessionStats(Session s) throws Exception {
        return query(s, "SELECT SESSION_COMMITS, SESSION_FENCES, SESSION_FLUSHED_LINES, COMMITS FROM SYS.PERSISTENCE_STATS")
                .get(0);
    }

    @Test
    void shouldCountEachSessionsOwnCommitsAlone() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
        try (Session other = sql.openSession()) {
            assertEquals(List.of(0L, 0L, 0L), sessionStats(session).subList(0, 3));
            for (int i = 0; i < 3; i++) {
                exec("INSERT INTO t VALUES (?, 'mine')", i);
            }
            for (int i = 10; i < 15; i++) {
                exec(other, "INSERT INTO t VALUES (?, 'them')", i);
            }
            exec(other, "UPDATE t SET name = 'x' WHERE id = 99"); // writes nothing: no commit to count
            List<Object> mine = sessionStats(session);
            List<Object> theirs = sessionStats(other);
            assertEquals(3L, mine.get(0));
            assertEquals(3L, mine.get(1), "one fence per commit, its own only");
            assertEquals(5L, theirs.get(0));
            assertEquals(5L, theirs.get(1));
            assertTrue((Long) mine.get(2) > 0 && (Long) theirs.get(2) > 0, mine + " " + theirs);
            long allLines = (Long) stats().get(1);
            assertTrue((Long) mine.get(2) + (Long) theirs.get(2) <= allLines, "each counts its own: " + mine + " "
                    + theirs + " of " + allLines);
            assertTrue((Long) mine.get(3) >= 8L, "COMMITS counts every session's");
        }
    }
}
