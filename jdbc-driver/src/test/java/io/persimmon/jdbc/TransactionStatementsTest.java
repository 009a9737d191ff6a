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

/** COMMIT, ROLLBACK, SAVEPOINT, BEGIN written as SQL, as scripts and SQL logic tests write them. */
class TransactionStatementsTest {
    @TempDir
    Path dir;
    Connection c;
    Connection other;
    Statement s;

    @BeforeEach
    void open() throws SQLException {
        String url = "jdbc:persimmon:" + dir.resolve("tx.pool") + ";mode=process";
        c = DriverManager.getConnection(url);
        other = DriverManager.getConnection(url);
        s = c.createStatement();
        s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }

    @AfterEach
    void close() throws SQLException {
        other.close();
        c.close();
    }

    /** The ids another connection sees committed. */
    private String committed() throws SQLException {
        StringBuilder ids = new StringBuilder();
        try (Statement o = other.createStatement(); ResultSet rs = o.executeQuery("SELECT id FROM t ORDER BY id")) {
            while (rs.next()) {
                ids.append(ids.isEmpty() ? "" : ",").append(rs.getInt(1));
            }
        }
        return ids.toString();
    }

    @Test
    void shouldCommitAndRollBackWithAutocommitOff() throws SQLException {
        c.setAutoCommit(false);
        s.executeUpdate("INSERT INTO t VALUES (1)");
        assertEquals("", committed());
        assertEquals(0, s.executeUpdate("COMMIT"));
        assertEquals("1", committed());
        s.executeUpdate("INSERT INTO t VALUES (2)");
        assertFalse(s.execute("rollback work;"));
        assertEquals(0, s.getUpdateCount());
        assertEquals("1", committed());
        assertFalse(c.getAutoCommit());
    }

    @Test
    void shouldRollBackToAndReleaseNamedSavepoints() throws SQLException {
        c.setAutoCommit(false);
        s.executeUpdate("INSERT INTO t VALUES (1)");
        s.executeUpdate("SAVEPOINT sp1");
        s.executeUpdate("INSERT INTO t VALUES (2)");
        s.executeUpdate("SAVEPOINT \"Two\"");
        s.executeUpdate("INSERT INTO t VALUES (3)");
        s.executeUpdate("ROLLBACK TO SAVEPOINT \"Two\"");
        s.executeUpdate("RELEASE SAVEPOINT \"Two\"");
        assertEquals("3B001", assertThrows(SQLException.class, () -> s.executeUpdate("ROLLBACK TO \"Two\"")).getSQLState());
        try (PreparedStatement p = c.prepareStatement("ROLLBACK TO Sp1")) {
            assertEquals(0, p.executeUpdate());
        }
        s.executeUpdate("COMMIT WORK");
        assertEquals("1", committed());
        assertEquals("3B001", assertThrows(SQLException.class, () -> s.executeUpdate("ROLLBACK TO sp1")).getSQLState());
    }

    @Test
    void shouldRunATransactionFromBeginAndReturnToAutocommit() throws SQLException {
        assertTrue(c.getAutoCommit());
        s.execute("BEGIN");
        assertFalse(c.getAutoCommit());
        s.executeUpdate("INSERT INTO t VALUES (1)");
        assertEquals("", committed());
        s.execute("COMMIT");
        assertEquals("1", committed());
        assertTrue(c.getAutoCommit(), "autocommit again after the transaction BEGIN started");
        s.execute("START TRANSACTION");
        s.executeUpdate("INSERT INTO t VALUES (2)");
        c.rollback();
        assertTrue(c.getAutoCommit());
        s.executeUpdate("INSERT INTO t VALUES (3)");
        assertEquals("1,3", committed());
    }

    @Test
    void shouldTakeCommitAndRollbackInAutocommitAsNothingAndRefuseBadOnes() throws SQLException {
        s.executeUpdate("INSERT INTO t VALUES (1)");
        assertEquals(0, s.executeUpdate("COMMIT"));
        assertEquals(0, s.executeUpdate("/* end */ ROLLBACK -- nothing to undo"));
        assertEquals("1", committed());
        assertEquals("25000", assertThrows(SQLException.class, () -> s.executeUpdate("SAVEPOINT a")).getSQLState());
        assertEquals("42000", assertThrows(SQLException.class, () -> s.executeUpdate("SAVEPOINT")).getSQLState());
        assertEquals("42000", assertThrows(SQLException.class, () -> s.executeUpdate("COMMIT now")).getSQLState());
        assertEquals("07000", assertThrows(SQLException.class, () -> s.executeQuery("COMMIT")).getSQLState());
    }

    @Test
    void shouldCloseAResultSetOfTheTransactionAtItsCommitOrRollbackNotEndItEarly() throws SQLException {
        s.executeUpdate("INSERT INTO t VALUES (1), (2), (3)");
        c.setAutoCommit(false);
        for (String end : new String[] {"commit", "rollback", "COMMIT"}) {
            try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("SELECT id FROM t ORDER BY id")) {
                assertTrue(rs.next());
                switch (end) {
                    case "commit" -> c.commit();
                    case "rollback" -> c.rollback();
                    default -> s.execute(end);
                }
                assertTrue(rs.isClosed(), end);
                // was: next() false, as if the rows had ended after the first
                SQLException e = assertThrows(SQLException.class, rs::next, end);
                assertEquals("HY010", e.getSQLState());
                assertTrue(e.getMessage().contains("by the " + end.toLowerCase(java.util.Locale.ROOT)), e.getMessage());
            }
        }
        c.setAutoCommit(true);
        try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("SELECT id FROM t ORDER BY id")) {
            assertTrue(rs.next());
            c.setAutoCommit(false); // the query runs in a transaction of its own, which this commit is not
            c.commit();
            assertTrue(rs.next());
            assertTrue(rs.next());
            assertEquals(3, rs.getInt(1));
            assertFalse(rs.next());
        }
    }

    @Test
    void shouldCloseAResultSetOfTheTransactionWhenDdlCommitsIt() throws SQLException {
        s.executeUpdate("INSERT INTO t VALUES (1), (2), (3)");
        c.setAutoCommit(false);
        s.executeUpdate("INSERT INTO t VALUES (4)");
        try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("SELECT id FROM t ORDER BY id")) {
            assertTrue(rs.next());
            s.execute("/* DDL commits first */ create TABLE u (id INT PRIMARY KEY)");
            // was: next() false, as if the rows had ended after the first
            SQLException e = assertThrows(SQLException.class, rs::next);
            assertEquals("HY010", e.getSQLState());
            assertTrue(e.getMessage().contains("before a DDL statement"), e.getMessage());
        }
        assertEquals("1,2,3,4", committed());
        try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("SELECT id FROM t ORDER BY id")) {
            assertTrue(rs.next());
            s.executeUpdate("UPDATE t SET id = id WHERE id = 1"); // DML leaves it open
            assertTrue(rs.next());
            assertEquals(2, rs.getInt(1));
        }
        c.rollback();
    }
}
