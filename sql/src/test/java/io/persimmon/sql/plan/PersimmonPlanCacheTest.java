package io.persimmon.sql.plan;

import io.persimmon.sql.SqlTestSupport;
import io.persimmon.sql.api.PreparedSql;
import io.persimmon.sql.api.Session;
import io.persimmon.sql.api.SqlResult;
import io.persimmon.sql.session.PersimmonSqlDatabase;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersimmonPlanCacheTest extends SqlTestSupport {
    private PersimmonPlanCache cache() {
        return ((PersimmonSqlDatabase) sql).planCache();
    }

    private long compiles() {
        return ((PersimmonSqlDatabase) sql).compiles();
    }

    @Test
    void shouldCompileATextOnceForEverySession() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (1, 10), (2, 20)");
        String q = "SELECT v FROM t WHERE id = ?";
        long before = cache().compiles();
        assertEquals(List.of("10"), text(q, 1));
        assertEquals(before + 1, cache().compiles());
        try (Session other = sql.openSession()) {
            for (int i = 0; i < 5; i++) {
                assertEquals(List.of(List.of(20)), query(other, q, 2));
            }
        }
        assertEquals(List.of("10"), text(q, 1));
        assertEquals(before + 1, cache().compiles());
        text("SELECT v FROM t WHERE id = ? ", 1);
        assertEquals(before + 2, cache().compiles(), "another text is another plan");
    }

    @Test
    void shouldRecompileAfterDdl() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (1, 10)");
        String q = "SELECT * FROM t WHERE id = 1";
        try (PreparedSql prepared = session.prepare(q)) {
            long compiled = compiles();
            exec("DROP TABLE t");
            exec("CREATE TABLE t (id INT PRIMARY KEY, v INT, w VARCHAR(3))");
            exec("INSERT INTO t VALUES (1, 11, 'new')");
            long afterDdl = compiles();
            try (SqlResult r = prepared.execute(List.of(), 0, 0)) {
                assertEquals(List.of(List.of(1, 11, "new")), rows(r));
            }
            assertEquals(afterDdl + 1, compiles(), "the old plan is not used under the new schema");
            assertEquals(3, prepared.columns().size());
            assertEquals(List.of("1, 11, new"), text(q));
            assertEquals(afterDdl + 1, compiles());
            assertEquals(true, compiled < afterDdl);
        }
    }

    @Test
    void shouldDropPlansOfOldSchemaVersions() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        for (int i = 0; i < 10; i++) {
            text("SELECT id FROM t WHERE id = " + i);
        }
        int before = cache().size();
        exec("CREATE INDEX t_i ON t (id)");
        assertEquals(true, cache().size() < before, "DDL dropped the plans of the old schema");
    }

    @Test
    void shouldShareOnePlanAmongTextsThatDifferInLiterals() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT, s VARCHAR(3))");
        exec("INSERT INTO t VALUES (1, 10, 'a')");
        long before = compiles();
        exec("INSERT INTO t VALUES (2, 20, 'b')");
        exec("INSERT INTO t VALUES (3, 30, 'c')");
        assertEquals(before, compiles(), "the first INSERT compiled the plan the others use");
        assertEquals(List.of("20"), text("SELECT v FROM t WHERE id = 2"));
        assertEquals(List.of("30"), text("SELECT v FROM t WHERE id = 3"));
        assertEquals(List.of("10"), text("SELECT v FROM t WHERE id = 1"));
        assertEquals(before + 1, compiles());
        assertEquals(List.of(), text("SELECT v FROM t WHERE id = 2.5"), "a literal the parameter cannot hold");
        assertEquals(before + 2, compiles());
        assertState("22001", () -> exec("INSERT INTO t VALUES (4, 40, 'dddd')"));
        assertEquals(List.of("b, 20"), text("SELECT s, v FROM t WHERE s = 'b'"));
        assertEquals(List.of("1", "3"), text("SELECT id FROM t WHERE id IN (1, 3) ORDER BY 1"));
        assertEquals(2, exec("UPDATE t SET v = v + 1 WHERE id >= 2"));
        assertEquals(List.of("10", "21", "31"), text("SELECT v FROM t ORDER BY id"));
    }

    @Test
    void shouldExplainThePlanThatRuns() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (1, 10), (2, 20)");
        long before = compiles();
        String explained = plan("SELECT v FROM t WHERE id = 2");
        assertTrue(explained.contains("PersimmonTableScan(table=[[PUBLIC, T]], access=[PRIMARY KEY = [?0]])"), explained);
        assertEquals(before + 1, compiles(), "EXPLAIN compiled the shared plan");
        assertEquals(List.of("20"), text("SELECT v FROM t WHERE id = 2"));
        assertEquals(List.of("10"), text("SELECT v FROM t WHERE id = 1"));
        assertEquals(before + 1, compiles(), "the statements ran the plan EXPLAIN showed");
        assertEquals(explained, plan("SELECT v FROM t WHERE id = ?"));
        String asWritten = plan("SELECT v FROM t WHERE id = 2.5");
        assertTrue(asWritten.contains("2.5"), "a literal the parameter cannot hold is planned as written\n" + asWritten);
        assertEquals(List.of(), text("SELECT v FROM t WHERE id = 2.5"));
        assertTrue(plan("UPDATE t SET v = 0 WHERE id = 1").contains("access=[PRIMARY KEY = [?1]]"));
        assertEquals(List.of("10", "20"), text("SELECT v FROM t ORDER BY id"), "EXPLAIN of an UPDATE changes nothing");
    }

    @Test
    void shouldDropTextsBoundToASharedPlanBeforeCompiledPlansWhenFull() throws Exception {
        PersimmonPlanCache small = new PersimmonPlanCache(4);
        PersimmonPlan compiled = new PersimmonPlan(PersimmonPlan.Kind.QUERY, 1, null, Map.of(), List.of(), List.of(),
                List.of(), List.of(), false, "plan", null, null, List.of());
        small.get("SELECT v FROM t WHERE id = ?", 1, () -> compiled);
        for (int i = 0; i < 10; i++) {
            int literal = i;
            small.get("SELECT v FROM t WHERE id = " + i, 1, () -> compiled.bind(List.of(literal)));
            assertTrue(small.size() <= 4, "the capacity holds");
        }
        assertSame(compiled, small.find("SELECT v FROM t WHERE id = ?", 1), "ever-new texts did not push out the compiled plan");
        assertEquals(List.of(9), small.find("SELECT v FROM t WHERE id = 9", 1).bound());
    }
}
