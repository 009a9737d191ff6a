package io.persimmon.sql.session;

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
}
