package io.persimmon.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Statements, prepared statements and their results over real SQL. */
class StatementTest {
    @TempDir
    Path dir;
    Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:persimmon:" + dir.resolve("s.pool") + ";mode=process");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, price DECIMAL(10,2), "
                    + "qty BIGINT, ratio DOUBLE, small SMALLINT, flag BOOLEAN, born DATE, at_time TIME(3), "
                    + "stamp TIMESTAMP(6), code CHAR(3), data VARBINARY(8), r REAL)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    void fill(int n) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO item (id, name, price) VALUES (?, ?, ?)")) {
            for (int i = 1; i <= n; i++) {
                p.setInt(1, i);
                p.setString(2, "item" + i);
                p.setBigDecimal(3, new BigDecimal(i + ".50"));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    @Test
    void shouldExecuteUpdatesAndQueriesWithTheirResults() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertEquals(2, s.executeUpdate("INSERT INTO item (id, name) VALUES (1, 'a'), (2, 'b')"));
            assertFalse(s.execute("UPDATE item SET qty = 5"));
            assertEquals(2, s.getUpdateCount());
            assertEquals(2L, s.getLargeUpdateCount());
            assertNull(s.getResultSet());
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount());
            assertTrue(s.execute("SELECT id FROM item ORDER BY id"));
            assertEquals(-1, s.getUpdateCount());
            ResultSet rs = s.getResultSet();
            assertTrue(rs.next());
            assertEquals(1, rs.getInt("ID"));
            assertFalse(s.getMoreResults());
            assertTrue(rs.isClosed(), "getMoreResults closes the current result");
            assertEquals(1L, s.executeLargeUpdate("DELETE FROM item WHERE id = 2"));
            assertEquals("07000", assertThrows(SQLException.class,
                    () -> s.executeQuery("DELETE FROM item")).getSQLState());
            assertEquals("07000", assertThrows(SQLException.class,
                    () -> s.executeUpdate("SELECT * FROM item")).getSQLState());
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertFalse(keys.next());
            }
        }
    }

    @Test
    void shouldReadNumbersWithTheStandardConversions() throws SQLException {
        fill(3);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) AS n, SUM(price) AS total, MAX(price) FROM item")) {
            assertTrue(rs.next());
            assertEquals(3, rs.getInt(1), "getInt on a COUNT");
            assertEquals(3, rs.getInt("N"));
            assertEquals(7.5f, rs.getFloat("total"), "getFloat on a DECIMAL");
            assertEquals(7L, rs.getLong("TOTAL"), "getLong on a DECIMAL");
            assertEquals(new BigDecimal("3.50"), rs.getBigDecimal(3));
            assertEquals("3.50", rs.getString(3));
            assertFalse(rs.next());
        }
    }

    @Test
    void shouldRoundTripEveryTypeThroughSetters() throws SQLException {
        // milliseconds: the SQL layer carries TIMESTAMP through Calcite, which counts milliseconds
        LocalDateTime stamp = LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO item VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setInt(1, 1);
            p.setString(2, "pear");
            p.setBigDecimal(3, new BigDecimal("12.34"));
            p.setLong(4, 1L << 40);
            p.setDouble(5, 0.25);
            p.setShort(6, (short) -7);
            p.setBoolean(7, true);
            p.setDate(8, Date.valueOf("2024-02-29"));
            p.setTime(9, Time.valueOf("13:45:07"));
            p.setTimestamp(10, Timestamp.valueOf(stamp));
            p.setString(11, "abc");
            p.setBytes(12, new byte[] {1, 2, 3});
            p.setFloat(13, 1.5f);
            assertEquals(1, p.executeUpdate());
            p.setInt(1, 2);
            p.setObject(2, "plum");
            p.setObject(3, "0.5", Types.DECIMAL);
            p.setObject(4, 9, Types.BIGINT);
            p.setNull(5, Types.NULL);
            p.setNull(6, Types.OTHER);
            p.setObject(7, null);
            p.setObject(8, LocalDate.of(2000, 1, 1));
            p.setObject(9, LocalTime.of(1, 2, 3, 4_000_000));
            p.setObject(10, stamp);
            p.setNull(11, Types.CHAR);
            p.setNull(12, Types.VARBINARY);
            p.setNull(13, Types.REAL);
            assertEquals(1, p.executeUpdate());
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM item ORDER BY id")) {
            assertTrue(rs.next());
            assertEquals("pear", rs.getString("NAME"));
            assertEquals(new BigDecimal("12.34"), rs.getBigDecimal("price"));
            assertEquals(1L << 40, rs.getLong("qty"));
            assertEquals(0.25, rs.getDouble("ratio"));
            assertEquals(-7, rs.getShort("small"));
            assertTrue(rs.getBoolean("flag"));
            assertEquals(Date.valueOf("2024-02-29"), rs.getDate("born"));
            assertEquals(Time.valueOf("13:45:07"), rs.getTime("at_time"));
            assertEquals(Timestamp.valueOf(stamp), rs.getTimestamp("stamp"));
            assertEquals("abc", rs.getString("code"));
            assertArrayEquals(new byte[] {1, 2, 3}, rs.getBytes("data"));
            assertEquals(1.5f, rs.getFloat("r"));
            assertTrue(rs.next());
            assertEquals("plum", rs.getString(2));
            assertEquals(new BigDecimal("0.50"), rs.getBigDecimal(3));
            assertEquals(9L, rs.getObject(4));
            assertNull(rs.getObject(5));
            assertTrue(rs.wasNull());
            assertEquals(0, rs.getInt(6));
            assertTrue(rs.wasNull());
            assertEquals(LocalDate.of(2000, 1, 1), rs.getObject(8, LocalDate.class));
            assertEquals(LocalTime.of(1, 2, 3, 4_000_000), rs.getObject(9, LocalTime.class));
            assertEquals(stamp, rs.getObject(10, LocalDateTime.class));
            assertFalse(rs.next());
        }
    }

    @Test
    void shouldRefuseToRunWithAParameterUnset() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO item (id, name) VALUES (?, ?)")) {
            p.setInt(1, 1);
            assertEquals("07001", assertThrows(SQLException.class, p::executeUpdate).getSQLState());
            assertEquals("07009", assertThrows(SQLException.class, () -> p.setInt(3, 1)).getSQLState());
        }
    }

    @Test
    void shouldDescribeResultColumnsAndParameters() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id, name, price, COUNT(*) OVER () AS n FROM item WHERE id > ?")) {
            ResultSetMetaData md = p.getMetaData();
            assertEquals(4, md.getColumnCount());
            assertEquals(Types.INTEGER, md.getColumnType(1));
            assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
            assertEquals(Types.VARCHAR, md.getColumnType(2));
            assertEquals(20, md.getPrecision(2));
            assertEquals(Types.DECIMAL, md.getColumnType(3));
            assertEquals(10, md.getPrecision(3));
            assertEquals(2, md.getScale(3));
            assertEquals(ResultSetMetaData.columnNullable, md.isNullable(3));
            assertEquals(Types.BIGINT, md.getColumnType(4));
            assertEquals("N", md.getColumnLabel(4));
            ParameterMetaData pm = p.getParameterMetaData();
            assertEquals(1, pm.getParameterCount());
            assertEquals(Types.INTEGER, pm.getParameterType(1));
        }
    }

    @Test
    void shouldRunBatchesAndStopAtTheFirstFailure() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.addBatch("INSERT INTO item (id, name) VALUES (1, 'a')");
            s.addBatch("INSERT INTO item (id, name) VALUES (2, 'b'), (3, 'c')");
            assertArrayEquals(new int[] {1, 2}, s.executeBatch());
            s.addBatch("INSERT INTO item (id, name) VALUES (4, 'd')");
            s.addBatch("INSERT INTO item (id, name) VALUES (1, 'duplicate')");
            s.addBatch("INSERT INTO item (id, name) VALUES (5, 'e')");
            BatchUpdateException e = assertThrows(BatchUpdateException.class, s::executeBatch);
            assertEquals("23505", e.getSQLState());
            assertArrayEquals(new int[] {1}, e.getUpdateCounts());
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE item SET qty = ? WHERE id <= ?")) {
            p.setLong(1, 10);
            p.setInt(2, 2);
            p.addBatch();
            p.setLong(1, 20);
            p.setInt(2, 1);
            p.addBatch();
            assertArrayEquals(new long[] {2, 1}, p.executeLargeBatch());
        }
    }

    @Test
    void shouldLimitRowsWithMaxRows() throws SQLException {
        fill(10);
        try (Statement s = c.createStatement()) {
            s.setMaxRows(3);
            int n = 0;
            try (ResultSet rs = s.executeQuery("SELECT * FROM item")) {
                while (rs.next()) {
                    n++;
                }
            }
            assertEquals(3, n);
        }
    }

    /** A query that runs for minutes unless stopped: a three-way cross join of 300 rows. */
    static final String SLOW = "SELECT COUNT(*) FROM item a, item b, item c WHERE a.price + b.price + c.price > -1";

    @Test
    void shouldStopAStatementAtItsQueryTimeout() throws SQLException {
        fill(300);
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLTimeoutException.class, () -> s.executeQuery(SLOW).next());
            assertEquals("57014", e.getSQLState());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
        }
    }

    @Test
    void shouldCancelAStatementFromAnotherThread() throws Exception {
        fill(300);
        try (Statement s = c.createStatement()) {
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            // A cancel reaches only a statement that is running: cancel until it has stopped.
            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                try {
                    while (!done.get()) {
                        Thread.sleep(100);
                        s.cancel();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            long start = System.nanoTime();
            try {
                SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(SLOW).next());
                assertEquals("57014", e.getSQLState());
                assertFalse(e instanceof SQLTimeoutException, "a cancel is not a timeout");
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
            } finally {
                done.set(true);
            }
            canceller.get(10, TimeUnit.SECONDS);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM item")) {
            assertTrue(rs.next(), "the connection goes on after a cancel");
            assertEquals(300, rs.getInt(1));
        }
    }

    @Test
    void shouldCloseResultsWithTheirStatement() throws SQLException {
        fill(2);
        Statement s = c.createStatement();
        ResultSet first = s.executeQuery("SELECT * FROM item");
        ResultSet second = s.executeQuery("SELECT * FROM item");
        assertTrue(first.isClosed(), "executing again closes the previous result");
        s.close();
        assertTrue(second.isClosed());
        assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM item"));
        Statement t = c.createStatement();
        t.closeOnCompletion();
        ResultSet rs = t.executeQuery("SELECT * FROM item");
        while (rs.next()) {
            assertNotNull(rs.getString("name"));
        }
        assertTrue(t.isClosed(), "closeOnCompletion closes the statement with its result");
    }
}
