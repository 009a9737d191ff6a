package io.persimmon.sql;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random inserts, updates, deletes and queries (joins, aggregates, index and key predicates) run
 * on Persimmon and on H2 in memory; every result and every success or failure must agree.
 */
class DifferentialH2Test extends SqlTestSupport {
    private static final String[] SCHEMA = {
        "CREATE TABLE a (id INT PRIMARY KEY, g INT, v INT, s VARCHAR(5))",
        "CREATE INDEX a_g ON a (g)",
        "CREATE TABLE b (id INT, n INT, a_id INT, w INT NOT NULL, PRIMARY KEY (id, n))",
        "CREATE TABLE c (x INT, y VARCHAR(3))",
        "CREATE TABLE d (k SMALLINT PRIMARY KEY, big BIGINT)",
    };

    @Test
    void shouldAgreeWithH2() throws Exception {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:diff;MODE=Regular")) {
            for (String ddl : SCHEMA) {
                exec(ddl);
                try (Statement st = h2.createStatement()) {
                    st.execute(ddl);
                }
            }
            Random random = new Random(Long.getLong("persimmon.seed", 42));
            for (int i = 0; i < 1500; i++) {
                compare(h2, statement(random));
            }
            System.out.println("differential: " + java.util.Arrays.toString(outcomes));
            assertTrue(outcomes[0] > 200 && outcomes[1] > 200 && outcomes[2] > 50,
                    "the run must exercise rows, changes and failures: " + java.util.Arrays.toString(outcomes));
        }
    }

    private static String statement(Random r) {
        int k = r.nextInt(20);
        int x = r.nextInt(40);
        int y = x + r.nextInt(10);
        return switch (r.nextInt(18)) {
            case 0, 1, 2 -> "INSERT INTO a VALUES (" + x + ", " + r.nextInt(5) + ", " + (r.nextBoolean() ? "NULL" : k)
                    + ", '" + "abcdefg".substring(0, r.nextInt(7)) + "')";
            case 3, 4 -> "INSERT INTO b VALUES (" + r.nextInt(10) + ", " + r.nextInt(5) + ", " + x + ", " + k + ")";
            case 5 -> "INSERT INTO c VALUES (" + x + ", '" + "xyz".substring(0, r.nextInt(3)) + "')";
            case 6 -> "UPDATE a SET v = v + " + k + " WHERE id BETWEEN " + x + " AND " + y;
            case 7 -> "UPDATE a SET g = " + r.nextInt(5) + ", id = id + 100 WHERE g = " + r.nextInt(5) + " AND id < 30";
            case 8 -> "DELETE FROM a WHERE g = " + r.nextInt(5) + " AND v > " + k;
            case 9 -> "DELETE FROM b WHERE id = " + r.nextInt(10) + " AND n >= " + r.nextInt(5);
            case 10 -> "UPDATE c SET y = 'q' WHERE x < " + x;
            case 11 -> "SELECT id, g, v, s FROM a WHERE g = " + r.nextInt(5) + " ORDER BY id";
            case 12 -> "SELECT a.id, b.n, b.w FROM a JOIN b ON b.a_id = a.id WHERE a.id > " + x + " ORDER BY 1, 2, 3";
            case 13 -> "SELECT g, COUNT(*), SUM(v), MIN(s), MAX(id) FROM a GROUP BY g HAVING COUNT(*) > 1 ORDER BY g";
            case 14 -> "SELECT b.id, COUNT(a.id) FROM b LEFT JOIN a ON a.id = b.a_id GROUP BY b.id ORDER BY b.id";
            case 15 -> "SELECT x, y, (SELECT COUNT(*) FROM a WHERE a.v = c.x) FROM c WHERE x IN (" + x + ", " + y
                    + ", 7) ORDER BY x, y";
            case 16 -> "INSERT INTO d VALUES (" + x + ", " + switch (r.nextInt(3)) {
                case 0 -> "NULL";
                case 1 -> String.valueOf((r.nextBoolean() ? 1 : -1) * (5_000_000_000L + x)); // no INT key holds it
                default -> String.valueOf(y);
            } + ")";
            default -> switch (r.nextInt(3)) { // joins of keys of other types: BIGINT with INT, INT with SMALLINT
                case 0 -> "SELECT d.k, a.v FROM d JOIN a ON a.id = d.big WHERE d.k < " + y + " ORDER BY 1, 2";
                case 1 -> "SELECT d.k, a.s FROM d LEFT JOIN a ON a.id = d.big ORDER BY 1, 2";
                default -> "SELECT a.id, d.big FROM a JOIN d ON d.k = a.g WHERE a.id > " + x + " ORDER BY 1, 2";
            };
        };
    }

    /** Queries with rows, statements that changed rows, statements that failed (in both). */
    private final int[] outcomes = new int[3];

    private void compare(Connection h2, String sql) throws SQLException {
        String expected;
        try (Statement st = h2.createStatement()) {
            if (st.execute(sql)) {
                expected = text(st.getResultSet());
            } else {
                expected = "count " + st.getUpdateCount();
            }
        } catch (SQLException e) {
            expected = "error";
        }
        String actual;
        try {
            actual = sql.startsWith("SELECT") ? String.join("\n", text(sql)) : "count " + exec(sql);
        } catch (SQLException e) {
            actual = "error";
            if (!expected.equals("error")) {
                throw new AssertionError(sql + ": Persimmon failed, H2 gave " + expected, e);
            }
        }
        assertEquals(expected, actual, sql);
        if (actual.equals("error")) {
            outcomes[2]++;
        } else if (actual.startsWith("count ") ? !actual.equals("count 0") : !actual.isEmpty()) {
            outcomes[actual.startsWith("count ") ? 1 : 0]++;
        }
    }

    private static String text(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                row.add(String.valueOf(rs.getObject(i)));
            }
            rows.add(String.join(", ", row));
        }
        return String.join("\n", rows);
    }
}
