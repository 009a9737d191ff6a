package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** The assignment rules of {@link Values#conform}: what is stored, and every refusal. */
class ValuesTest {
    private static final String TABLE = "ORDERS";

    // ------------------------------------------------------------------ NOT NULL

    @Test
    void shouldRefuseNullInANotNullColumn() {
        assertRefused(Column.notNull("O_ID", ColumnType.INTEGER), null, ErrorCode.NOT_NULL_VIOLATION, "NULL");
    }

    @Test
    void shouldStoreNullInANullableColumn() {
        assertNull(conform(Column.nullable("O_NOTE", ColumnType.varchar(4)), null));
    }

    // ------------------------------------------------------------------ strings

    @Test
    void shouldRefuseAStringLongerThanItsColumn() {
        assertRefused(Column.nullable("O_NOTE", ColumnType.varchar(4)), "abcdef", ErrorCode.STRING_TOO_LONG, "'abcdef'");
        assertRefused(Column.nullable("O_CODE", ColumnType.character(2)), "abc", ErrorCode.STRING_TOO_LONG, "'abc'");
        assertRefused(Column.nullable("O_NOTE", ColumnType.varchar(4)), "abcd  x", ErrorCode.STRING_TOO_LONG, "'abcd  x'");
    }

    @Test
    void shouldCutOnlySpacesBeyondTheLength() {
        assertEquals("abc ", conform(Column.nullable("O_NOTE", ColumnType.varchar(4)), "abc    "));
        assertEquals("abcd", conform(Column.nullable("O_CODE", ColumnType.character(4)), "abcd  "));
        assertEquals("ab", conform(Column.nullable("O_NOTE", ColumnType.varchar(4)), "ab"));
    }

    @Test
    void shouldPadCharWithSpacesToItsLength() {
        assertEquals("ab  ", conform(Column.nullable("O_CODE", ColumnType.character(4)), "ab"));
        assertEquals("    ", conform(Column.nullable("O_CODE", ColumnType.character(4)), ""));
        assertEquals("\ud834\udd1e ", conform(Column.nullable("O_CODE", ColumnType.character(2)), "\ud834\udd1e"));
    }

    @Test
    void shouldCountCharactersAsCodePoints() {
        Column column = Column.nullable("O_NOTE", ColumnType.varchar(2));
        assertEquals("\ud834\udd1e\u00e9", conform(column, "\ud834\udd1e\u00e9"));
        assertRefused(column, "\ud834\udd1e\u00e9x", ErrorCode.STRING_TOO_LONG, "3 characters");
    }

    @Test
    void shouldRefuseAStringWithALoneSurrogate() {
        assertRefused(Column.nullable("O_NOTE", ColumnType.varchar(4)), "a\ud834", ErrorCode.INVALID_VALUE,
                "lone surrogate at index 1");
    }

    @Test
    void shouldRefuseBytesLongerThanTheirColumn() {
        Column column = Column.nullable("O_BLOB", ColumnType.varbinary(2));
        assertArrayEquals(new byte[] {0, 1}, (byte[]) conform(column, new byte[] {0, 1}));
        assertRefused(column, new byte[] {0, 1, (byte) 0xAB}, ErrorCode.STRING_TOO_LONG, "X'0001AB'");
    }

    // ------------------------------------------------------------------ DECIMAL

    @Test
    void shouldRoundDecimalsHalfUpToTheColumnScale() {
        Column column = Column.notNull("O_AMOUNT", ColumnType.decimal(5, 2));
        assertEquals(new BigDecimal("2.35"), conform(column, new BigDecimal("2.345")));
        assertEquals(new BigDecimal("-2.35"), conform(column, new BigDecimal("-2.345")));
        assertEquals(new BigDecimal("2.34"), conform(column, new BigDecimal("2.3449999")));
        assertEquals(new BigDecimal("1.50"), conform(column, new BigDecimal("1.5")));
        assertEquals(new BigDecimal("0.00"), conform(column, new BigDecimal("-0.004")));
        assertEquals(new BigDecimal("0.01"), conform(column, new BigDecimal("0.005")));
        assertEquals(new BigDecimal("999.99"), conform(column, new BigDecimal("999.994")));
    }

    @Test
    void shouldConvertOtherNumbersToDecimal() {
        Column column = Column.notNull("O_AMOUNT", ColumnType.decimal(5, 2));
        assertEquals(new BigDecimal("3.00"), conform(column, 3));
        assertEquals(new BigDecimal("-7.00"), conform(column, (byte) -7));
        assertEquals(new BigDecimal("0.10"), conform(column, 0.1));
        assertEquals(new BigDecimal("0.10"), conform(column, 0.1f));
        assertEquals(new BigDecimal("12.00"), conform(column, BigInteger.valueOf(12)));
    }

    @Test
    void shouldRefuseADecimalWithTooManyIntegerDigits() {
        Column column = Column.notNull("O_AMOUNT", ColumnType.decimal(5, 2));
        assertRefused(column, new BigDecimal("1234.5"), ErrorCode.NUMERIC_OUT_OF_RANGE, "1234.5");
        assertRefused(column, new BigDecimal("-999.995"), ErrorCode.NUMERIC_OUT_OF_RANGE, "-999.995");
        assertRefused(column, 1000L, ErrorCode.NUMERIC_OUT_OF_RANGE, "1000");
        assertRefused(column, Double.NaN, ErrorCode.NUMERIC_OUT_OF_RANGE, "NaN");
        assertRefused(column, Float.POSITIVE_INFINITY, ErrorCode.NUMERIC_OUT_OF_RANGE, "Infinity");
        assertRefused(Column.notNull("O_RATE", ColumnType.decimal(4, 4)), BigDecimal.ONE, ErrorCode.NUMERIC_OUT_OF_RANGE, "1");
    }

    @Test
    void shouldHandleExtremeDecimalsAtPrecision38() {
        Column column = Column.notNull("O_BIG", ColumnType.decimal(38, 0));
        BigDecimal max = new BigDecimal(BigInteger.TEN.pow(38).subtract(BigInteger.ONE));
        assertEquals(max, conform(column, max));
        assertEquals(max.negate(), conform(column, max.negate()));
        assertRefused(column, max.add(BigDecimal.ONE), ErrorCode.NUMERIC_OUT_OF_RANGE, max.add(BigDecimal.ONE).toPlainString());
        assertRefused(column, new BigDecimal(max.unscaledValue().multiply(BigInteger.TEN).add(BigInteger.valueOf(5)), 1),
                ErrorCode.NUMERIC_OUT_OF_RANGE, "99999999999999999999999999999999999999.5");
        Column fraction = Column.notNull("O_FRACTION", ColumnType.decimal(38, 38));
        assertEquals(new BigDecimal(BigInteger.ONE, 38), conform(fraction, new BigDecimal("5E-39")));
    }

    @Test
    void shouldRoundAbsurdExponentsWithoutExpandingThem() {
        Column column = Column.notNull("O_AMOUNT", ColumnType.decimal(5, 2));
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertEquals(new BigDecimal("0.00"), conform(column, new BigDecimal("1E-999999999")));
            assertRefused(column, new BigDecimal("1E+999999999"), ErrorCode.NUMERIC_OUT_OF_RANGE, "1E+999999999");
            assertRefused(Column.notNull("O_ID", ColumnType.BIGINT), new BigDecimal("-1E+999999999"),
                    ErrorCode.NUMERIC_OUT_OF_RANGE, "-1E+999999999");
        });
    }

    // ------------------------------------------------------------------ integers

    @Test
    void shouldAcceptIntegralNumbersInRange() {
        assertEquals((short) 32767, conform(Column.notNull("S", ColumnType.SMALLINT), 32767L));
        assertEquals((short) -32768, conform(Column.notNull("S", ColumnType.SMALLINT), -32768));
        assertEquals(Integer.MIN_VALUE, conform(Column.notNull("I", ColumnType.INTEGER), (long) Integer.MIN_VALUE));
        assertEquals(5, conform(Column.notNull("I", ColumnType.INTEGER), new BigDecimal("5.000")));
        assertEquals(Long.MAX_VALUE, conform(Column.notNull("B", ColumnType.BIGINT), BigInteger.valueOf(Long.MAX_VALUE)));
        assertEquals(Long.MIN_VALUE, conform(Column.notNull("B", ColumnType.BIGINT), new BigDecimal(Long.MIN_VALUE)));
        assertEquals(7L, conform(Column.notNull("B", ColumnType.BIGINT), 7.0));
    }

    @Test
    void shouldRoundAFractionHalfUpIntoAnInteger() {
        Column column = Column.notNull("I", ColumnType.INTEGER);
        assertEquals(3, conform(column, new BigDecimal("2.5")));
        assertEquals(-3, conform(column, new BigDecimal("-2.5")));
        assertEquals(2, conform(column, new BigDecimal("2.4999")));
        assertEquals(3, conform(column, 2.5));
        assertEquals(-3, conform(column, -2.5f));
    }

    @Test
    void shouldRefuseIntegersOutOfRange() {
        assertRefused(Column.notNull("O_QTY", ColumnType.SMALLINT), 32768, ErrorCode.NUMERIC_OUT_OF_RANGE, "32768");
        assertRefused(Column.notNull("O_QTY", ColumnType.SMALLINT), new BigDecimal("32767.5"),
                ErrorCode.NUMERIC_OUT_OF_RANGE, "32767.5");
        assertRefused(Column.notNull("O_ID", ColumnType.INTEGER), 2147483648L, ErrorCode.NUMERIC_OUT_OF_RANGE, "2147483648");
        assertRefused(Column.notNull("O_ID", ColumnType.BIGINT), BigInteger.ONE.shiftLeft(63),
                ErrorCode.NUMERIC_OUT_OF_RANGE, "9223372036854775808");
        assertRefused(Column.notNull("O_ID", ColumnType.BIGINT), 1e19, ErrorCode.NUMERIC_OUT_OF_RANGE, "1.0E19");
        assertRefused(Column.notNull("O_ID", ColumnType.INTEGER), Double.NaN, ErrorCode.NUMERIC_OUT_OF_RANGE, "NaN");
    }

    // ------------------------------------------------------------------ floating point

    @Test
    void shouldStoreNaNInfinitiesAndMinusZeroInFloatingPoint() {
        Column real = Column.nullable("O_R", ColumnType.REAL);
        Column dbl = Column.nullable("O_D", ColumnType.DOUBLE);
        assertEquals(Float.NaN, conform(real, Float.NaN));
        assertEquals(Float.POSITIVE_INFINITY, conform(real, Double.POSITIVE_INFINITY));
        assertEquals(Double.NEGATIVE_INFINITY, conform(dbl, Double.NEGATIVE_INFINITY));
        assertEquals(Double.NaN, conform(dbl, Float.NaN));
        assertEquals(-0.0, conform(dbl, -0.0));
        assertEquals(-0.0f, conform(real, -0.0));
        assertEquals(0.5f, conform(real, new BigDecimal("0.5")));
        assertEquals(9.007199254740992E15, conform(dbl, 9007199254740993L));
    }

    @Test
    void shouldRefuseAFiniteNumberTooLargeForReal() {
        assertRefused(Column.nullable("O_R", ColumnType.REAL), 1e39, ErrorCode.NUMERIC_OUT_OF_RANGE, "1.0E39");
        assertRefused(Column.nullable("O_D", ColumnType.DOUBLE), new BigDecimal("1E+400"), ErrorCode.NUMERIC_OUT_OF_RANGE,
                "1E+400");
    }

    // ------------------------------------------------------------------ date and time

    @Test
    void shouldRoundTimesHalfUpToTheirFractionalSeconds() {
        assertEquals(1_235_000L, conform(Column.notNull("T", ColumnType.timestamp(3)), 1_234_500L));
        assertEquals(1_234_000L, conform(Column.notNull("T", ColumnType.timestamp(3)), 1_234_499L));
        assertEquals(-1_000_000L, conform(Column.notNull("T", ColumnType.timestamp(0)), -1_500_000L));
        assertEquals(-2_000_000L, conform(Column.notNull("T", ColumnType.timestamp(0)), -1_500_001L));
        assertEquals(Long.MIN_VALUE, conform(Column.notNull("T", ColumnType.timestamp(6)), Long.MIN_VALUE));
        assertEquals(86_399_000_000L, conform(Column.notNull("T", ColumnType.time(0)), 86_399_600_000L));
        assertEquals(19_000, conform(Column.notNull("D", ColumnType.DATE), 19_000));
    }

    @Test
    void shouldRefuseATimeOutsideTheDay() {
        assertRefused(Column.notNull("O_AT", ColumnType.time(6)), -1L, ErrorCode.INVALID_VALUE, "-1");
        assertRefused(Column.notNull("O_AT", ColumnType.time(6)), 86_400_000_000L, ErrorCode.INVALID_VALUE, "86400000000");
        assertRefused(Column.notNull("O_AT", ColumnType.timestamp(0)), Long.MAX_VALUE, ErrorCode.NUMERIC_OUT_OF_RANGE,
                String.valueOf(Long.MAX_VALUE));
    }

    // ------------------------------------------------------------------ wrong class

    @Test
    void shouldRefuseAValueOfAnIncompatibleClass() {
        assertRefused(Column.notNull("O_ID", ColumnType.INTEGER), "12", ErrorCode.INVALID_VALUE, "'12'");
        assertRefused(Column.notNull("O_ID", ColumnType.INTEGER), new java.util.concurrent.atomic.AtomicInteger(1),
                ErrorCode.INVALID_VALUE, "AtomicInteger");
        assertRefused(Column.notNull("O_NOTE", ColumnType.varchar(4)), 12, ErrorCode.INVALID_VALUE, "java.lang.Integer");
        assertRefused(Column.notNull("O_OK", ColumnType.BOOLEAN), 1, ErrorCode.INVALID_VALUE, "java.lang.Boolean");
        assertRefused(Column.notNull("O_DAY", ColumnType.DATE), 19_000L, ErrorCode.INVALID_VALUE, "19000");
        assertRefused(Column.notNull("O_AT", ColumnType.timestamp(6)), java.time.Instant.EPOCH, ErrorCode.INVALID_VALUE,
                "1970-01-01T00:00:00Z");
        assertRefused(Column.notNull("O_BLOB", ColumnType.varbinary(4)), "ab", ErrorCode.INVALID_VALUE, "byte[]");
    }

    // ------------------------------------------------------------------ helpers

    private static Object conform(Column column, Object value) {
        return Values.conform(column, value, TABLE);
    }

    /** Refused with {@code code}, and the message names the table, the column, its type and the value. */
    private static void assertRefused(Column column, Object value, ErrorCode code, String valueText) {
        PersimmonException e = assertThrows(PersimmonException.class, () -> conform(column, value));
        assertEquals(code, e.code(), e.getMessage());
        String message = e.getMessage();
        for (String expected : new String[] {TABLE + "." + column.name(), column.type().toString(), valueText}) {
            assertTrue(message.contains(expected), () -> "'" + expected + "' missing from: " + message);
        }
    }
}
