package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pmem.PoolLayouts;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The compact encoding of a row inside a version record (layout in {@link RowLayout}): a null
 * bitmap, fixed-width fields at fixed offsets, then length-prefixed variable fields.
 *
 * <p>Rows must hold values already passed through {@link Values#conform}: this codec checks each
 * value's class and that a DECIMAL fits its column, but applies no other rule. Decoding returns
 * exactly the conformed values (REAL/DOUBLE bit for bit, CHAR padded to its length).
 */
public final class RowCodec {
    private RowCodec() {}

    /** The encoding of {@code row}, whose {@code row[i]} is a value of {@code types[i]} or null. */
    public static byte[] encode(Object[] row, ColumnType[] types) {
        if (row.length != types.length) {
            throw invalid(row.length + " values for " + types.length + " column types");
        }
        RowLayout layout = RowLayout.of(types, types.length);
        byte[][] variable = new byte[row.length][];
        int size = layout.variableOffset;
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null) {
                requireClass(row[i], types[i], i);
                if (layout.fixedOffset[i] == RowLayout.VARIABLE) {
                    variable[i] = variableBytes(row[i], types[i]);
                    size = Math.addExact(size, Leb128.size(variable[i].length) + variable[i].length);
                }
            }
        }
        byte[] bytes = new byte[size];
        MemorySegment out = MemorySegment.ofArray(bytes);
        out.set(PoolLayouts.SHORT_UNALIGNED, RowLayout.COUNT_OFFSET, (short) row.length);
        int position = layout.variableOffset;
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                int bit = RowLayout.BITMAP_OFFSET + i / Byte.SIZE;
                bytes[bit] |= (byte) (1 << (i % Byte.SIZE));
            } else if (variable[i] == null) {
                writeFixed(out, layout.fixedOffset[i], row[i], types[i], i);
            } else {
                position = writeLength(bytes, position, variable[i].length);
                System.arraycopy(variable[i], 0, bytes, position, variable[i].length);
                position += variable[i].length;
            }
        }
        return bytes;
    }

    /** The number of columns the row at {@code offset} was written with (columns added since read as their default). */
    public static int columnCount(MemorySegment segment, long offset) {
        return Short.toUnsignedInt(segment.get(PoolLayouts.SHORT_UNALIGNED, offset + RowLayout.COUNT_OFFSET));
    }

    /** The row encoded in {@code bytes[offset, offset + length)}; see {@link #decode(MemorySegment, long, long, ColumnType[])}. */
    public static Object[] decode(byte[] bytes, int offset, int length, ColumnType[] types) {
        return decode(MemorySegment.ofArray(bytes), offset, length, types);
    }

    /**
     * The row encoded in {@code segment[offset, offset + length)}, read with the table's current
     * {@code types}: columns the row was written without (added later) are NULL.
     *
     * @throws PersimmonException {@link ErrorCode#CORRUPT} naming the offset in the segment (the
     *     pool offset when the segment is the pool) if the bytes are not a row of these types
     */
    public static Object[] decode(MemorySegment segment, long offset, long length, ColumnType[] types) {
        return decode(segment, offset, length, types, null);
    }

    /**
     * The columns {@code selected} of the row in {@code segment[offset, offset + length)}, the
     * others left NULL without being decoded (a variable field not selected is skipped by its
     * length, so no String, BigDecimal or byte array is built for it). {@code selected} is indexed
     * by column; null selects every column, a column past its end is not selected. The row's
     * structure is checked as a whole decode checks it.
     */
    public static Object[] decode(MemorySegment segment, long offset, long length, ColumnType[] types,
                                  boolean[] selected) {
        RowReader reader = new RowReader(segment, offset, length, types);
        Object[] row = new Object[types.length];
        long position = reader.layout().variableOffset;
        for (int i = 0; i < reader.layout().columnCount; i++) {
            if (reader.isNull(i)) {
                continue;
            }
            boolean wanted = selected == null || i < selected.length && selected[i];
            int fixed = reader.layout().fixedOffset[i];
            if (fixed != RowLayout.VARIABLE) {
                if (wanted) {
                    row[i] = reader.readFixed(fixed, types[i]);
                }
            } else {
                if (wanted) {
                    row[i] = reader.readVariable(position, types[i]);
                }
                position = reader.skipVariable(position);
            }
        }
        reader.requireEnd(position);
        return row;
    }

    /** Column {@code column} of the row in {@code bytes[offset, offset + length)}, the others left encoded. */
    public static Object decodeColumn(byte[] bytes, int offset, int length, ColumnType[] types, int column) {
        return decodeColumn(MemorySegment.ofArray(bytes), offset, length, types, column);
    }

    /**
     * Column {@code column} of the row in {@code segment[offset, offset + length)}, without
     * decoding the others: a fixed-width column is read at its offset, a variable one after
     * skipping the lengths of the variable columns before it.
     */
    public static Object decodeColumn(MemorySegment segment, long offset, long length, ColumnType[] types,
                                      int column) {
        if (column < 0 || column >= types.length) {
            throw invalid("column " + column + " of a row of " + types.length + " columns");
        }
        RowReader reader = new RowReader(segment, offset, length, types);
        if (column >= reader.layout().columnCount || reader.isNull(column)) {
            return null;
        }
        int fixed = reader.layout().fixedOffset[column];
        if (fixed != RowLayout.VARIABLE) {
            return reader.readFixed(fixed, types[column]);
        }
        long position = reader.layout().variableOffset;
        for (int i = 0; i < column; i++) {
            if (reader.layout().fixedOffset[i] == RowLayout.VARIABLE && !reader.isNull(i)) {
                position = reader.skipVariable(position);
            }
        }
        return reader.readVariable(position, types[column]);
    }

    // ------------------------------------------------------------------ writing

    private static void writeFixed(MemorySegment out, int at, Object value, ColumnType type, int index) {
        switch (type.type()) {
            case BOOLEAN -> out.set(PoolLayouts.BYTE, at, (byte) ((Boolean) value ? 1 : 0));
            case SMALLINT -> out.set(PoolLayouts.SHORT_UNALIGNED, at, (Short) value);
            case INTEGER, DATE -> out.set(PoolLayouts.INT_UNALIGNED, at, (Integer) value);
            case BIGINT, TIME, TIMESTAMP -> out.set(PoolLayouts.LONG_UNALIGNED, at, (Long) value);
            case REAL -> out.set(PoolLayouts.INT_UNALIGNED, at, Float.floatToRawIntBits((Float) value));
            case DOUBLE -> out.set(PoolLayouts.LONG_UNALIGNED, at, Double.doubleToRawLongBits((Double) value));
            case DECIMAL -> writeDecimal(out, at, unscaled((BigDecimal) value, type, index), type);
            case CHAR, VARCHAR, VARBINARY -> throw new AssertionError(type + " is not fixed-width");
        }
    }

    private static void writeDecimal(MemorySegment out, int at, BigInteger unscaled, ColumnType type) {
        switch (RowLayout.fixedWidth(type)) {
            case Integer.BYTES -> out.set(PoolLayouts.INT_UNALIGNED, at, unscaled.intValue());
            case Long.BYTES -> out.set(PoolLayouts.LONG_UNALIGNED, at, unscaled.longValue());
            default -> {
                out.set(PoolLayouts.LONG_UNALIGNED, at, unscaled.longValue());
                out.set(PoolLayouts.LONG_UNALIGNED, at + Long.BYTES, unscaled.shiftRight(Long.SIZE).longValue());
            }
        }
    }

    /** The unscaled value of a DECIMAL at its column's scale; refuses one that was not conformed. */
    private static BigInteger unscaled(BigDecimal value, ColumnType type, int index) {
        BigDecimal atScale;
        try {
            atScale = value.setScale(type.scale());
        } catch (ArithmeticException e) {
            throw invalid("column " + index + " " + type + ": " + value + " has more digits after the point"
                    + " (pass it through Values.conform first)");
        }
        if (atScale.precision() > type.precision()) {
            throw invalid("column " + index + " " + type + ": " + value + " has too many digits"
                    + " (pass it through Values.conform first)");
        }
        return atScale.unscaledValue();
    }

    private static byte[] variableBytes(Object value, ColumnType type) {
        return switch (type.type()) {
            case CHAR -> Strings.stripPad((String) value).getBytes(StandardCharsets.UTF_8);
            case VARCHAR -> ((String) value).getBytes(StandardCharsets.UTF_8);
            default -> (byte[]) value;
        };
    }

    private static int writeLength(byte[] bytes, int position, int length) {
        int rest = length;
        while (rest > Leb128.PAYLOAD_BITS) {
            bytes[position++] = (byte) ((rest & Leb128.PAYLOAD_BITS) | Leb128.CONTINUATION);
            rest >>>= Leb128.BITS_PER_BYTE;
        }
        bytes[position++] = (byte) rest;
        return position;
    }

    private static void requireClass(Object value, ColumnType type, int index) {
        if (!type.type().javaClass().isInstance(value)) {
            throw invalid("column " + index + " " + type + " takes " + type.type().javaClass().getTypeName()
                    + ", not " + value.getClass().getTypeName());
        }
    }

    private static PersimmonException invalid(String message) {
        return new PersimmonException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
