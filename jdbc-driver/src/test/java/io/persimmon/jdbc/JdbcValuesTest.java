package io.persimmon.jdbc;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Calendar;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.*;

/** Parameter values as the setters convert them for the SQL layer. */
class JdbcValuesTest {
    @Test
    void shouldTurnJavaSqlValuesIntoJavaTime() throws SQLException {
        assertEquals(LocalDate.of(2024, 2, 29), JdbcValues.parameter(Date.valueOf("2024-02-29"), null));
        assertEquals(LocalTime.of(1, 2, 3), JdbcValues.parameter(Time.valueOf("01:02:03"), null));
        Timestamp ts = Timestamp.valueOf("2024-02-29 23:59:58.123456789");
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_789), JdbcValues.parameter(ts, null));
        assertEquals(new BigDecimal("12345678901234567890"),
                JdbcValues.parameter(new BigInteger("12345678901234567890"), null));
        assertEquals("x", JdbcValues.parameter('x', null));
        assertEquals((short) 5, JdbcValues.parameter((byte) 5, null));
        assertNull(JdbcValues.parameter(null, null));
        assertEquals("22023", assertThrows(SQLException.class,
                () -> JdbcValues.parameter(new Object(), null)).getSQLState());
    }

    @Test
    void shouldReadDatesInTheCalendarsZoneWhenOneIsGiven() throws SQLException {
        Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        // 2024-03-01T00:30 in Tokyo is 2024-02-29T15:30 in UTC
        Timestamp instant = Timestamp.from(java.time.Instant.parse("2024-02-29T15:30:00Z"));
        assertEquals(LocalDateTime.of(2024, 3, 1, 0, 30), JdbcValues.parameter(instant, tokyo));
        assertEquals(LocalDateTime.of(2024, 2, 29, 15, 30), JdbcValues.parameter(instant, utc));
        assertEquals(instant, JdbcValues.sqlTimestamp(LocalDateTime.of(2024, 3, 1, 0, 30), tokyo));
        Date d = JdbcValues.sqlDate(LocalDate.of(2024, 3, 1), tokyo);
        assertEquals(LocalDate.of(2024, 3, 1), JdbcValues.localDate(d, tokyo));
        assertEquals(java.time.Instant.parse("2024-02-29T15:00:00Z").toEpochMilli(), d.getTime());
        Time t = JdbcValues.sqlTime(LocalTime.of(9, 0, 0, 250_000_000), utc);
        assertEquals(9 * 3_600_000L + 250, t.getTime());
        assertEquals(LocalTime.of(9, 0, 0, 250_000_000), JdbcValues.localTime(t, utc));
    }

    @Test
    void shouldRoundTripDatesInTheDefaultZone() throws SQLException {
        LocalDateTime ldt = LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000);
        assertEquals(ldt, JdbcValues.localDateTime(JdbcValues.sqlTimestamp(ldt, null), null));
        LocalTime lt = LocalTime.of(23, 59, 59, 999_000_000);
        assertEquals(lt, JdbcValues.localTime(JdbcValues.sqlTime(lt, null), null));
        LocalDate ld = LocalDate.of(1900, 1, 1);
        assertEquals(ld, JdbcValues.localDate(JdbcValues.sqlDate(ld, null), null));
    }

    @Test
    void shouldConvertToTheTargetTypeOfSetObject() throws SQLException {
        assertEquals(42, JdbcValues.parameter("42", Types.INTEGER, -1));
        assertEquals(42L, JdbcValues.parameter(42, Types.BIGINT, -1));
        assertEquals((short) 3, JdbcValues.parameter(3.9, Types.SMALLINT, -1));
        assertEquals(new BigDecimal("2.35"), JdbcValues.parameter("2.345", Types.DECIMAL, 2));
        assertEquals(new BigDecimal("2.345"), JdbcValues.parameter(2.345, Types.NUMERIC, -1));
        assertEquals(1.5f, JdbcValues.parameter("1.5", Types.REAL, -1));
        assertEquals(1.0, JdbcValues.parameter(1, Types.DOUBLE, -1));
        assertEquals("12.50", JdbcValues.parameter(new BigDecimal("12.50"), Types.VARCHAR, -1));
        assertEquals(true, JdbcValues.parameter(1, Types.BOOLEAN, -1));
        assertEquals(false, JdbcValues.parameter("false", Types.BIT, -1));
        assertEquals(LocalDate.of(2024, 1, 2), JdbcValues.parameter("2024-01-02", Types.DATE, -1));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5), JdbcValues.parameter("2024-01-02 03:04:05", Types.TIMESTAMP, -1));
        assertEquals(LocalDateTime.of(2024, 1, 2, 0, 0), JdbcValues.parameter(Date.valueOf("2024-01-02"), Types.TIMESTAMP, -1));
        assertEquals(LocalTime.of(3, 4, 5), JdbcValues.parameter("03:04:05", Types.TIME, -1));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) JdbcValues.parameter(new ByteArrayInputStream(new byte[] {1, 2}),
                Types.VARBINARY, -1));
        assertEquals("abc", JdbcValues.parameter(new StringReader("abc"), Types.VARCHAR, -1));
        assertNull(JdbcValues.parameter(null, Types.NULL, -1));
        assertEquals("x", JdbcValues.parameter("x", Types.OTHER, -1));
    }

    @Test
    void shouldRefuseWhatCannotBeConverted() {
        assertEquals("22003", assertThrows(SQLException.class,
                () -> JdbcValues.parameter(70_000, Types.SMALLINT, -1)).getSQLState());
        assertEquals("22018", assertThrows(SQLException.class,
                () -> JdbcValues.parameter("forty", Types.INTEGER, -1)).getSQLState());
        assertEquals("22018", assertThrows(SQLException.class,
                () -> JdbcValues.parameter("2024-13-45", Types.DATE, -1)).getSQLState());
        assertEquals("22018", assertThrows(SQLException.class,
                () -> JdbcValues.parameter("maybe", Types.BOOLEAN, -1)).getSQLState());
        assertEquals("0A000", assertThrows(SQLException.class,
                () -> JdbcValues.parameter("x", Types.ARRAY, -1)).getSQLState());
    }
}
