package io.persimmon.sql.plan;

import io.persimmon.sql.SqlTestSupport;
import io.persimmon.sql.parser.PersimmonParserConfig;
import io.persimmon.sql.session.PersimmonSqlDatabase;

import org.apache.calcite.sql.SqlLiteral;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersimmonLiteralShapesTest extends SqlTestSupport {
    private final PersimmonLiteralShapes shapes = new PersimmonLiteralShapes(16);

    /** Parses and parameterizes {@code sql} as the planner does, and learns its shape. */
    private PersimmonLiterals.Parameterized learn(String sql) throws Exception {
        PersimmonLiterals.Parameterized p = PersimmonLiterals.parameterize(PersimmonParserConfig.parse(sql));
        assertNotNull(p, sql);
        shapes.learn(sql, p);
        return p;
    }

    /** What parsing {@code sql} gives, which a match of its shape must give too. */
    private void assertMatchesParse(String sql) throws Exception {
        PersimmonLiterals.Parameterized parsed = PersimmonLiterals.parameterize(PersimmonParserConfig.parse(sql));
        PersimmonLiterals.Parameterized matched = shapes.match(sql);
        assertNotNull(matched, sql);
        assertEquals(parsed.sql(), matched.sql(), sql);
        assertEquals(parsed.literals().size(), matched.literals().size(), sql);
        for (int i = 0; i < parsed.literals().size(); i++) {
            SqlLiteral a = parsed.literals().get(i);
            SqlLiteral b = matched.literals().get(i);
            assertTrue(a.equalsDeep(b, org.apache.calcite.util.Litmus.IGNORE), sql + ": literal " + i + " " + a + " / " + b);
            assertEquals(a.getTypeName(), b.getTypeName(), sql);
        }
    }

    @Test
    void shouldGiveTheParameterizedTextOfATextWithOtherLiterals() throws Exception {
        learn("SELECT name FROM t WHERE id = 1 AND s = 'a' AND d > 1.5 AND f < 1e3");
        assertMatchesParse("SELECT name FROM t WHERE id = 72 AND s = 'it''s' AND d > 0.25 AND f < 2.5E-3");
        assertMatchesParse("SELECT name FROM t WHERE id = 123456789012345678901234567890 AND s = '' AND d > .5 AND f < 1E+3");
        PersimmonLiterals.Parameterized p = shapes.match("SELECT name FROM t WHERE id = 7 AND s = 'x' AND d > 2.0 AND f < 5e0");
        assertEquals(new BigDecimal("7"), p.literals().get(0).getValueAs(BigDecimal.class));
        assertEquals("x", p.literals().get(1).getValueAs(String.class));
        assertEquals(new BigDecimal("2.0"), p.literals().get(2).getValueAs(BigDecimal.class));
    }

    @Test
    void shouldFollowTheParametersOrderNotTheTextOrder() throws Exception {
        String first = "UPDATE t SET v = 5, w = 'q' WHERE id = 3";
        learn(first);
        assertMatchesParse("UPDATE t SET v = 50, w = 'qq' WHERE id = 30");
        learn("INSERT INTO t (a, b)\nVALUES (1,\r\n 'x'),\r(2, 'y')");
        assertMatchesParse("INSERT INTO t (a, b)\nVALUES (10,\r\n 'xx'),\r(20, 'y\ny')");
    }

    @Test
    void shouldKeepLiteralsWrittenInPlaceAsTheyWere() throws Exception {
        learn("SELECT 1, id FROM t WHERE id IN (4, 5) AND d = DATE '2020-01-01' AND v = 3 ORDER BY 2 LIMIT 10");
        assertMatchesParse("SELECT 1, id FROM t WHERE id IN (4, 5) AND d = DATE '2020-01-01' AND v = 99 ORDER BY 2 LIMIT 10");
        assertNull(shapes.match("SELECT 2, id FROM t WHERE id IN (4, 5) AND d = DATE '2020-01-01' AND v = 3 ORDER BY 2 LIMIT 10"));
        assertNull(shapes.match("SELECT 1, id FROM t WHERE id IN (4, 6) AND d = DATE '2020-01-01' AND v = 3 ORDER BY 2 LIMIT 10"));
        assertNull(shapes.match("SELECT 1, id FROM t WHERE id IN (4, 5) AND d = DATE '2020-01-02' AND v = 3 ORDER BY 2 LIMIT 10"));
        assertNull(shapes.match("SELECT 1, id FROM t WHERE id IN (4, 5) AND d = DATE '2020-01-01' AND v = 3 ORDER BY 2 LIMIT 11"));
    }

    @Test
    void shouldNotMatchAnotherFormOfLiteralOrAnotherText() throws Exception {
        learn("SELECT v FROM t WHERE id = 1");
        assertNull(shapes.match("SELECT v FROM t WHERE id = 1.0"), "a decimal is another shape");
        assertNull(shapes.match("SELECT v FROM t WHERE id = 1e0"), "an approximate number is another shape");
        assertNull(shapes.match("SELECT v FROM t WHERE id = '1'"), "a string is another shape");
        assertNull(shapes.match("SELECT v FROM t WHERE id =  1"));
        assertNull(shapes.match("select v FROM t WHERE id = 1"));
        assertNull(shapes.match("SELECT v FROM t1 WHERE id = 1"));
        assertNull(shapes.match("SELECT v FROM t WHERE id = -1"));
    }

    @Test
    void shouldNotVouchForTextsTheScanCannotRead() throws Exception {
        for (String sql : List.of(
                "SELECT v FROM t WHERE id = 1 -- one",
                "SELECT v FROM t WHERE /* one */ id = 1",
                "SELECT v FROM t WHERE s = N'a'",
                "SELECT v FROM t WHERE s = _UTF8'a'",
                "SELECT v FROM t WHERE s = U&'\\0041'",
                "SELECT v FROM t WHERE b = X'0A'",
                "SELECT v FROM t WHERE s = 'a' AND id = ?",
                "SELECT v FROM t WHERE s = 'a")) {
            assertNull(SqlLiteralScan.of(sql), sql);
        }
        assertNull(SqlLiteralScan.of("SELECT v FROM t WHERE id = 1e"));
        assertNull(SqlLiteralScan.of("SELECT v FROM t WHERE id = 0x1F"));
        SqlLiteralScan scan = SqlLiteralScan.of("SELECT \"a 'b'\" FROM t2 WHERE \"c1\" = 'x''y' AND t2.c3 = 4.5");
        assertNotNull(scan);
        assertEquals(2, scan.count(), "quoted identifiers and names with digits are not literals");
        assertEquals(SqlLiteralScan.STRING, scan.form(0));
        assertEquals(SqlLiteralScan.DECIMAL, scan.form(1));
    }

    @Test
    void shouldNotLearnAShapeWhoseLiteralsTheScanDoesNotAccountFor() throws Exception {
        learn("SELECT v FROM t WHERE d = DECIMAL '1.5'"); // one literal of two tokens, a keyword and a string
        assertNull(shapes.match("SELECT v FROM t WHERE d = DECIMAL '2.5'"));
        assertEquals(0, shapes.size());
    }

    @Test
    void shouldRunStatementsOfOneShapeWithTheirOwnLiteralsWithoutParsingOrCaching() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT, s VARCHAR(5), d DECIMAL(4, 1))");
        for (int i = 0; i < 20; i++) {
            exec("INSERT INTO t VALUES (" + i + ", " + i * 10 + ", 'r''" + i + "', " + i + ".5)");
        }
        PersimmonPlanCache cache = ((PersimmonSqlDatabase) sql).planCache();
        long compiles = ((PersimmonSqlDatabase) sql).compiles();
        int cached = cache.size();
        for (int i = 0; i < 20; i++) {
            assertEquals(List.of(i + ", r'" + i + ", " + i + ".5"),
                    text("SELECT v / 10, s, d FROM t WHERE id = " + i + " AND s = 'r''" + i + "'"));
        }
        assertEquals(compiles + 1, ((PersimmonSqlDatabase) sql).compiles(), "one plan for the twenty texts");
        assertEquals(cached + 2, cache.size(), "the shared plan and the first text; the others found by their shape");
        assertEquals(List.of(), text("SELECT v / 10, s, d FROM t WHERE id = 3 AND s = 'r''3 too long'"));
        assertEquals(List.of(), text("SELECT v / 10, s, d FROM t WHERE id = 3.5 AND s = 'r''3'"),
                "a literal the parameter cannot hold is planned as written");
        assertEquals(List.of("2"), text("SELECT COUNT(*) FROM t WHERE d = 7.5 OR d = 8.5"));
        assertEquals(List.of("2"), text("SELECT COUNT(*) FROM t WHERE d = 3.5 OR d = 4.5"));
        long before = ((PersimmonSqlDatabase) sql).compiles();
        assertEquals(List.of("1"), text("SELECT COUNT(*) FROM t WHERE d = 3.55 OR d = 4.5"));
        assertEquals(before + 1, ((PersimmonSqlDatabase) sql).compiles(),
                "more digits than the column's scale: planned as written");
    }
}
