package io.persimmon.jdbc;

import io.persimmon.sql.api.ColumnInfo;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The getters of every result set (here over rows in memory) and their standard conversions. */
class ResultSetConversionTest {
    static ColumnInfo column(String label, int type, String typeName, int precision, int scale, int nullable) {
        return new ColumnInfo(label, label, "T", "PUBLIC", type, typeName, precision, scale, nullable, "");
    }

    static final List<ColumnInfo> COLUMNS = List.of(
            column("Price", Types.DECIMAL, "DECIMAL", 12, 2, ResultSetMetaData.columnNullable),
            column("N", Types.BIGINT, "BIGINT", 19, 0, ResultSetMetaData.columnNoNulls),
            column("NAME", Types.VARCHAR, "VARCHAR", 20, 0, ResultSetMetaData.columnNullable),
            column("D", Types.DATE, "DATE", 10, 0, ResultSetMetaData.columnNullable),
            column("T", Types.TIME, "TIME", 12, 3, ResultSetMetaData.columnNullable),
            column("TS", Types.TIMESTAMP, "TIMESTAMP", 26, 6, ResultSetMetaData.columnNullable),
            column("S", Types.SMALLINT, "SMALLINT", 5, 0, ResultSetMetaData.columnNullable),
            column("B", Types.VARBINARY, "VARBINARY", 4, 0, ResultSetMetaData.columnNullable),
            column("OK", Types.BOOLEAN, "BOOLEAN", 1, 0, ResultSetMetaData.columnNullable),
            column("R", Types.DOUBLE, "DOUBLE", 15, 0, ResultSetMetaData.columnNullable));

    static ResultSet rows(Object[]... rows) {
        return new MemoryResultSet(COLUMNS, new ArrayList<>(List.of(rows)), null);
    }

    static Object[] sample() {
        return new Object[] {new BigDecimal("1234.56"), 42L, "pear", LocalDate.of(2024, 2, 29),
                LocalTime.of(13, 45, 7, 123_000_000), LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000),
                (short) 7, new byte[] {1, 2, (byte) 0xff}, true, 2.5};
    }

    @Test
    void shouldConvertNumbersAsJdbcSays() throws SQLException {
        try (ResultSet rs = rows(sample())) {
            assertTrue(rs.next());
            assertEquals(1234.56f, rs.getFloat(1));
            assertEquals(1234L, rs.getLong(1), "a DECIMAL is truncated toward zero");
            assertEquals(1234, rs.getInt("price"));
            assertEquals(1234.56, rs.getDouble(1));
            assertEquals(42, rs.getInt(2), "getInt on a BIGINT such as a COUNT");
            assertEquals(new BigDecimal("42"), rs.getBigDecimal(2));
            assertEquals(2, rs.getInt(10));
            assertEquals(new BigDecimal("2.5"), rs.getBigDecimal(10));
            assertEquals((short) 7, rs.getShort(7));
            assertEquals(7, rs.getObject(7), "SMALLINT reads as Integer, as JDBC's table says");
            assertEquals(1, rs.getInt(9), "BOOLEAN true as a number");
            assertTrue(rs.getBoolean(2));
            assertEquals(BigInteger.valueOf(1234), rs.getObject(1, BigInteger.class));
        }
    }

    @Test
    void shouldRefuseANumberOutOfRange() throws SQLException {
        try (ResultSet rs = rows(new Object[] {new BigDecimal("99999999999.99"), Long.MAX_VALUE, "x", null, null,
                null, null, null, null, Double.NaN})) {
            rs.next();
            assertEquals("22003", assertThrows(SQLException.class, () -> rs.getInt(1)).getSQLState());
            assertEquals("22003", assertThrows(SQLException.class, () -> rs.getInt(2)).getSQLState());
            assertEquals("22003", assertThrows(SQLException.class, () -> rs.getByte(2)).getSQLState());
            assertEquals("22003", assertThrows(SQLException.class, () -> rs.getLong(10)).getSQLState());
            assertEquals("22018", assertThrows(SQLException.class, () -> rs.getInt(3)).getSQLState());
        }
    }

    @Test
    void shouldReadAnythingAsAString() throws SQLException {
        try (ResultSet rs = rows(sample())) {
            rs.next();
            assertEquals("1234.56", rs.getString(1));
            assertEquals("42", rs.getString(2));
            assertEquals("2024-02-29", rs.getString(4));
            assertEquals("13:45:07.123", rs.getString(5));
            assertEquals("2024-02-29 23:59:58.123456", rs.getString(6));
            assertEquals("0102ff", rs.getString(8));
            assertEquals("true", rs.getString(9));
            assertEquals("2.5", rs.getString(10));
        }
    }

    @Test
    void shouldReadDatesAndTimesAsJavaSqlAndJavaTime() throws SQLException {
        try (ResultSet rs = rows(sample())) {
            rs.next();
            assertEquals(Date.valueOf("2024-02-29"), rs.getDate(4));
            assertEquals(Date.valueOf("2024-02-29"), rs.getObject(4));
            assertEquals(123, rs.getTime(5).getTime() - Time.valueOf("13:45:07").getTime(), "milliseconds are kept");
            Timestamp ts = rs.getTimestamp(6);
            assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000), ts.toLocalDateTime());
            assertEquals(123_456_000, ts.getNanos());
            assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(4, LocalDate.class));
            assertEquals(LocalTime.of(13, 45, 7, 123_000_000), rs.getObject("t", LocalTime.class));
            assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(6, LocalDate.class), "a timestamp's date");
            assertEquals(Timestamp.valueOf("2024-02-29 00:00:00"), rs.getTimestamp(4), "a date at midnight");
            assertInstanceOf(Time.class, rs.getObject(5));
        }
    }

    @Test
    void shouldReportNullsThroughWasNull() throws SQLException {
        Object[] nulls = new Object[COLUMNS.size()];
        try (ResultSet rs = rows(nulls)) {
            rs.next();
            for (int i = 1; i <= COLUMNS.size(); i++) {
                assertNull(rs.getObject(i));
                assertTrue(rs.wasNull());
                assertEquals(0, rs.getInt(i));
                assertFalse(rs.getBoolean(i));
                assertNull(rs.getString(i));
                assertNull(rs.getDate(i));
                assertNull(rs.getObject(i, Integer.class));
                assertTrue(rs.wasNull());
            }
        }
    }

    @Test
    void shouldFindColumnsByLabelIgnoringCase() throws SQLException {
        try (ResultSet rs = rows(sample())) {
            assertEquals(1, rs.findColumn("PRICE"));
            assertEquals(1, rs.findColumn("price"));
            assertEquals(3, rs.findColumn("Name"));
            SQLException e = assertThrows(SQLException.class, () -> rs.findColumn("missing"));
            assertTrue(e.getMessage().contains("missing"));
        }
    }

    @Test
    void shouldMoveForwardOnlyAndRefuseTheRest() throws SQLException {
        ResultSet rs = rows(sample(), sample());
        assertTrue(rs.isBeforeFirst());
        assertEquals("24000", assertThrows(SQLException.class, () -> rs.getInt(2)).getSQLState());
        assertTrue(rs.next());
        assertTrue(rs.isFirst());
        assertEquals(1, rs.getRow());
        assertTrue(rs.next());
        assertEquals(2, rs.getRow());
        assertFalse(rs.next());
        assertTrue(rs.isAfterLast());
        assertFalse(rs.next());
        assertThrows(SQLException.class, rs::previous);
        assertThrows(SQLException.class, rs::first);
        assertThrows(SQLFeatureNotSupportedException.class, () -> rs.updateInt(1, 1));
        assertEquals("07009", assertThrows(SQLException.class, () -> {
            ResultSet again = rows(sample());
            again.next();
            again.getInt(99);
        }).getSQLState());
        rs.close();
        assertTrue(rs.isClosed());
        assertThrows(SQLException.class, rs::next);
    }

    @Test
    void shouldDescribeColumnsWithTypesPrecisionScaleAndNullability() throws SQLException {
        try (ResultSet rs = rows()) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(COLUMNS.size(), md.getColumnCount());
            assertEquals("Price", md.getColumnLabel(1));
            assertEquals(Types.DECIMAL, md.getColumnType(1));
            assertEquals(12, md.getPrecision(1));
            assertEquals(2, md.getScale(1));
            assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(2));
            assertEquals("java.math.BigDecimal", md.getColumnClassName(1));
            assertEquals("java.sql.Date", md.getColumnClassName(4));
            assertEquals("java.lang.Integer", md.getColumnClassName(7));
            assertEquals("T", md.getTableName(1));
            assertTrue(md.isSigned(2));
            assertFalse(md.isSigned(3));
        }
    }
}
