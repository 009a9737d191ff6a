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

import static org.junit.jupiter.api.Assertions.*;

/** Statement texts as scripts and tools hand them over: ended by {@code ;}, with comments. */
class StatementTextTest {
    @TempDir
    Path dir;
    Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:persimmon:" + dir.resolve("t.pool") + ";mode=process");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void shouldRunAStatementEndedBySemicolons() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertEquals(0, s.executeUpdate("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(20));"));
            assertEquals(1, s.executeUpdate("INSERT INTO t VALUES (1, 'a;b') ; -- done\n"));
            assertFalse(s.execute("INSERT INTO t VALUES (2, '--;') ;; /* two; */ ;\n\t"));
            assertEquals(1, s.getUpdateCount());
            s.addBatch("INSERT INTO t VALUES (3, 'c');");
            assertArrayEquals(new int[] {1}, s.executeBatch());
            try (ResultSet rs = s.executeQuery("SELECT s FROM t /* ; */ WHERE s <> ';' ORDER BY id;")) {
                assertTrue(rs.next());
                assertEquals("a;b", rs.getString(1));
                assertTrue(rs.next());
                assertEquals("--;", rs.getString(1));
                assertTrue(rs.next());
                assertEquals("c", rs.getString(1));
                assertFalse(rs.next());
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT \"S\" FROM t WHERE id = ?;\n")) {
            p.setInt(1, 1);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("a;b", rs.getString(1));
            }
        }
    }

    @Test
    void shouldRefuseASecondStatementWith0A000NamingIt() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);"));
            assertEquals("0A000", e.getSQLState());
            assertTrue(e.getMessage().contains("line 1 (INSERT INTO t VALUES (2))"), e.getMessage());
            assertEquals("0A000", assertThrows(SQLException.class,
                    () -> c.prepareStatement("SELECT 1; SELECT 2")).getSQLState());
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1), "nothing of a refused text runs");
            }
        }
    }

    @Test
    void shouldPassATextWithoutSemicolonAsWritten() throws SQLException {
        String sql = "SELECT 'x;' AS \"a;\" -- ; not the end\n";
        assertSame(sql, SqlText.statement(sql));
        assertEquals("SELECT 1 ", SqlText.statement("SELECT 1 ; ; -- end"));
        assertEquals("SELECT ';''' ", SqlText.statement("SELECT ';''' ;/* unclosed ; comment"));
    }
}
