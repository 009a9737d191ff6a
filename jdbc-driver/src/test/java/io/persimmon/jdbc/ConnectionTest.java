package io.persimmon.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Connections over real SQL: transactions, isolation, savepoints, read-only, close. */
class ConnectionTest {
    @TempDir
    Path dir;

    String url(String options) {
        return "jdbc:persimmon:" + dir.resolve("c.pool") + ";mode=process" + options;
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(url(""));
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void shouldAutocommitByDefault() throws SQLException {
        try (Connection c = open()) {
            assertTrue(c.getAutoCommit());
            assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
            exec(c, "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10))");
            exec(c, "INSERT INTO t VALUES (1, 'one')");
            try (Connection other = open()) {
                assertEquals(1, count(other, "t"), "committed by itself, seen by another connection");
            }
            assertThrows(SQLException.class, c::commit, "commit in autocommit mode is an error");
        }
    }

    @Test
    void shouldCommitAndRollBack() throws SQLException {
        try (Connection c = open(); Connection other = open()) {
            exec(c, "CREATE TABLE t (id INT PRIMARY KEY)");
            c.setAutoCommit(false);
            exec(c, "INSERT INTO t VALUES (1)");
            assertEquals(0, count(other, "t"), "not yet committed");
            c.commit();
            assertEquals(1, count(other, "t"));
            exec(c, "INSERT INTO t VALUES (2)");
            c.rollback();
            assertEquals(1, count(c, "t"));
            c.commit();
        }
    }

    /**
     * One transaction, one bulk INSERT ... SELECT, a table-wide UPDATE and DELETE, each far past
     * what one log record may carry (8 MiB with the default log): each commits whole (its body in
     * a block of its own) and survives the database's close.
     */
    @Test
    void shouldCommitTransactionsLargerThanTheLog() throws SQLException {
        String note = "n".repeat(260);
        try (Connection c = open()) {
            exec(c, "CREATE TABLE big (id INT PRIMARY KEY, grp INT, note VARCHAR(300))");
            exec(c, "CREATE INDEX big_grp ON big (grp)");
            c.setAutoCommit(false);
            try (var insert = c.prepareStatement("INSERT INTO big VALUES (?, ?, ?)")) {
                for (int id = 0; id < 30_000; id++) {
                    insert.setInt(1, id);
                    insert.setInt(2, id % 100);
                    insert.setString(3, note + id);
                    insert.addBatch();
                    if (id % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
            }
            c.commit(); // about 13 MB of redo in one transaction
            c.setAutoCommit(true);
            exec(c, "CREATE TABLE copy (id INT PRIMARY KEY, grp INT, note VARCHAR(300))");
            try (Statement s = c.createStatement()) {
                assertEquals(30_000, s.executeUpdate("INSERT INTO copy SELECT id, grp, note FROM big"));
                assertEquals(30_000, s.executeUpdate("UPDATE big SET grp = grp + 1, note = 'x' || note"));
                assertEquals(15_000, s.executeUpdate("DELETE FROM copy WHERE MOD(id, 2) = 0"));
            }
        }
        try (Connection c = DriverManager.getConnection(url(";create=false")); Statement s = c.createStatement()) {
            assertEquals(30_000, count(c, "big"));
            assertEquals(15_000, count(c, "copy"));
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(grp), MAX(grp) FROM big WHERE note = 'x' || '" + note + "' || CAST(id AS VARCHAR(10))")) {
                assertTrue(rs.next());
                assertEquals(30_000, rs.getLong(1));
                assertEquals(1, rs.getInt(2));
                assertEquals(100, rs.getInt(3));
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM big WHERE grp = 7")) {
                assertTrue(rs.next());
                assertEquals(300, rs.getLong(1), "through the index on grp");
            }
            try (ResultSet rs = s.executeQuery("SELECT MIN(id), MAX(id) FROM copy")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals(29_999, rs.getInt(2));
            }
        }
    }

    /**
     * A key longer than a tree node holds is refused with 54000 (program limit exceeded, as
     * PostgreSQL refuses an index row too large) at the statement, and the database goes on: it
     * checkpoints and closes, and its rows survive. Before, the key committed and every
     * checkpoint after it failed, so the database could not close.
     */
    @Test
    void shouldRefuseAKeyLongerThanATreeNodeHoldsWith54000() throws SQLException {
        String longValue = "v".repeat(1500);
        try (Connection c = open()) {
            exec(c, "CREATE TABLE wide (id VARCHAR(2000) PRIMARY KEY, v VARCHAR(3000))");
            exec(c, "CREATE INDEX wide_v ON wide (v)");
            exec(c, "INSERT INTO wide VALUES ('short', 'short')");
            SQLException key = assertThrows(SQLException.class, () -> exec(c, "INSERT INTO wide VALUES ('" + longValue + "', 'x')"));
            assertEquals("54000", key.getSQLState(), key.getMessage());
            SQLException index = assertThrows(SQLException.class, () -> exec(c, "UPDATE wide SET v = '" + longValue + "'"));
            assertEquals("54000", index.getSQLState(), index.getMessage());
            assertTrue(index.getMessage().contains("WIDE_V"), index.getMessage());
            exec(c, "DROP INDEX wide_v");
            exec(c, "UPDATE wide SET v = '" + longValue + "'"); // no index on v now: a value like any other
            SQLException create = assertThrows(SQLException.class, () -> exec(c, "CREATE INDEX wide_v ON wide (v)"));
            assertEquals("54000", create.getSQLState(), create.getMessage());
        }
        try (Connection c = DriverManager.getConnection(url(";create=false")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, CHAR_LENGTH(v) FROM wide")) {
            assertTrue(rs.next());
            assertEquals("short", rs.getString(1));
            assertEquals(1500, rs.getInt(2));
            assertFalse(rs.next());
        }
    }

    @Test
    void shouldRollBackAnOpenTransactionOnClose() throws SQLException {
        try (Connection keep = open()) { // keeps the database open between the two others
            exec(keep, "CREATE TABLE t (id INT PRIMARY KEY)");
            Connection c = open();
            c.setAutoCommit(false);
            exec(c, "INSERT INTO t VALUES (1)");
            c.close();
            assertTrue(c.isClosed());
            assertFalse(c.isValid(1));
            assertEquals(0, count(keep, "t"));
            assertThrows(SQLException.class, c::createStatement);
        }
    }

    @Test
    void shouldKeepCommittedDataAfterTheLastConnectionCloses() throws SQLException {
        try (Connection c = open()) {
            exec(c, "CREATE TABLE t (id INT PRIMARY KEY)");
            exec(c, "INSERT INTO t VALUES (1)");
        }
        try (Connection c = DriverManager.getConnection(url(";create=false"))) {
            assertEquals(1, count(c, "t"));
        }
    }

    @Test
    void shouldShareAMemoryDatabaseUntilItsLastConnectionCloses() throws SQLException {
        String mem = "jdbc:persimmon:mem:connection_test";
        try (Connection a = DriverManager.getConnection(mem); Connection b = DriverManager.getConnection(mem)) {
            exec(a, "CREATE TABLE t (id INT PRIMARY KEY)");
            exec(a, "INSERT INTO t VALUES (1)");
            assertEquals(1, count(b, "t"), "one database for both connections");
        }
        try (Connection c = DriverManager.getConnection(mem)) {
            assertThrows(SQLException.class, () -> count(c, "t"), "a new, empty database");
        }
    }

    @Test
    void shouldRollBackToASavepoint() throws SQLException {
        try (Connection c = open()) {
            exec(c, "CREATE TABLE t (id INT PRIMARY KEY)");
            c.setAutoCommit(false);
            exec(c, "INSERT INTO t VALUES (1)");
            Savepoint sp = c.setSavepoint("after_one");
            assertEquals("after_one", sp.getSavepointName());
            exec(c, "INSERT INTO t VALUES (2)");
            Savepoint unnamed = c.setSavepoint();
            assertTrue(unnamed.getSavepointId() > 0);
            exec(c, "INSERT INTO t VALUES (3)");
            c.rollback(sp);
            assertEquals(1, count(c, "t"));
            exec(c, "INSERT INTO t VALUES (4)");
            c.commit();
            assertEquals(2, count(c, "t"));
        }
    }

    @Test
    void shouldReleaseASavepointAndRefuseOneOfAnotherConnection() throws SQLException {
        try (Connection c = open(); Connection other = open()) {
            exec(c, "CREATE TABLE t (id INT PRIMARY KEY)");
            c.setAutoCommit(false);
            other.setAutoCommit(false);
            Savepoint sp = c.setSavepoint();
            exec(c, "INSERT INTO t VALUES (1)");
            Savepoint later = c.setSavepoint("later");
            c.releaseSavepoint(sp);
            assertEquals("3B001", assertThrows(SQLException.class, () -> c.rollback(sp)).getSQLState(),
                    "a released savepoint is gone");
            assertEquals("3B001", assertThrows(SQLException.class, () -> c.rollback(later)).getSQLState(),
                    "and so are those set after it");
            Savepoint foreign = other.setSavepoint();
            assertEquals("3B001", assertThrows(SQLException.class, () -> c.rollback(foreign)).getSQLState());
            Savepoint beforeCommit = c.setSavepoint();
            c.commit();
            other.rollback();
            assertEquals(1, count(c, "t"));
            assertEquals("3B001", assertThrows(SQLException.class, () -> c.rollback(beforeCommit)).getSQLState(),
                    "a commit ends the transaction's savepoints");
            c.setAutoCommit(true);
            assertThrows(SQLException.class, c::setSavepoint, "no savepoints in autocommit mode");
        }
    }

    @Test
    void shouldAbortFromAnotherThreadRollingBack() throws Exception {
        try (Connection keep = open()) {
            exec(keep, "CREATE TABLE t (id INT PRIMARY KEY)");
            Connection c = open();
            c.setAutoCommit(false);
            exec(c, "INSERT INTO t VALUES (1)");
            java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
            c.abort(executor);
            executor.shutdown();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
            assertTrue(c.isClosed());
            assertEquals(0, count(keep, "t"));
        }
    }

    @Test
    void shouldSupportTwoIsolationLevelsAndRefuseSerializable() throws SQLException {
        try (Connection c = open()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            assertEquals(Connection.TRANSACTION_REPEATABLE_READ, c.getTransactionIsolation());
            SQLException e = assertThrows(SQLFeatureNotSupportedException.class,
                    () -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE));
            assertTrue(e.getMessage().contains("SERIALIZABLE"), e.getMessage());
            assertEquals(Connection.TRANSACTION_REPEATABLE_READ, c.getTransactionIsolation(), "unchanged");
            c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
            assertNotNull(c.getWarnings(), "READ UNCOMMITTED is upgraded with a warning");
        }
        try (Connection c = DriverManager.getConnection(url(";isolation=REPEATABLE_READ"))) {
            assertEquals(Connection.TRANSACTION_REPEATABLE_READ, c.getTransactionIsolation(), "from the URL");
        }
    }

    @Test
    void shouldSeeASnapshotUnderRepeatableReadAndNewCommitsUnderReadCommitted() throws SQLException {
        try (Connection writer = open(); Connection rr = open(); Connection rc = open()) {
            exec(writer, "CREATE TABLE t (id INT PRIMARY KEY)");
            exec(writer, "INSERT INTO t VALUES (1)");
            rr.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            rr.setAutoCommit(false);
            rc.setAutoCommit(false);
            assertEquals(1, count(rr, "t"));
            assertEquals(1, count(rc, "t"));
            exec(writer, "INSERT INTO t VALUES (2)");
            assertEquals(1, count(rr, "t"), "the snapshot of the transaction");
            assertEquals(2, count(rc, "t"), "each statement sees what was committed when it began");
            rr.commit();
            assertEquals(2, count(rr, "t"));
            rc.commit();
        }
    }

    @Test
    void shouldReportAWriteConflictAs40001WithVendorCodeZero() throws Exception {
        try (Connection setup = open(); Connection a = open(); Connection b = open()) {
            exec(setup, "CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            exec(setup, "INSERT INTO t VALUES (1, 0)");
            for (Connection c : new Connection[] {a, b}) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setAutoCommit(false);
                assertEquals(1, count(c, "t")); // both transactions have begun: their snapshots are taken
            }
            exec(a, "UPDATE t SET v = v + 1 WHERE id = 1");
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                try {
                    exec(b, "UPDATE t SET v = v + 10 WHERE id = 1"); // waits for a's row lock
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(100);
            a.commit();
            Throwable failure = assertThrows(Exception.class, () -> second.get(10, TimeUnit.SECONDS)).getCause().getCause();
            SQLException e = assertInstanceOf(SQLTransactionRollbackException.class, failure);
            assertEquals("40001", e.getSQLState());
            assertEquals(0, e.getErrorCode());
            b.rollback();
            try (ResultSet rs = setup.createStatement().executeQuery("SELECT v FROM t")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1), "only the first updater's change");
            }
        }
    }

    @Test
    void shouldRefuseWritesWhenReadOnly() throws SQLException {
        try (Connection c = open()) {
            exec(c, "CREATE TABLE t (id INT PRIMARY KEY)");
            c.setReadOnly(true);
            assertTrue(c.isReadOnly());
            SQLException e = assertThrows(SQLException.class, () -> exec(c, "INSERT INTO t VALUES (1)"));
            assertEquals("25006", e.getSQLState());
            assertEquals(0, count(c, "t"));
            c.setReadOnly(false);
            exec(c, "INSERT INTO t VALUES (1)");
            assertEquals(1, count(c, "t"));
        }
    }

    @Test
    void shouldAnswerSchemaValidityAndTheRestOfTheConnectionApi() throws SQLException {
        try (Connection c = open()) {
            assertTrue(c.isValid(0));
            assertEquals("PUBLIC", c.getSchema());
            assertNull(c.getCatalog());
            assertEquals("SELECT 1", c.nativeSQL("SELECT 1"));
            c.setClientInfo("ApplicationName", "test");
            assertNull(c.getClientInfo("ApplicationName"));
            assertNotNull(c.getWarnings());
            c.clearWarnings();
            assertNull(c.getWarnings());
            assertThrows(SQLFeatureNotSupportedException.class, () -> c.prepareCall("CALL x()"));
            assertThrows(SQLFeatureNotSupportedException.class, c::createBlob);
            assertThrows(SQLFeatureNotSupportedException.class,
                    () -> c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE));
            try (Statement s = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY)) {
                assertEquals(ResultSet.TYPE_FORWARD_ONLY, s.getResultSetType());
                assertNotNull(c.getWarnings(), "downgraded with a warning");
            }
            assertTrue(c.isWrapperFor(Connection.class));
            assertSame(c, c.unwrap(Connection.class));
        }
    }
}
