package io.persimmon.sql.exec;

import io.persimmon.sql.SqlTestSupport;
import io.persimmon.sql.session.PersimmonSqlDatabase;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** VALUES planned as PersimmonValuesRel: rows as data, whatever their number or size. */
class ValuesTest extends SqlTestSupport {
    @BeforeEach
    void createTables() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(20), d DECIMAL(10,2))");
        exec("CREATE TABLE b (id INT PRIMARY KEY, v VARBINARY)");
    }

    private static String rows(int from, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            b.append(i == from ? "" : ", ").append('(').append(i).append(", 's").append(i).append("', ")
                    .append(i % 2 == 0 ? "-" : "").append(i).append(".25)");
        }
        return b.toString();
    }

    private long compiles() {
        return ((PersimmonSqlDatabase) sql).compiles();
    }

    @Test
    void shouldInsertThousandsOfLiteralRowsWithOnePlanPerShape() throws Exception {
        assertEquals(3000, exec("INSERT INTO t VALUES " + rows(0, 3000)));
        long compiles = compiles();
        assertEquals(3000, exec("INSERT INTO t VALUES " + rows(3000, 3000))); // same shape, other literals
        assertEquals(compiles, compiles(), "the second INSERT uses the first one's plan");
        assertEquals(List.of("6000, 0, 5999"), text("SELECT COUNT(*), MIN(id), MAX(id) FROM t"));
        assertEquals(List.of("4242, s4242, -4242.25", "4243, s4243, 4243.25"),
                text("SELECT * FROM t WHERE id IN (4242, 4243) ORDER BY id"));
        String plan = plan("INSERT INTO t VALUES (1, 'a', 1.5), (2, NULL, 2.5)");
        // the NULL is typed as the column's values are (PersimmonAssignment): as long as the string parameter
        assertTrue(plan.contains("PersimmonValuesRel(tuples=[[{ ?0, ?1, ?2 }, { ?3, null:VARCHAR(1048576)"), plan);
        assertFalse(plan.contains("Union"), plan);
    }

    @Test
    void shouldInsertBinaryLiteralsUpToTheColumnLimit() throws Exception {
        byte[] data = new byte[1 << 20]; // VARBINARY without a length: 1 MiB
        new Random(7).nextBytes(data);
        String hex = HexFormat.of().formatHex(data);
        assertEquals(1, exec("INSERT INTO b VALUES (1, X'" + hex + "')"));
        assertArrayEquals(data, (byte[]) query("SELECT v FROM b WHERE id = 1").get(0).get(0));
        assertState("22001", () -> exec("INSERT INTO b VALUES (2, X'" + hex + "00')"));
        // a literal longer than its column keeps its own type (PersimmonAssignment): data, not code
        exec("CREATE TABLE b4 (id INT PRIMARY KEY, v VARBINARY(4))");
        String tooLong = plan("INSERT INTO b4 VALUES (1, X'0102030405')");
        assertFalse(tooLong.contains("EnumerableCalc"), tooLong);
        // mixed with a row Calcite plans as an expression: still right, at a size code can hold
        assertEquals(2, exec("INSERT INTO b VALUES (3, X'" + hex.substring(0, 2000) + "'), (4, X'01' || X'02')"));
        assertArrayEquals(Arrays.copyOf(data, 1000), (byte[]) query("SELECT v FROM b WHERE id = 3").get(0).get(0));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) query("SELECT v FROM b WHERE id = 4").get(0).get(0));
    }

    @Test
    void shouldInsertManyRowsOfParameters() throws Exception {
        StringBuilder text = new StringBuilder("INSERT INTO t (d, id, s) VALUES ");
        List<Object> values = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            text.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, NULL)");
            values.add(i + ".5");
            values.add(i);
            if (i == 0) {
                values.add("only the first");
            }
        }
        assertEquals(2000, exec(text.toString(), values.toArray()));
        assertEquals(List.of("2000, 1, 1000.00"), text("SELECT COUNT(*), COUNT(s), AVG(d) FROM t"));
    }

    /** The rows a dump writes for floating-point columns: NaN and the infinities have no BigDecimal (found by DumpLoadTest). */
    @Test
    void shouldInsertNotANumberAndTheInfinities() throws Exception {
        exec("CREATE TABLE f (id INT PRIMARY KEY, r REAL, d DOUBLE)");
        assertEquals(3, exec("INSERT INTO f VALUES (1, CAST('NaN' AS REAL), CAST('Infinity' AS DOUBLE)),"
                + " (2, CAST('-Infinity' AS REAL), CAST('-0.0' AS DOUBLE)), (3, 1.5E0, 0.1E0)"));
        assertEquals(List.of("1, NaN, Infinity", "2, -Infinity, -0.0", "3, 1.5, 0.1"), text("SELECT * FROM f ORDER BY id"));
    }

    @Test
    void shouldReadValuesInQueries() throws Exception {
        assertEquals(List.of("2, null"), text("SELECT * FROM (VALUES (1, 'a'), (2, NULL)) AS v(a, b) WHERE a = 2"));
        assertEquals(List.of("1, x", "2, y"), text("SELECT a, b FROM (VALUES (1, 'x'), (CAST(? AS INTEGER), 'y')) AS v(a, b) ORDER BY a", 2));
        // a statement that is nothing but a VALUES of data (tests run with -ea: Calcite asserted on its root)
        assertEquals(List.of("2"), text("VALUES (1 + 1)"));
        assertEquals(List.of("5, A"), text("VALUES (CAST(? AS INTEGER), UPPER('a'))", 5));
        assertEquals(List.of("2", "4"), text("VALUES (1 + 1), (2 + 2)"));
        assertEquals(List.of("3"), text("SELECT COUNT(*) FROM (VALUES (1), (2)) AS v(a) UNION ALL SELECT 3"
                + " FROM (VALUES (0)) AS w(z) ORDER BY 1 DESC FETCH FIRST 1 ROW ONLY"));
    }

    /**
     * A column of approximate numbers with an exact literal among them: Calcite kept {@code 3} a
     * BigDecimal next to the Double {@code 1e3} in one column of its Values, and its collation
     * metadata, comparing them, failed (XX000).
     */
    @Test
    void shouldMixExactAndApproximateLiteralsInOneColumn() throws Exception {
        assertEquals(List.of("1, -1000.0", "2, 3.0"), text("VALUES (1, -1e3), (2, 3)"));
        assertEquals(List.of("2, 3.0", "1, 1000.0"), text("SELECT * FROM (VALUES (1, 1e3), (2, 3)) AS v(a, b) ORDER BY b"));
        assertEquals(List.of("1.5", "-1000.0", "null"), text("VALUES (1.5), (-1e3), (NULL)"));
        exec("CREATE TABLE f (id INT PRIMARY KEY, x DOUBLE, r REAL, d DECIMAL(5, 2))");
        // 1.005 has more digits than d's parameter holds: the INSERT is planned as written
        assertEquals(2, exec("INSERT INTO f VALUES (1, -1e3, 3, 1.005), (2, 3, 1e3, 2)"));
        assertEquals(2, exec("INSERT INTO f (id, x) SELECT * FROM (VALUES (3, 1e3), (4, 3))"));
        assertEquals(List.of("1, -1000.0, 3.0, 1.01", "2, 3.0, 1000.0, 2.00", "3, 1000.0, null, null",
                "4, 3.0, null, null"), text("SELECT * FROM f ORDER BY id"));
    }

    /**
     * Rows whose cells are constant expressions are evaluated once, when the plan is made, and
     * become data: Calcite compiled one projection per row into one method, which failed past
     * about 1,000 rows (XX000, "Error while compiling generated Java code").
     */
    @Test
    void shouldInsertThousandsOfRowsOfConstantExpressions() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            rows.append(i == 0 ? "" : ", ").append('(').append(i).append(" + 0, UPPER('s").append(i).append("'), ")
                    .append(i).append(".5 * 2)");
        }
        assertEquals(1500, exec("INSERT INTO t VALUES " + rows));
        assertEquals(List.of("1500, 1499, 1.00, 2999.00"), text("SELECT COUNT(*), MAX(id), MIN(d), MAX(d) FROM t"));
        assertEquals(List.of("7, S7, 15.00"), text("SELECT * FROM t WHERE id = 7"));
        String plan = plan("INSERT INTO t VALUES (1 + 1, UPPER('a'), 2.5 * 2), (3, 'b' || 'c', NULL)");
        assertTrue(plan.contains("PersimmonValuesRel(tuples=[[{ 2, _UTF-8'A'"), plan);
        assertFalse(plan.contains("UPPER"), plan);
        // what changes between executions stays code; an expression that fails, fails when the statement runs
        exec("CREATE TABLE u (id INT PRIMARY KEY, d DATE)");
        assertTrue(plan("INSERT INTO u VALUES (1 + 0, CURRENT_DATE), (2, CURRENT_DATE)").contains("CURRENT_DATE"));
        assertState("22012", () -> exec("INSERT INTO t VALUES (1 + 0, 'a', 1 / 0), (2, 'b', 2)"));
        assertState("22001", () -> exec("INSERT INTO t VALUES (9000 + 0, 'a' || '" + "x".repeat(20) + "', 1)"));
    }
}

