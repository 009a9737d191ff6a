package io.persimmon.sql.exec;

import io.persimmon.sql.SqlTestSupport;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * CHAR(3) compared with and assigned string parameters of every length around 3, on Persimmon and
 * on H2: the rows each comparison finds and the outcome of each INSERT must agree.
 */
class CharParameterH2Test extends SqlTestSupport {
    private static final String[] VALUES = {"", "a", "ab", "ab ", "ab  ", "abc", "abc  ", "abcd", "abd", "b"};
    private static final String[] OPERATORS = {"=", "<>", "<", "<=", ">", ">="};

    @Test
    void shouldCompareAndAssignAsH2Does() throws Exception {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:chars;MODE=Regular")) {
            String ddl = "CREATE TABLE k (id INT PRIMARY KEY, c CHAR(3))";
            String rows = "INSERT INTO k VALUES (1, 'a'), (2, 'ab'), (3, 'abc'), (4, NULL), (5, 'b')";
            for (String sql : new String[] {ddl, rows}) {
                exec(sql);
                try (Statement st = h2.createStatement()) {
                    st.execute(sql);
                }
            }
            for (String op : OPERATORS) {
                for (String v : VALUES) {
                    String q = "SELECT id FROM k WHERE c " + op + " ? ORDER BY id";
                    assertEquals(h2Ids(h2, q, v), text(q, v), q + " with '" + v + "'");
                }
            }
            int id = 10;
            for (String v : VALUES) {
                String insert = "INSERT INTO k VALUES (" + id++ + ", ?)";
                assertEquals(h2Insert(h2, insert, v), insertOutcome(insert, v), insert + " with '" + v + "'");
            }
            assertEquals(h2Ids(h2, "SELECT id || ':' || c FROM k ORDER BY id", null),
                    text("SELECT id || ':' || c FROM k ORDER BY id"));
        }
    }

    private static List<String> h2Ids(Connection h2, String q, String v) throws SQLException {
        try (PreparedStatement p = h2.prepareStatement(q)) {
            if (v != null) {
                p.setString(1, v);
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    ids.add(String.valueOf(r.getString(1)));
                }
            }
            return ids;
        }
    }

    private static String h2Insert(Connection h2, String insert, String v) {
        try (PreparedStatement p = h2.prepareStatement(insert)) {
            p.setString(1, v);
            return "count " + p.executeUpdate();
        } catch (SQLException e) {
            return "failed " + e.getSQLState();
        }
    }

    private String insertOutcome(String insert, String v) {
        try {
            return "count " + exec(insert, v);
        } catch (SQLException e) {
            return "failed " + e.getSQLState();
        }
    }
}
