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
    void shouldRunTheStatementsOfOneTextInOrderWithACountEach() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertFalse(s.execute("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(9));\n"
                    + "INSERT INTO t VALUES (1, 'a;'), (2, 'b'); -- two rows\n"
                    + "UPDATE t SET s = 'c' WHERE id = 2;\n"
                    + "/* done */"));
            assertEquals(0, s.getUpdateCount());
            assertFalse(s.getMoreResults());
            assertEquals(2, s.getUpdateCount());
            assertFalse(s.getMoreResults());
            assertEquals(1, s.getUpdateCount());
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount(), "no more results");
            assertEquals(1, s.executeUpdate("DELETE FROM t WHERE id = 1; INSERT INTO t VALUES (3, 'x'), (4, 'y')"));
            assertFalse(s.getMoreResults());
            assertEquals(2, s.getUpdateCount());
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
            }
        }
    }

    @Test
    void shouldStopAtTheFirstFailingStatementNamingItAndRefuseQueriesAmongSeveral() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            SQLException e = assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2)"));
            assertEquals("23505", e.getSQLState());
            assertTrue(e.getMessage().startsWith("statement 2 of 3 failed (those before it ran): "), e.getMessage());
            assertEquals(-1, s.getUpdateCount());
            assertEquals("0A000", assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO t VALUES (5); SELECT * FROM t")).getSQLState());
            SQLException query = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1; SELECT 2"));
            assertEquals("0A000", query.getSQLState());
            assertTrue(query.getMessage().contains("line 1 (SELECT 2)"), query.getMessage());
            assertEquals("0A000", assertThrows(SQLException.class,
                    () -> c.prepareStatement("INSERT INTO t VALUES (7); INSERT INTO t VALUES (8)")).getSQLState());
            try (ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertTrue(rs.next());
                assertEquals(5, rs.getInt(1), "the statement before the query ran");
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void shouldRunTransactionControlAmongTheStatements() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY); BEGIN; INSERT INTO t VALUES (1); ROLLBACK;"
                    + " INSERT INTO t VALUES (2)");
            assertTrue(c.getAutoCommit());
            try (ResultSet rs = s.executeQuery("SELECT id FROM t")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
                assertFalse(rs.next());
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
