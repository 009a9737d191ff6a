package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

/**
 * Layout of an encoded row, the payload of a version record. Little-endian, unaligned, like the
 * rest of the pool. A fixed-width column has a fixed offset (computed from the column types), so
 * reading one needs no scan; a variable-width column is found by skipping the lengths before it.
 *
 * <pre>
 * offset          size        field
 *      0             2        column count n (unsigned): the row was written with n columns
 *      2       ceil(n/8)      null bitmap: bit (i % 8) of byte (i / 8) is set when column i is NULL
 *      B             F        fixed-width fields of the fixed-width columns, in column order
 *                             (zero bytes when NULL); B = 2 + ceil(n/8), F = sum of their widths
 *  B + F          rest        variable-width fields of the non-NULL variable-width columns, in
 *                             column order: length as unsigned LEB128, then that many bytes
 * </pre>
 *
 * <pre>
 * type          width  field
 * BOOLEAN           1  0 or 1
 * SMALLINT          2  the value
 * INTEGER, DATE     4  the value
 * BIGINT, TIME,
 *   TIMESTAMP       8  the value
 * REAL              4  IEEE 754 bits as stored (-0.0 and NaN payloads kept)
 * DOUBLE            8  IEEE 754 bits as stored
 * DECIMAL(p,s)  4/8/16 unscaled value at scale s, two's complement: 4 bytes for p &lt;= 9,
 *                      8 for p &lt;= 18, 16 (low 8 bytes first) for p &lt;= 38
 * CHAR(n)    variable  UTF-8 without the trailing spaces (padded back to n when read)
 * VARCHAR(n) variable  UTF-8
 * VARBINARY  variable  the bytes
 * </pre>
 *
 * A row written with fewer columns than the table now has (columns added since) reads its missing
 * columns as NULL.
 */
final class RowLayout {
    /** Offset of the column count. */
    static final int COUNT_OFFSET = 0;
    /** Bytes of the column count. */
    static final int COUNT_SIZE = 2;
    /** Offset of the null bitmap. */
    static final int BITMAP_OFFSET = COUNT_OFFSET + COUNT_SIZE;
    /** Most columns a row holds: the count is an unsigned 16-bit number. */
    static final int MAX_COLUMNS = 0xFFFF;
    /** Largest DECIMAL precision stored in 4 bytes (10^9 - 1 fits an int). */
    static final int DECIMAL_INT_PRECISION = 9;
    /** Largest DECIMAL precision stored in 8 bytes (10^18 - 1 fits a long). */
    static final int DECIMAL_LONG_PRECISION = 18;
    /** Bytes of a DECIMAL wider than DECIMAL_LONG_PRECISION: 10^38 - 1 fits 128 bits. */
    static final int DECIMAL_WIDE_SIZE = 16;
    /** Width recorded for a variable-width column. */
    static final int VARIABLE = -1;

    /** Number of columns this layout is for. */
    final int columnCount;
    /** Bytes of the null bitmap. */
    final int bitmapSize;
    /** Offset of each column's fixed-width field, or VARIABLE. */
    final int[] fixedOffset;
    /** Offset of the first variable-width field. */
    final int variableOffset;

    private RowLayout(ColumnType[] types, int columnCount) {
        this.columnCount = columnCount;
        this.bitmapSize = bitmapSize(columnCount);
        this.fixedOffset = new int[columnCount];
        int offset = BITMAP_OFFSET + bitmapSize;
        for (int i = 0; i < columnCount; i++) {
            int width = fixedWidth(types[i]);
            fixedOffset[i] = width == VARIABLE ? VARIABLE : offset;
            offset += width == VARIABLE ? 0 : width;
        }
        this.variableOffset = offset;
    }

    /** The layout of a row of {@code columnCount} columns, the first ones of {@code types}. */
    static RowLayout of(ColumnType[] types, int columnCount) {
        if (columnCount > types.length || columnCount > MAX_COLUMNS) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "a row of " + columnCount
                    + " columns read with " + types.length + " column types (at most " + MAX_COLUMNS + ")");
        }
        int slot = System.identityHashCode(types) & (CACHE_SIZE - 1);
        Cached cached = CACHE[slot];
        if (cached != null && cached.types == types && cached.layout.columnCount == columnCount) {
            return cached.layout;
        }
        RowLayout layout = new RowLayout(types, columnCount);
        CACHE[slot] = new Cached(types, layout);
        return layout;
    }

    /**
     * Layouts computed lately, by the identity of the types array (a table's shape keeps one for
     * its life): a direct-mapped cache, so that reading or writing a row does not compute the
     * offsets again. Entries are immutable and replaced whole, so a racy read sees a whole entry or
     * null; a miss only computes the layout.
     */
    private static final int CACHE_SIZE = 256;
    private static final Cached[] CACHE = new Cached[CACHE_SIZE];

    private record Cached(ColumnType[] types, RowLayout layout) {
    }

    static int bitmapSize(int columnCount) {
        return (columnCount + Byte.SIZE - 1) / Byte.SIZE;
    }

    /** Bytes of a fixed-width field of {@code type}, or VARIABLE. */
    static int fixedWidth(ColumnType type) {
        return switch (type.type()) {
            case BOOLEAN -> Byte.BYTES;
            case SMALLINT -> Short.BYTES;
            case INTEGER, DATE -> Integer.BYTES;
            case BIGINT, TIME, TIMESTAMP -> Long.BYTES;
            case REAL -> Float.BYTES;
            case DOUBLE -> Double.BYTES;
            case DECIMAL -> type.precision() <= DECIMAL_INT_PRECISION ? Integer.BYTES
                    : type.precision() <= DECIMAL_LONG_PRECISION ? Long.BYTES : DECIMAL_WIDE_SIZE;
            case CHAR, VARCHAR, VARBINARY -> VARIABLE;
        };
    }
}
