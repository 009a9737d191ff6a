package io.persimmon.sql.rel;

import io.persimmon.sql.SqlTestSupport;
import io.persimmon.sql.api.Session;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Projection push-down ({@link PersimmonProjectionShuttle}): scans and index joins produce, and the
 * engine decodes, only the columns the plan uses, the filter's included; UPDATE and DELETE read whole rows.
 */
class ProjectionPushDownTest extends SqlTestSupport {
    @BeforeEach
    void createTable() throws Exception {
        exec("CREATE TABLE w (id INT PRIMARY KEY, a VARCHAR(100), b VARCHAR(100), c DECIMAL(10, 2), d INT)");
        exec("CREATE INDEX w_d ON w (d)");
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            rows.append(i == 1 ? "" : ", ").append("(").append(i).append(", 'a").append(i).append("', 'b").append(i)
                    .append("', ").append(i).append(".5, ").append(i % 4).append(")");
        }
        exec("INSERT INTO w VALUES " + rows);
    }

    private void assertPlan(String query, String... fragments) throws Exception {
        String plan = plan(query);
        for (String f : fragments) {
            assertTrue(plan.contains(f), () -> "plan lacks " + f + ":\n" + plan);
        }
    }

    /** Column values the engine decoded while {@code query} ran (its rows read to the end, so its transaction ended). */
    private long decoded(String query, Object... parameters) throws Exception {
        long before = sql.database().decodedColumns();
        query(query, parameters);
        return sql.database().decodedColumns() - before;
    }

    @Test
    void shouldDecodeOnlyTheColumnsAQueryUses() throws Exception {
        assertEquals(List.of("1", "2", "3"), text("SELECT d FROM w WHERE id BETWEEN 1 AND 3"));
        assertEquals(3 * 2, decoded("SELECT d FROM w WHERE id BETWEEN 1 AND 3"), "ID (the key) and D of 3 rows");
        assertEquals(20 * 2, decoded("SELECT a FROM w"), "ID and A of 20 rows");
        assertEquals(5 * 3, decoded("SELECT b FROM w WHERE d = 2"), "the index scan reads D, the key ID and B");
        assertEquals(20 * 5, decoded("SELECT * FROM w"), "every column when every column is asked for");
    }

    @Test
    void shouldShowThePushedColumns() throws Exception {
        assertPlan("SELECT a FROM w WHERE id = ?", "PersimmonTableScan(table=[[PUBLIC, W]], columns=[[ID, A]], "
                + "access=[PRIMARY KEY = [?0]])");
        assertEquals(List.of("a7"), text("SELECT a FROM w WHERE id = ?", 7));
        assertPlan("SELECT * FROM w WHERE id = ?", "PersimmonTableScan(table=[[PUBLIC, W]], access=[PRIMARY KEY = [?0]])");
    }

    @Test
    void shouldKeepTheColumnsTheFilterReadsThatTheProjectionDrops() throws Exception {
        String q = "SELECT b FROM w WHERE c > 10 AND a LIKE 'a1%' ORDER BY b";
        assertPlan(q, "columns=[[A, B, C]]");
        assertEquals(List.of("b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19"), text(q));
        assertEquals(List.of("a3, 3.50"), text("SELECT a, c FROM w WHERE d = 3 AND b = 'b3'"));
    }

    @Test
    void shouldNarrowTheScanUnderAnAggregate() throws Exception {
        String q = "SELECT d, COUNT(*), MAX(b) FROM w GROUP BY d ORDER BY d";
        assertPlan(q, "columns=[[B, D]]");
        assertEquals(List.of("0, 5, b8", "1, 5, b9", "2, 5, b6", "3, 5, b7"), text(q));
        assertPlan("SELECT COUNT(*) FROM w", "PersimmonTableScan(table=[[PUBLIC, W]], columns=[[ID]])");
        assertEquals(List.of("20"), text("SELECT COUNT(*) FROM w"));
        assertEquals(20, decoded("SELECT COUNT(*) FROM w"), "the key alone");
        assertEquals(List.of("4"), text("SELECT COUNT(DISTINCT d) FROM w"));
        String filtered = "SELECT SUM(c), COUNT(*) FROM w WHERE d = 1";
        assertPlan(filtered, "columns=[[C, D]], access=[W_D = [?0]]");
        assertEquals(List.of("47.50, 5"), text(filtered));
        assertEquals(5 * 3, decoded(filtered), "C, D and the key ID of 5 rows: the filter's calc passed every column on");
        assertEquals(List.of("-15.00"), text("SELECT SUM(c) FILTER (WHERE d = 1) - SUM(c) FILTER (WHERE d = 0) FROM w"));
    }

    @Test
    void shouldServeOrderByKeyFromANarrowedScan() throws Exception {
        String q = "SELECT b FROM w ORDER BY id DESC LIMIT 3";
        assertPlan(q, "PersimmonLimit(fetch=[3])", "columns=[[B]], access=[PRIMARY KEY DESC]");
        assertEquals(List.of("b20", "b19", "b18"), text(q));
        assertEquals(List.of("b3", "b7"), text("SELECT b FROM w WHERE d = 3 ORDER BY d, id LIMIT 2"));
    }

    @Test
    void shouldNarrowTheInnerSideOfAnIndexJoin() throws Exception {
        exec("CREATE TABLE o (k INT PRIMARY KEY, w_id INT)");
        exec("INSERT INTO o VALUES (1, 5), (2, 6), (3, 99)");
        String q = "SELECT o.k, w.b FROM o JOIN w ON w.id = o.w_id";
        assertPlan(q, "PersimmonIndexJoin(joinType=[inner], inner=[[PUBLIC, W]], columns=[[ID, B]]");
        assertEquals(List.of("1, b5", "2, b6"), text(q + " ORDER BY 1"));
        String left = "SELECT o.k, w.c FROM o LEFT JOIN w ON w.id = o.w_id";
        assertPlan(left, "PersimmonIndexJoin(joinType=[left], inner=[[PUBLIC, W]], columns=[[C]]"); // the lookup applies ON
        assertEquals(List.of("1, 5.50", "2, 6.50", "3, null"), text(left + " ORDER BY 1"));
    }

    @Test
    void shouldReadWholeRowsForUpdateAndDelete() throws Exception {
        assertEquals(1, exec("UPDATE w SET d = d + 10 WHERE id = 3"));
        assertEquals(List.of("3, a3, b3, 3.50, 13"), text("SELECT * FROM w WHERE id = 3"));
        assertEquals(5, exec("UPDATE w SET c = 0 WHERE d = 1"));
        assertEquals(List.of("1, a1, b1, 0.00, 1", "5, a5, b5, 0.00, 1"), text("SELECT * FROM w WHERE d = 1 AND id < 6"));
        assertEquals(1, exec("DELETE FROM w WHERE b = 'b4'"));
        exec("CREATE TABLE copy (id INT PRIMARY KEY, b VARCHAR(100))");
        assertEquals(19, exec("INSERT INTO copy SELECT id, b FROM w"));
        assertEquals(List.of("19, b1"), text("SELECT COUNT(*), MIN(b) FROM copy"));
    }

    @Test
    void shouldLockAndReturnTheSelectedColumnsForUpdate() throws Exception {
        session.setAutoCommit(false);
        assertEquals(List.of("b6"), text("SELECT b FROM w WHERE id = ? FOR UPDATE", 6));
        assertEquals(List.of("a10", "a14", "a18"), text("SELECT a FROM w WHERE d = 2 AND id > 6 FOR UPDATE"));
        try (Session other = sql.openSession()) {
            assertState("55P03", () -> exec(other, "UPDATE w SET d = 0 WHERE id = 6"));
            assertState("55P03", () -> exec(other, "UPDATE w SET d = 0 WHERE id = 14"));
        }
        session.rollback();
    }
}
