package io.persimmon.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Statements whose VALUES are large: a multi-row INSERT of thousands of literal rows (as
 * mysqldump, ORMs' bulk inserts and pandas' {@code to_sql(method='multi')} send), a binary
 * literal of hundreds of KB, a prepared INSERT of thousands of parameters. Each used to fail
 * with XX000 (generated code past the JVM's 64 KB method limit).
 */
class BigValuesTest {
    @TempDir
    Path dir;
    Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:persimmon:" + dir.resolve("v.pool") + ";mode=process");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(100), d DECIMAL(10,2), born DATE, "
                    + "flag BOOLEAN, n BIGINT)");
            s.execute("CREATE TABLE b (id INT PRIMARY KEY, v VARBINARY)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    /** Row i's values, with NULLs, negatives and quotes spread over the rows. */
    private static Object[] row(int i) {
        return new Object[] {
            i,
            i % 7 == 3 ? null : "name " + i + (i % 11 == 0 ? " it's" : ""),
            i % 5 == 1 ? null : new BigDecimal(i % 2 == 0 ? i + ".25" : "-" + i + ".50"),
            i % 9 == 4 ? null : LocalDate.of(2000, 1, 1).plusDays(i),
            i % 3 == 0 ? null : i % 3 == 1,
            i % 4 == 2 ? null : (long) i * 1_000_003L * (i % 2 == 0 ? 1 : -1)
        };
    }

    private static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (v instanceof LocalDate d) {
            return "DATE '" + d + "'";
        }
        return v.toString().toUpperCase();
    }

    private void assertRows(int from, int count) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, s, d, born, flag, n FROM t ORDER BY id")) {
            for (int i = from; i < from + count; i++) {
                assertTrue(rs.next(), "row " + i);
                Object[] expected = row(i);
                assertEquals(i, rs.getInt(1));
                assertEquals(expected[1], rs.getString(2), "s of " + i);
                assertEquals(expected[2], rs.getBigDecimal(3), "d of " + i);
                Date day = rs.getDate(4);
                assertEquals(expected[3], day == null ? null : day.toLocalDate(), "day of " + i);
                Object flag = rs.getObject(5);
                assertEquals(expected[4], flag, "flag of " + i);
                long n = rs.getLong(6);
                assertEquals(expected[5], rs.wasNull() ? null : n, "n of " + i);
            }
            assertFalse(rs.next());
        }
    }

    @Test
    void shouldInsertFiveThousandRowsOfLiteralsInOneStatement() throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO t (id, s, d, born, flag, n) VALUES ");
        for (int i = 0; i < 5000; i++) {
            sql.append(i == 0 ? "" : ", ").append('(');
            Object[] r = row(i);
            for (int j = 0; j < r.length; j++) {
                sql.append(j == 0 ? "" : ", ").append(literal(r[j]));
            }
            sql.append(')');
        }
        try (Statement s = c.createStatement()) {
            assertEquals(5000, s.executeUpdate(sql.toString()));
        }
        assertRows(0, 5000);
    }

    @Test
    void shouldInsertThousandsOfRowsWithParametersTwice() throws SQLException {
        int rows = 2500; // 4 parameters a row: 10,000 parameters
        StringBuilder sql = new StringBuilder("INSERT INTO t (id, s, d, born) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
        }
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < rows; i++) {
                    int id = round * rows + i;
                    p.setInt(4 * i + 1, id);
                    p.setString(4 * i + 2, id % 10 == 0 ? null : "p" + id);
                    p.setBigDecimal(4 * i + 3, new BigDecimal(id + ".125")); // rounded half up to .13
                    p.setDate(4 * i + 4, Date.valueOf(LocalDate.of(2020, 2, 29).plusDays(id)));
                }
                assertEquals(rows, p.executeUpdate());
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, s, d, born FROM t ORDER BY id")) {
            for (int id = 0; id < 2 * rows; id++) {
                assertTrue(rs.next());
                assertEquals(id, rs.getInt(1));
                assertEquals(id % 10 == 0 ? null : "p" + id, rs.getString(2));
                assertEquals(new BigDecimal(id + ".13"), rs.getBigDecimal(3));
                assertEquals(LocalDate.of(2020, 2, 29).plusDays(id), rs.getDate(4).toLocalDate());
            }
            assertFalse(rs.next());
        }
    }

    @Test
    void shouldInsertAndReadBackA200KbBinaryLiteral() throws SQLException {
        byte[] data = new byte[200 * 1024];
        new Random(42).nextBytes(data);
        try (Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("INSERT INTO b VALUES (1, X'" + HexFormat.of().formatHex(data) + "')"));
            assertEquals(1, s.executeUpdate("INSERT INTO b (v, id) VALUES (X'" + HexFormat.of().formatHex(data, 0, 30_000)
                    + "', 2)"));
            try (ResultSet rs = s.executeQuery("SELECT id, v FROM b ORDER BY id")) {
                assertTrue(rs.next());
                assertArrayEquals(data, rs.getBytes(2));
                assertTrue(rs.next());
                assertArrayEquals(java.util.Arrays.copyOf(data, 30_000), rs.getBytes(2));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void shouldReadALargeValuesInSelectAndUnion() throws SQLException {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            values.append(i == 0 ? "" : ", ").append('(').append(i).append(", 'v").append(i).append("', ")
                    .append(i).append(".5)");
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t (id, s) VALUES (-1, 'table row')");
            List<String> read = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT a, b, c FROM (VALUES " + values + ") AS v(a, b, c) "
                    + "UNION ALL SELECT id, s, d FROM t ORDER BY 1")) {
                while (rs.next()) {
                    read.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getBigDecimal(3));
                }
            }
            assertEquals(3001, read.size());
            assertEquals("-1 table row null", read.get(0));
            assertEquals("0 v0 0.50", read.get(1));
            assertEquals("2999 v2999 2999.50", read.get(3000));
        }
    }
}
