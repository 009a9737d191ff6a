package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Round trips, orderings and edge cases of the key encoding, and its frozen bytes. */
class KeyCodecTest {
    private static final ColumnType DECIMAL_38_0 = ColumnType.decimal(38, 0);
    private static final ColumnType DECIMAL_38_38 = ColumnType.decimal(38, 38);
    private static final BigInteger MAX_38_DIGITS = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);

    // ------------------------------------------------------------------ round trips

    /** maxLength bounds the longest key each type can encode to: worst cases of every type, ascending and descending. */
    @Test
    void shouldBoundEveryKeyByMaxLength() {
        String supplementary = new String(Character.toChars(0x10FFFF)); // 4 UTF-8 bytes for one code point
        Object[][] worst = {
                {ColumnType.BOOLEAN, true}, {ColumnType.SMALLINT, Short.MIN_VALUE}, {ColumnType.INTEGER, -1},
                {ColumnType.BIGINT, Long.MAX_VALUE}, {ColumnType.REAL, Float.NaN}, {ColumnType.DOUBLE, -Double.MAX_VALUE},
                {ColumnType.DATE, 0}, {ColumnType.timestamp(6), Long.MIN_VALUE},
                {ColumnType.decimal(38, 0), new BigDecimal("-" + "9".repeat(38))},
                {ColumnType.decimal(38, 37), new BigDecimal("-9." + "9".repeat(37))},
                {ColumnType.varchar(50), supplementary.repeat(50)},
                {ColumnType.varchar(50), "\0".repeat(50)},
                {ColumnType.character(20), "\u0800".repeat(20)},
                {ColumnType.varbinary(64), new byte[64]},
        };
        for (Object[] w : worst) {
            for (boolean descending : new boolean[] {false, true}) {
                ColumnType type = (ColumnType) w[0];
                KeyColumn[] columns = {descending ? KeyColumn.desc(type) : KeyColumn.asc(type), KeyColumn.asc(ColumnType.INTEGER)};
                byte[] key = KeyCodec.encode(new Object[] {w[1], 7}, columns);
                assertTrue(key.length <= KeyCodec.maxLength(columns), type + ": a key of " + key.length
                        + " bytes, bound " + KeyCodec.maxLength(columns));
            }
        }
    }

    @Test
    void shouldRoundTripExtremesOfEveryType() {
        assertRoundTrip(ColumnType.BOOLEAN, false, true);
        assertRoundTrip(ColumnType.SMALLINT, Short.MIN_VALUE, (short) -1, (short) 0, Short.MAX_VALUE);
        assertRoundTrip(ColumnType.INTEGER, Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE);
        assertRoundTrip(ColumnType.BIGINT, Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE);
        assertRoundTrip(ColumnType.REAL, Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -Float.MIN_VALUE, 0.0f,
                Float.MIN_VALUE, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN);
        assertRoundTrip(ColumnType.DOUBLE, Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -Double.MIN_VALUE, 0.0,
                Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN);
        assertRoundTrip(DECIMAL_38_0, new BigDecimal(MAX_38_DIGITS.negate()), new BigDecimal(-1),
                BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal(MAX_38_DIGITS));
        assertRoundTrip(DECIMAL_38_38, new BigDecimal(MAX_38_DIGITS.negate(), 38), new BigDecimal(BigInteger.ONE.negate(), 38),
                BigDecimal.ZERO.setScale(38), new BigDecimal(BigInteger.ONE, 38), new BigDecimal(MAX_38_DIGITS, 38));
        assertRoundTrip(ColumnType.decimal(5, 2), new BigDecimal("-999.99"), new BigDecimal("-1.00"),
                new BigDecimal("0.00"), new BigDecimal("0.01"), new BigDecimal("1.50"), new BigDecimal("10.00"));
        assertRoundTrip(ColumnType.varchar(8), "", "\0", "a", "a\0", "a\0\0", "a\u0001", "a\u00ff", "\u00e9t\u00e9",
                "\uffff", "\ud834\udd1e", "\udbff\udfff");
        assertRoundTrip(ColumnType.character(3), "   ", "a  ", "\0  ", "a\t ", "abc");
        assertRoundTrip(ColumnType.varbinary(4), new byte[0], new byte[] {0}, new byte[] {0, 0},
                new byte[] {0, (byte) 0xFF}, new byte[] {1}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFF, 0});
        assertRoundTrip(ColumnType.DATE, Integer.MIN_VALUE, -1, 0, 19_000, Integer.MAX_VALUE);
        assertRoundTrip(ColumnType.time(6), 0L, 1L, TemporalAssignment.MICROS_PER_DAY - 1);
        assertRoundTrip(ColumnType.timestamp(6), Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE);
    }

    @Test
    void shouldDecodeMinusZeroAsZeroAndPadCharBack() {
        KeyColumn[] real = {KeyColumn.asc(ColumnType.REAL), KeyColumn.desc(ColumnType.DOUBLE)};
        Object[] decoded = KeyCodec.decode(KeyCodec.encode(new Object[] {-0.0f, -0.0}, real), real);
        assertEquals(0, Float.floatToRawIntBits((Float) decoded[0]));
        assertEquals(0L, Double.doubleToRawLongBits((Double) decoded[1]));

        KeyColumn[] chars = {KeyColumn.asc(ColumnType.character(4))};
        assertEquals("ab  ", KeyCodec.decode(KeyCodec.encode(new Object[] {"ab"}, chars), chars)[0]);
    }

    // ------------------------------------------------------------------ orderings

    @Test
    void shouldOrderNullFirstAscendingAndLastDescending() {
        assertAscending(ColumnType.INTEGER, null, Integer.MIN_VALUE, 0);
        assertAscending(ColumnType.varchar(4), null, "", "\0");
        KeyColumn[] desc = {KeyColumn.desc(ColumnType.INTEGER)};
        assertTrue(KeyCodec.compare(KeyCodec.encode(new Object[] {Integer.MIN_VALUE}, desc),
                KeyCodec.encode(new Object[] {null}, desc)) < 0);
        assertTrue(KeyCodec.compare(KeyCodec.encode(new Object[] {5}, desc),
                KeyCodec.encode(new Object[] {4}, desc)) < 0);
    }

    @Test
    void shouldTreatMinusZeroAsZeroAndNaNAsGreatest() {
        assertSameKey(ColumnType.DOUBLE, 0.0, -0.0);
        assertSameKey(ColumnType.REAL, 0.0f, -0.0f);
        assertSameKey(ColumnType.DOUBLE, Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L));
        assertAscending(ColumnType.DOUBLE, Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1.0, -Double.MIN_VALUE,
                0.0, Double.MIN_VALUE, 1.0, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN);
        assertAscending(ColumnType.REAL, Float.NEGATIVE_INFINITY, -1.0f, -Float.MIN_VALUE, 0.0f, Float.MIN_VALUE,
                Float.POSITIVE_INFINITY, Float.NaN);
    }

    @Test
    void shouldGiveEqualDecimalsTheSameKeyWhateverTheirScale() {
        assertSameKey(ColumnType.decimal(10, 3), new BigDecimal("1.5"), new BigDecimal("1.50"), new BigDecimal("1.500"));
        assertSameKey(ColumnType.decimal(10, 3), new BigDecimal("0"), new BigDecimal("0.000"), new BigDecimal("0E+5"));
        assertSameKey(DECIMAL_38_0, new BigDecimal("100"), new BigDecimal("1E+2"), new BigDecimal("100.00"));
    }

    @Test
    void shouldOrderDecimalsNumericallyAcrossExponentsAndDigits() {
        assertAscending(DECIMAL_38_38, new BigDecimal(MAX_38_DIGITS.negate(), 38), new BigDecimal("-0.5"),
                new BigDecimal("-0.05"), new BigDecimal(BigInteger.ONE.negate(), 38), new BigDecimal("0"),
                new BigDecimal(BigInteger.ONE, 38), new BigDecimal("0.05"), new BigDecimal("0.0501"),
                new BigDecimal("0.051"), new BigDecimal("0.5"), new BigDecimal(MAX_38_DIGITS, 38));
        assertAscending(DECIMAL_38_0, new BigDecimal(MAX_38_DIGITS.negate()), new BigDecimal("-101"),
                new BigDecimal("-100"), new BigDecimal("-99"), new BigDecimal("-10"), new BigDecimal("-9"),
                new BigDecimal("0"), new BigDecimal("9"), new BigDecimal("10"), new BigDecimal("11"),
                new BigDecimal("99"), new BigDecimal("100"), new BigDecimal("101"), new BigDecimal(MAX_38_DIGITS));
    }

    @Test
    void shouldOrderStringsByCodePointWithAPrefixFirst() {
        assertAscending(ColumnType.varchar(4), "", "\0", "\0\0", "\u0001", "a", "a\0", "a\u0001", "ab", "b",
                "\u00e9", "\uffff", "\ud800\udc00", "\udbff\udfff");
        // UTF-16 (String.compareTo) would put the supplementary character before U+E000.
        assertTrue("\ud834\udd1e".compareTo("\ue000") < 0);
        assertAscending(ColumnType.varchar(4), "\ue000", "\ud834\udd1e");
    }

    @Test
    void shouldCompareCharIgnoringTrailingSpaces() {
        assertSameKey(ColumnType.character(4), "ab", "ab  ", "ab ");
        assertAscending(ColumnType.character(4), "    ", "a   ", "ab  ", "b   ");
    }

    @Test
    void shouldOrderVarbinaryByUnsignedBytesWithAPrefixFirst() {
        assertAscending(ColumnType.varbinary(3), new byte[0], new byte[] {0}, new byte[] {0, 0},
                new byte[] {0, (byte) 0xFF}, new byte[] {1}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFF, 0},
                new byte[] {(byte) 0xFF, (byte) 0xFF});
    }

    @Test
    void shouldOrderTuplesColumnByColumn() {
        KeyColumn[] columns = {KeyColumn.asc(ColumnType.varchar(4)), KeyColumn.desc(ColumnType.INTEGER)};
        List<Object[]> ascending = List.of(new Object[] {"a", 2}, new Object[] {"a", 1}, new Object[] {"a", null},
                new Object[] {"a\0", 9}, new Object[] {"ab", 9});
        for (int i = 1; i < ascending.size(); i++) {
            assertTrue(KeyCodec.compare(KeyCodec.encode(ascending.get(i - 1), columns),
                    KeyCodec.encode(ascending.get(i), columns)) < 0, "at " + i);
        }
    }

    // ------------------------------------------------------------------ prefixes

    @Test
    void shouldGiveTheSmallestKeyAfterAPrefix() {
        assertArrayEquals(new byte[] {1, 3}, KeyCodec.prefixUpperBound(new byte[] {1, 2}));
        assertArrayEquals(new byte[] {2}, KeyCodec.prefixUpperBound(new byte[] {1, (byte) 0xFF, (byte) 0xFF}));
        assertArrayEquals(new byte[] {1, (byte) 0x80}, KeyCodec.prefixUpperBound(new byte[] {1, 0x7F}));
        assertNull(KeyCodec.prefixUpperBound(new byte[] {(byte) 0xFF, (byte) 0xFF}));
        assertNull(KeyCodec.prefixUpperBound(new byte[0]));
    }

    @Test
    void shouldBoundAPrefixScanOverADescendingColumn() {
        KeyColumn[] columns = {KeyColumn.asc(ColumnType.INTEGER), KeyColumn.desc(ColumnType.varchar(4))};
        byte[] prefix = KeyCodec.encodePrefix(new Object[] {7}, columns, 1);
        byte[] bound = KeyCodec.prefixUpperBound(prefix);
        for (Object[] inside : List.of(new Object[] {7, null}, new Object[] {7, ""}, new Object[] {7, "\uffff"})) {
            byte[] key = KeyCodec.encode(inside, columns);
            assertTrue(KeyCodec.compare(prefix, key) <= 0 && KeyCodec.compare(key, bound) < 0);
        }
        assertTrue(KeyCodec.compare(KeyCodec.encode(new Object[] {8, null}, columns), bound) >= 0);
        assertTrue(KeyCodec.compare(KeyCodec.encode(new Object[] {6, null}, columns), prefix) < 0);
    }

    // ------------------------------------------------------------------ frozen bytes

    @Test
    void shouldKeepTheEncodingOfEachType() {
        assertKey("00", ColumnType.INTEGER, null);
        assertKey("01 80 00 00 01", ColumnType.INTEGER, 1);
        assertKey("01 7f ff ff ff", ColumnType.INTEGER, -1);
        assertKey("01 7f ff", ColumnType.SMALLINT, (short) -1);
        assertKey("01 80 00 00 00 00 00 00 00", ColumnType.DOUBLE, -0.0);
        assertKey("01 ff f8 00 00 00 00 00 00", ColumnType.DOUBLE, Double.NaN);
        assertKey("01 40 0f ff ff ff ff ff ff", ColumnType.DOUBLE, -1.0);
        assertKey("01 02", ColumnType.decimal(5, 2), new BigDecimal("0.00"));
        assertKey("01 03 81 0d 33 00", ColumnType.decimal(5, 2), new BigDecimal("12.50"));
        assertKey("01 01 7e f2 cc ff", ColumnType.decimal(5, 2), new BigDecimal("-12.50"));
        assertKey("01 03 7e 33 00", ColumnType.decimal(5, 2), new BigDecimal("0.05"));
        assertKey("01 61 00 ff 62 00 00", ColumnType.varchar(3), "a\0b");
        assertKey("01 61 00 00", ColumnType.character(3), "a  ");
        assertKey("01 c3 a9 00 00", ColumnType.varchar(3), "\u00e9");
        assertKey("01 ff 00 ff 00 00", ColumnType.varbinary(3), new byte[] {(byte) 0xFF, 0});
        assertKey("fe 9e ff ff", new KeyColumn(ColumnType.varchar(3), true), "a");
    }

    @Test
    void shouldBoundTheKeyLengthByTheColumnTypes() {
        assertEquals(1 + 4, KeyCodec.maxEncodedLength(KeyColumn.asc(ColumnType.INTEGER)));
        assertEquals(1 + 3 + 19, KeyCodec.maxEncodedLength(KeyColumn.asc(DECIMAL_38_0)));
        assertEquals(1 + 16 * 4 + 2, KeyCodec.maxEncodedLength(KeyColumn.desc(ColumnType.varchar(16))));
        assertEquals(1 + 3 * 2 + 2, KeyCodec.maxEncodedLength(KeyColumn.asc(ColumnType.varbinary(3))));
        KeyColumn[] worst = {KeyColumn.asc(DECIMAL_38_38), KeyColumn.asc(ColumnType.varbinary(3)),
                KeyColumn.asc(ColumnType.varchar(2))};
        byte[] key = KeyCodec.encode(new Object[] {new BigDecimal(MAX_38_DIGITS.negate(), 38), new byte[3],
                "\ud834\udd1e\udbff\udfff"}, worst);
        assertEquals(KeyCodec.maxEncodedLength(worst), key.length);
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void shouldRefuseAValueOfTheWrongClass() {
        KeyColumn[] columns = {KeyColumn.asc(ColumnType.BIGINT)};
        PersimmonException e = assertThrows(PersimmonException.class, () -> KeyCodec.encode(new Object[] {1}, columns));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains("java.lang.Long"), e.getMessage());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(PersimmonException.class,
                () -> KeyCodec.encode(new Object[] {1L, 2L}, columns)).code());
    }

    @Test
    void shouldRefuseADecimalBeyondTheKeyExponentRange() {
        KeyColumn[] columns = {KeyColumn.asc(DECIMAL_38_0)};
        assertEquals(ErrorCode.NUMERIC_OUT_OF_RANGE, assertThrows(PersimmonException.class,
                () -> KeyCodec.encode(new Object[] {new BigDecimal("1E+128")}, columns)).code());
        assertDoesNotThrow(() -> KeyCodec.encode(new Object[] {new BigDecimal("9E+127")}, columns));
        assertDoesNotThrow(() -> KeyCodec.encode(new Object[] {new BigDecimal("1E-128")}, columns));
    }

    @Test
    void shouldReportAMalformedKeyAsCorrupt() {
        KeyColumn[] columns = {KeyColumn.asc(ColumnType.varchar(4)), KeyColumn.asc(ColumnType.INTEGER)};
        byte[] key = KeyCodec.encode(new Object[] {"ab", 5}, columns);
        assertCorrupt(Arrays.copyOf(key, key.length - 1), columns, "ends inside a column");
        assertCorrupt(Arrays.copyOf(key, key.length + 1), columns, "after the last column");
        byte[] badMarker = key.clone();
        badMarker[0] = 7;
        assertCorrupt(badMarker, columns, "marker 0x7");
        byte[] badEscape = key.clone();
        badEscape[4] = 0x10; // the byte after 0x00 must be 0x00 or 0xFF
        assertCorrupt(badEscape, columns, "0x00 followed by 0x10");
        assertCorrupt(new byte[] {1, 3, (byte) 0x80, (byte) 0xF0, 0}, new KeyColumn[] {KeyColumn.asc(DECIMAL_38_0)},
                "digit pair");
    }

    // ------------------------------------------------------------------ helpers

    private static void assertRoundTrip(ColumnType type, Object... values) {
        for (boolean descending : new boolean[] {false, true}) {
            KeyColumn[] columns = {new KeyColumn(type, descending), KeyColumn.asc(ColumnType.INTEGER)};
            for (Object value : values) {
                Object[] decoded = KeyCodec.decode(KeyCodec.encode(new Object[] {value, 42}, columns), columns);
                assertTrue(Arrays.deepEquals(new Object[] {value, 42}, decoded),
                        () -> type + " " + describe(value) + " came back as " + describe(decoded[0]));
            }
        }
    }

    private static void assertAscending(ColumnType type, Object... values) {
        KeyColumn[] asc = {KeyColumn.asc(type)};
        KeyColumn[] desc = {KeyColumn.desc(type)};
        for (int i = 1; i < values.length; i++) {
            Object low = values[i - 1];
            Object high = values[i];
            assertTrue(KeyCodec.compare(KeyCodec.encode(new Object[] {low}, asc), KeyCodec.encode(new Object[] {high}, asc)) < 0,
                    () -> describe(low) + " < " + describe(high) + " in " + type);
            assertTrue(KeyCodec.compare(KeyCodec.encode(new Object[] {low}, desc), KeyCodec.encode(new Object[] {high}, desc)) > 0,
                    () -> describe(low) + " > " + describe(high) + " in " + type + " DESC");
        }
    }

    private static void assertSameKey(ColumnType type, Object... values) {
        KeyColumn[] columns = {KeyColumn.asc(type)};
        byte[] first = KeyCodec.encode(new Object[] {values[0]}, columns);
        for (Object value : values) {
            assertArrayEquals(first, KeyCodec.encode(new Object[] {value}, columns), () -> describe(value));
        }
    }

    private static void assertKey(String hex, ColumnType type, Object value) {
        assertKey(hex, KeyColumn.asc(type), value);
    }

    private static void assertKey(String hex, KeyColumn column, Object value) {
        byte[] key = KeyCodec.encode(new Object[] {value}, new KeyColumn[] {column});
        assertEquals(hex, HexFormat.ofDelimiter(" ").formatHex(key), () -> column + " " + describe(value));
    }

    private static void assertCorrupt(byte[] key, KeyColumn[] columns, String expected) {
        PersimmonException e = assertThrows(PersimmonException.class, () -> KeyCodec.decode(key, columns));
        assertEquals(ErrorCode.CORRUPT, e.code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static String describe(Object value) {
        return value instanceof byte[] b ? Arrays.toString(b) : String.valueOf(value);
    }
}
