package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.*;

/** The row encoding: round trips, one-column reads, schema growth, corruption, frozen bytes. */
class RowCodecTest {
    private static final Path ROWS_AND_KEYS_MD = Path.of("..", "docs", "rows-and-keys.md");
    private static final long SEED = 7_000_001L;
    private static final int RANDOM_ROWS = 2_000;
    private static final int MAX_COLUMNS = 12;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    /** The worked example of docs/rows-and-keys.md. */
    private static final ColumnType[] ITEM = {ColumnType.INTEGER, ColumnType.varchar(16), ColumnType.decimal(6, 2),
        ColumnType.character(4), ColumnType.varchar(10)};
    private static final Object[] ITEM_ROW = {7, "P\u00eache", new BigDecimal("12.50"), "AB  ", null};
    private static final String ITEM_ROW_HEX = "05 00 10 07 00 00 00 e2 04 00 00 06 50 c3 aa 63 68 65 02 41 42";
    private static final KeyColumn[] ITEM_KEY = {KeyColumn.asc(ITEM[3]), KeyColumn.desc(ITEM[2]), KeyColumn.asc(ITEM[4])};
    private static final String ITEM_KEY_HEX = "01 41 42 00 00 fe fc 7e f2 cc ff 00";

    private static final ColumnType[] ALL_TYPES = {ColumnType.BOOLEAN, ColumnType.SMALLINT, ColumnType.INTEGER,
        ColumnType.BIGINT, ColumnType.decimal(9, 2), ColumnType.decimal(18, 0), ColumnType.decimal(38, 38),
        ColumnType.decimal(38, 0), ColumnType.REAL, ColumnType.DOUBLE, ColumnType.character(3), ColumnType.varchar(200),
        ColumnType.varbinary(200), ColumnType.DATE, ColumnType.time(6), ColumnType.timestamp(6)};

    @Test
    void shouldRoundTripTheExtremesOfEveryType() {
        BigInteger max38 = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);
        assertRoundTrip(ALL_TYPES, true, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE, new BigDecimal("-9999999.99"),
                new BigDecimal(-999_999_999_999_999_999L), new BigDecimal(max38.negate(), 38), new BigDecimal(max38.negate()),
                -Float.MAX_VALUE, Double.NEGATIVE_INFINITY, "   ", "", new byte[0], Integer.MIN_VALUE, 0L, Long.MIN_VALUE);
        assertRoundTrip(ALL_TYPES, false, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, new BigDecimal("9999999.99"),
                new BigDecimal(999_999_999_999_999_999L), new BigDecimal(max38, 38), new BigDecimal(max38),
                Float.NaN, -0.0, "\0\u00e9\ud834\udd1e", "\0\uffff \u00ff".repeat(50), new byte[] {0, (byte) 0xFF, 0},
                Integer.MAX_VALUE, TemporalAssignment.MICROS_PER_DAY - 1, Long.MAX_VALUE);
        assertRoundTrip(ALL_TYPES, new Object[ALL_TYPES.length]);
    }

    @Test
    void shouldKeepFloatingPointBitsExactly() {
        ColumnType[] types = {ColumnType.REAL, ColumnType.DOUBLE};
        float nanWithPayload = Float.intBitsToFloat(0x7fc00123);
        Object[] decoded = decode(RowCodec.encode(new Object[] {-0.0f, -0.0}, types), types);
        assertEquals(0x80000000, Float.floatToRawIntBits((Float) decoded[0]));
        assertEquals(0x8000000000000000L, Double.doubleToRawLongBits((Double) decoded[1]));
        decoded = decode(RowCodec.encode(new Object[] {nanWithPayload, Double.MIN_VALUE}, types), types);
        assertEquals(0x7fc00123, Float.floatToRawIntBits((Float) decoded[0]));
        assertEquals(Double.MIN_VALUE, decoded[1]);
    }

    @Test
    void shouldRoundTripRandomRowsWholeAndColumnByColumn() {
        RandomValues random = new RandomValues(SEED);
        try (Arena arena = Arena.ofConfined()) {
            for (int r = 0; r < RANDOM_ROWS; r++) {
                ColumnType[] types = new ColumnType[1 + random.random().nextInt(MAX_COLUMNS)];
                Object[] row = new Object[types.length];
                for (int i = 0; i < types.length; i++) {
                    types[i] = random.type();
                    row[i] = random.valueOrNull(types[i]);
                }
                byte[] bytes = RowCodec.encode(row, types);
                int offset = random.random().nextInt(8);
                MemorySegment segment = arena.allocate(offset + bytes.length + 3L);
                MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, offset, bytes.length);
                assertRowEquals(row, RowCodec.decode(segment, offset, bytes.length, types), types);
                for (int i = 0; i < types.length; i++) {
                    Object column = RowCodec.decodeColumn(segment, offset, bytes.length, types, i);
                    assertRowEquals(new Object[] {row[i]}, new Object[] {column}, new ColumnType[] {types[i]});
                }
            }
        }
    }

    @Test
    void shouldDecodeOnlyTheSelectedColumns() {
        RandomValues random = new RandomValues(SEED + 1);
        for (int r = 0; r < RANDOM_ROWS; r++) {
            ColumnType[] types = new ColumnType[1 + random.random().nextInt(MAX_COLUMNS)];
            Object[] row = new Object[types.length];
            boolean[] selected = new boolean[random.random().nextInt(types.length + 1)]; // columns past it: not selected
            for (int i = 0; i < types.length; i++) {
                types[i] = random.type();
                row[i] = random.valueOrNull(types[i]);
                if (i < selected.length) {
                    selected[i] = random.random().nextBoolean();
                }
            }
            byte[] bytes = RowCodec.encode(row, types);
            Object[] decoded = RowCodec.decode(MemorySegment.ofArray(bytes), 0, bytes.length, types, selected);
            Object[] expected = new Object[types.length];
            for (int i = 0; i < selected.length; i++) {
                expected[i] = selected[i] ? row[i] : null;
            }
            assertRowEquals(expected, decoded, types);
        }
        ColumnType[] types = {ColumnType.varchar(4), ColumnType.INTEGER, ColumnType.varchar(4)};
        byte[] bytes = RowCodec.encode(new Object[] {"ab", 1, "cd"}, types);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        PersimmonException e = assertThrows(PersimmonException.class, () -> RowCodec.decode(
                MemorySegment.ofArray(longer), 0, longer.length, types, new boolean[] {false, true}));
        assertEquals(ErrorCode.CORRUPT, e.code(), "the fields not selected are still walked and checked");
    }

    @Test
    void shouldStoreCharWithoutItsPaddingAndDecimalsByPrecision() {
        assertEquals(2 + 1 + 1 + 2, RowCodec.encode(new Object[] {"ab        "}, new ColumnType[] {ColumnType.character(10)}).length);
        assertEquals(2 + 1 + 4, RowCodec.encode(new Object[] {BigDecimal.ONE}, new ColumnType[] {ColumnType.decimal(9, 0)}).length);
        assertEquals(2 + 1 + 8, RowCodec.encode(new Object[] {BigDecimal.ONE}, new ColumnType[] {ColumnType.decimal(18, 0)}).length);
        assertEquals(2 + 1 + 16, RowCodec.encode(new Object[] {BigDecimal.ONE}, new ColumnType[] {ColumnType.decimal(19, 0)}).length);
        assertEquals(2 + 2 + 9 * 4, RowCodec.encode(new Object[9], repeat(ColumnType.INTEGER, 9)).length);
    }

    @Test
    void shouldReadColumnsAddedAfterTheRowWasWrittenAsNull() {
        ColumnType[] before = {ColumnType.INTEGER, ColumnType.varchar(4)};
        ColumnType[] after = {ColumnType.INTEGER, ColumnType.varchar(4), ColumnType.BIGINT, ColumnType.varchar(4)};
        byte[] bytes = RowCodec.encode(new Object[] {1, "x"}, before);
        assertArrayEquals(new Object[] {1, "x", null, null}, RowCodec.decode(bytes, 0, bytes.length, after));
        assertNull(RowCodec.decodeColumn(bytes, 0, bytes.length, after, 2));
        assertEquals("x", RowCodec.decodeColumn(bytes, 0, bytes.length, after, 1));
    }

    @Test
    void shouldRefuseValuesThatWereNotConformed() {
        ColumnType[] decimal = {ColumnType.decimal(5, 2)};
        assertInvalid(() -> RowCodec.encode(new Object[] {new BigDecimal("1.234")}, decimal), "more digits after the point");
        assertInvalid(() -> RowCodec.encode(new Object[] {new BigDecimal("1234")}, decimal), "too many digits");
        assertInvalid(() -> RowCodec.encode(new Object[] {5}, new ColumnType[] {ColumnType.BIGINT}), "java.lang.Long");
        assertInvalid(() -> RowCodec.encode(new Object[] {5, 6}, new ColumnType[] {ColumnType.INTEGER}), "2 values");
        byte[] bytes = RowCodec.encode(new Object[] {new BigDecimal("1.5")}, decimal);
        assertEquals(new BigDecimal("1.50"), RowCodec.decodeColumn(bytes, 0, bytes.length, decimal, 0));
    }

    @Test
    void shouldReportACorruptRowWithItsOffset() {
        byte[] bytes = HEX.parseHex(ITEM_ROW_HEX);
        assertCorrupt(Arrays.copyOf(bytes, 5), ITEM, "runs past the end");
        assertCorrupt(Arrays.copyOf(bytes, bytes.length - 1), ITEM, "runs past the end");
        assertCorrupt(Arrays.copyOf(bytes, bytes.length + 1), ITEM, "1 bytes after the last field");
        byte[] tooMany = bytes.clone();
        tooMany[0] = 6;
        assertCorrupt(tooMany, ITEM, "the row has 6 columns, its table 5");
        byte[] longLength = bytes.clone();
        longLength[11] = (byte) 0x86; // NAME's length byte now claims a continuation
        assertCorrupt(longLength, ITEM, "byte 11");
        byte[] badBoolean = {1, 0, 0, 2};
        assertCorrupt(badBoolean, new ColumnType[] {ColumnType.BOOLEAN}, "BOOLEAN byte");
        PersimmonException e = assertThrows(PersimmonException.class,
                () -> RowCodec.decode(MemorySegment.ofArray(new byte[40]).asSlice(0), 30, 5, ITEM));
        assertEquals(ErrorCode.CORRUPT, e.code());
        assertTrue(e.getMessage().contains("offset 30"), e.getMessage());
    }

    // ------------------------------------------------------------------ frozen bytes

    @Test
    void shouldEncodeTheWorkedExampleOfTheDocument() throws IOException {
        assertEquals(ITEM_ROW_HEX, HEX.formatHex(RowCodec.encode(ITEM_ROW, ITEM)));
        assertArrayEquals(ITEM_ROW, decode(HEX.parseHex(ITEM_ROW_HEX), ITEM));
        Object[] keyValues = {ITEM_ROW[3], ITEM_ROW[2], ITEM_ROW[4]};
        assertEquals(ITEM_KEY_HEX, HEX.formatHex(KeyCodec.encode(keyValues, ITEM_KEY)));
        assertArrayEquals(keyValues, KeyCodec.decode(HEX.parseHex(ITEM_KEY_HEX), ITEM_KEY));
        String doc = Files.readString(ROWS_AND_KEYS_MD);
        assertTrue(doc.contains(ITEM_ROW_HEX), "docs/rows-and-keys.md must show the row bytes " + ITEM_ROW_HEX);
        assertTrue(doc.contains(ITEM_KEY_HEX), "docs/rows-and-keys.md must show the key bytes " + ITEM_KEY_HEX);
    }

    @Test
    void shouldKeepTheRowLayoutConstants() {
        assertEquals(0, RowLayout.COUNT_OFFSET);
        assertEquals(2, RowLayout.COUNT_SIZE);
        assertEquals(2, RowLayout.BITMAP_OFFSET);
        assertEquals(9, RowLayout.DECIMAL_INT_PRECISION);
        assertEquals(18, RowLayout.DECIMAL_LONG_PRECISION);
        assertEquals(16, RowLayout.DECIMAL_WIDE_SIZE);
    }

    // ------------------------------------------------------------------ helpers

    private static void assertRoundTrip(ColumnType[] types, boolean first, Object... rest) {
        Object[] row = new Object[types.length];
        row[0] = first;
        System.arraycopy(rest, 0, row, 1, rest.length);
        assertRoundTrip(types, row);
    }

    private static void assertRoundTrip(ColumnType[] types, Object[] row) {
        byte[] bytes = RowCodec.encode(row, types);
        assertRowEquals(row, decode(bytes, types), types);
        for (int i = 0; i < types.length; i++) {
            assertRowEquals(new Object[] {row[i]}, new Object[] {RowCodec.decodeColumn(bytes, 0, bytes.length, types, i)},
                    new ColumnType[] {types[i]});
        }
    }

    private static Object[] decode(byte[] bytes, ColumnType[] types) {
        byte[] shifted = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, shifted, 3, bytes.length);
        return RowCodec.decode(shifted, 3, bytes.length, types);
    }

    private static void assertRowEquals(Object[] expected, Object[] actual, ColumnType[] types) {
        assertTrue(Arrays.deepEquals(expected, actual),
                () -> Arrays.toString(types) + ": " + Arrays.deepToString(expected) + " came back as " + Arrays.deepToString(actual));
    }

    private static ColumnType[] repeat(ColumnType type, int count) {
        ColumnType[] types = new ColumnType[count];
        Arrays.fill(types, type);
        return types;
    }

    private static void assertInvalid(org.junit.jupiter.api.function.Executable executable, String expected) {
        PersimmonException e = assertThrows(PersimmonException.class, executable);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertCorrupt(byte[] bytes, ColumnType[] types, String expected) {
        PersimmonException e = assertThrows(PersimmonException.class, () -> RowCodec.decode(bytes, 0, bytes.length, types));
        assertEquals(ErrorCode.CORRUPT, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
