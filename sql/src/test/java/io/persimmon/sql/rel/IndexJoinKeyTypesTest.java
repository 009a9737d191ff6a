package io.persimmon.sql.rel;

import io.persimmon.sql.SqlTestSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Index nested-loop joins whose outer column and inner key differ in type: Calcite compares them
 * through a widening CAST on one side, which the rule sees through; the lookup converts the outer
 * value to the key's type, and a value the key cannot hold matches nothing.
 */
class IndexJoinKeyTypesTest extends SqlTestSupport {
    @BeforeEach
    void createTables() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10))");
        exec("CREATE TABLE bt (id BIGINT PRIMARY KEY, name VARCHAR(10))");
        exec("CREATE TABLE st (id SMALLINT PRIMARY KEY, name VARCHAR(10))");
        exec("CREATE TABLE vt (code VARCHAR(4) PRIMARY KEY, n INT)");
        exec("CREATE TABLE ct (code CHAR(3) PRIMARY KEY, n INT)");
        StringBuilder rows = new StringBuilder();
        StringBuilder codes = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            rows.append(i == 1 ? "" : ", ").append("(").append(i).append(", 'n").append(i).append("')");
            codes.append(i == 1 ? "" : ", ").append("('c").append(i).append("', ").append(i).append(")");
        }
        for (String table : List.of("t", "bt", "st")) {
            exec("INSERT INTO " + table + " VALUES " + rows);
        }
        exec("INSERT INTO vt VALUES " + codes);
        exec("INSERT INTO ct VALUES " + codes.toString().replace("('c", "('d"));
        exec("INSERT INTO vt VALUES ('c8  ', 80)"); // what 'c8' plus spaces longer than 4 would be cut to
        exec("CREATE TABLE o (k INT PRIMARY KEY, small SMALLINT, i INT, big BIGINT, code VARCHAR(20))");
        exec("INSERT INTO o VALUES (1, 7, 7, 7, 'c7'), (2, 8, 8, 5000000000, 'c8 and more'), "
                + "(3, NULL, 40000, -5000000000, NULL), (4, 9, -3, 9, 'c9'), (5, NULL, NULL, NULL, 'c8      ')");
    }

    private String plan(String query, String access) throws Exception {
        String plan = plan(query);
        assertTrue(plan.contains("PersimmonIndexJoin") && plan.contains("access=[" + access + "]"), plan);
        assertFalse(plan.contains("HashJoin"), plan);
        return plan;
    }

    @Test
    void shouldLookUpAnIntegerKeyBySmallintColumn() throws Exception {
        String q = "SELECT o.k, t.name FROM o JOIN t ON t.id = o.small";
        plan(q, "PRIMARY KEY = [$1]");
        assertEquals(List.of("1, n7", "2, n8", "4, n9"), text(q + " ORDER BY 1"));
    }

    @Test
    void shouldLookUpAnIntegerKeyByBigintColumnMatchingNothingOutOfItsRange() throws Exception {
        String q = "SELECT o.k, t.name FROM o JOIN t ON t.id = o.big";
        plan(q, "PRIMARY KEY = [$1]");
        assertEquals(List.of("1, n7", "4, n9"), text(q + " ORDER BY 1"));
        String left = "SELECT o.k, t.name FROM o LEFT JOIN t ON o.big = t.id";
        assertTrue(plan(left, "PRIMARY KEY = [$1]").contains("joinType=[left]"));
        assertEquals(List.of("1, n7", "2, null", "3, null", "4, n9", "5, null"), text(left + " ORDER BY 1"));
    }

    @Test
    void shouldLookUpBigintAndSmallintKeysByIntegerColumn() throws Exception {
        String q = "SELECT o.k, bt.name FROM o JOIN bt ON bt.id = o.i";
        plan(q, "PRIMARY KEY = [$1]");
        assertEquals(List.of("1, n7", "2, n8"), text(q + " ORDER BY 1"));
        String small = "SELECT o.k, st.name FROM o LEFT JOIN st ON st.id = o.i";
        plan(small, "PRIMARY KEY = [$1]");
        assertEquals(List.of("1, n7", "2, n8", "3, null", "4, null", "5, null"), text(small + " ORDER BY 1"));
    }

    @Test
    void shouldLookUpAShorterVarcharKeyMatchingNothingForLongerValues() throws Exception {
        String q = "SELECT o.k, vt.n FROM o JOIN vt ON vt.code = o.code";
        plan(q, "PRIMARY KEY = [$1]");
        assertEquals(List.of("1, 7", "4, 9"), text(q + " ORDER BY 1"));
        String left = "SELECT o.k, vt.n FROM o LEFT JOIN vt ON vt.code = o.code";
        plan(left, "PRIMARY KEY = [$1]");
        assertEquals(List.of("1, 7", "2, null", "3, null", "4, 9", "5, null"), text(left + " ORDER BY 1"));
    }

    @Test
    void shouldLookUpACharKeyByVarcharColumnInAnInnerJoin() throws Exception {
        exec("CREATE TABLE vo (k INT PRIMARY KEY, code VARCHAR(10))");
        exec("INSERT INTO vo VALUES (1, 'd7'), (2, 'd7 '), (3, 'd12'), (4, 'd12 '), (5, 'd123'), (6, NULL)");
        String q = "SELECT vo.k, ct.n + 1 FROM vo JOIN ct ON ct.code = vo.code ORDER BY 1";
        String hashed = "SELECT vo.k, ct.n1 FROM vo JOIN (SELECT code, n + 1 AS n1 FROM ct) ct ON ct.code = vo.code "
                + "ORDER BY 1"; // a computed column on the inner side: not an index join
        assertFalse(plan(hashed).contains("PersimmonIndexJoin"), plan(hashed));
        plan(q, "PRIMARY KEY = [$1]");
        List<String> expected = text(hashed);
        assertEquals(expected, text(q), "as the hash join");
        assertTrue(expected.contains("3, 13") && !expected.toString().contains("5, "), expected.toString());
        String left = "SELECT vo.k, ct.n FROM vo LEFT JOIN ct ON ct.code = vo.code";
        assertFalse(plan(left).contains("PersimmonIndexJoin"), "a LEFT join takes only exact lookups\n" + plan(left));
    }
}
