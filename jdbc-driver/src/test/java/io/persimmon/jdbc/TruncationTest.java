package io.persimmon.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through JDBC, a value too long or too large for its column is refused with the column named
 * (22001, 22003) rather than cut or wrapped to fit; an explicit CAST truncates (docs/sql.md, DML).
 */
class TruncationTest {
    @TempDir
    Path dir;
    Connection c;
    Statement s;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:persimmon:" + dir.resolve("t.pool") + ";mode=process");
        s = c.createStatement();
        s.execute("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(3))");
        s.execute("CREATE TABLE b (id INT PRIMARY KEY, v VARBINARY(4))");
        s.execute("CREATE TABLE i (id INT PRIMARY KEY, sm SMALLINT)");
    }

    @AfterEach
    void close() throws SQLException {
        s.close();
        c.close();
    }

    private void assertRefused(String state, String column, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql);
        assertEquals(state, e.getSQLState(), e::getMessage);
        assertTrue(e.getMessage().contains("column " + column + " "), e::getMessage);
    }

    @Test
    void shouldRefuseValuesThatDoNotFitTheirColumn() throws SQLException {
        assertRefused("22001", "T.S", "INSERT INTO t VALUES (6 + 0, 'abcd')");
        assertRefused("22001", "T.S", "INSERT INTO t VALUES (7, 'abcd')");
        assertRefused("22001", "B.V", "INSERT INTO b VALUES (1, X'0102030405')");
        assertRefused("22003", "I.SM", "INSERT INTO i VALUES (1, 40000)");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (? + 0, ?)")) {
            p.setInt(1, 8);
            p.setString(2, "abcd");
            SQLException e = assertThrows(SQLException.class, p::executeUpdate);
            assertEquals("22001", e.getSQLState(), e::getMessage);
            p.setString(2, "abc");
            assertEquals(1, p.executeUpdate());
        }
        assertRefused("22001", "T.S", "UPDATE t SET s = s || 'd'");
        try (ResultSet r = s.executeQuery("SELECT id, s FROM t")) {
            assertTrue(r.next());
            assertEquals("abc", r.getString(2));
            assertFalse(r.next());
        }
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM b UNION ALL SELECT COUNT(*) FROM i")) {
            assertTrue(r.next());
            assertEquals(0, r.getInt(1));
            assertTrue(r.next());
            assertEquals(0, r.getInt(1));
        }
    }

    @Test
    void shouldTruncateOnAnExplicitCast() throws SQLException {
        assertEquals(1, s.executeUpdate("INSERT INTO t VALUES (1, CAST('abcd' AS VARCHAR(3)))"));
        assertEquals(1, s.executeUpdate("INSERT INTO b VALUES (1, CAST(X'0102030405' AS VARBINARY(4)))"));
        try (ResultSet r = s.executeQuery("SELECT t.s, b.v FROM t, b")) {
            assertTrue(r.next());
            assertEquals("abc", r.getString(1));
            assertArrayEquals(new byte[] {1, 2, 3, 4}, r.getBytes(2));
        }
    }
}
