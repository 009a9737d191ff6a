package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pmem.PoolLayouts;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one encoded row in a segment, checking every read against the row's
 * bounds: a row that does not fit its types is reported as corrupt with its offset.
 */
final class RowReader {
    private static final int BYTE_MASK = 0xFF;
    private static final int UNSIGNED_SHORT_MASK = 0xFFFF;

    private final MemorySegment segment;
    private final long base;
    private final long length;
    private final RowLayout layout;

    RowReader(MemorySegment segment, long base, long length, ColumnType[] types) {
        this.segment = segment;
        this.base = base;
        this.length = length;
        if (base < 0 || length < 0 || base > segment.byteSize() - length) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "row [" + base + ", +" + length
                    + ") is outside the segment of " + segment.byteSize() + " bytes");
        }
        require(RowLayout.COUNT_OFFSET, RowLayout.COUNT_SIZE, "column count");
        int count = segment.get(PoolLayouts.SHORT_UNALIGNED, base + RowLayout.COUNT_OFFSET) & UNSIGNED_SHORT_MASK;
        if (count > types.length) {
            throw corrupt(RowLayout.COUNT_OFFSET, "the row has " + count + " columns, its table " + types.length);
        }
        this.layout = RowLayout.of(types, count);
        require(RowLayout.BITMAP_OFFSET, layout.variableOffset - RowLayout.BITMAP_OFFSET, "null bitmap and fixed fields");
    }

    RowLayout layout() {
        return layout;
    }

    boolean isNull(int column) {
        int bits = segment.get(PoolLayouts.BYTE, base + RowLayout.BITMAP_OFFSET + column / Byte.SIZE);
        return (bits & (1 << (column % Byte.SIZE))) != 0;
    }

    Object readFixed(int at, ColumnType type) {
        long address = base + at;
        return switch (type.type()) {
            case BOOLEAN -> switch (segment.get(PoolLayouts.BYTE, address)) {
                case 0 -> Boolean.FALSE;
                case 1 -> Boolean.TRUE;
                default -> throw corrupt(at, "BOOLEAN byte is neither 0 nor 1");
            };
            case SMALLINT -> segment.get(PoolLayouts.SHORT_UNALIGNED, address);
            case INTEGER, DATE -> segment.get(PoolLayouts.INT_UNALIGNED, address);
            case BIGINT, TIME, TIMESTAMP -> segment.get(PoolLayouts.LONG_UNALIGNED, address);
            case REAL -> Float.intBitsToFloat(segment.get(PoolLayouts.INT_UNALIGNED, address));
            case DOUBLE -> Double.longBitsToDouble(segment.get(PoolLayouts.LONG_UNALIGNED, address));
            case DECIMAL -> new BigDecimal(readUnscaled(address, type), type.scale());
            case CHAR, VARCHAR, VARBINARY -> throw new AssertionError(type + " is not fixed-width");
        };
    }

    /** The variable field that starts at row offset {@code at}. */
    Object readVariable(long at, ColumnType type) {
        long length = readLength(at);
        long start = at + Leb128.size((int) length);
        if (at < 0 || length < 0 || start > this.length - length) { // the message only when it is needed
            require(at, start - at + length, type + " field");
        }
        byte[] bytes = new byte[(int) length];
        MemorySegment.copy(segment, PoolLayouts.BYTE, base + start, bytes, 0, bytes.length);
        return switch (type.type()) {
            case CHAR -> Strings.padTo(new String(bytes, StandardCharsets.UTF_8), type.length());
            case VARCHAR -> new String(bytes, StandardCharsets.UTF_8);
            default -> bytes;
        };
    }

    /** Row offset of the field after the variable field at {@code at}. */
    long skipVariable(long at) {
        long length = readLength(at);
        long end = at + Leb128.size((int) length) + length;
        require(at, end - at, "variable field");
        return end;
    }

    /** Checks that the row ends at {@code end}, after its last field. */
    void requireEnd(long end) {
        if (end != length) {
            throw corrupt(end, (length - end) + " bytes after the last field of a row of " + length + " bytes");
        }
    }

    private BigInteger readUnscaled(long address, ColumnType type) {
        return switch (RowLayout.fixedWidth(type)) {
            case Integer.BYTES -> BigInteger.valueOf(segment.get(PoolLayouts.INT_UNALIGNED, address));
            case Long.BYTES -> BigInteger.valueOf(segment.get(PoolLayouts.LONG_UNALIGNED, address));
            default -> {
                long low = segment.get(PoolLayouts.LONG_UNALIGNED, address);
                long high = segment.get(PoolLayouts.LONG_UNALIGNED, address + Long.BYTES);
                byte[] bigEndian = new byte[RowLayout.DECIMAL_WIDE_SIZE];
                for (int i = 0; i < Long.BYTES; i++) {
                    bigEndian[i] = (byte) (high >>> (Long.SIZE - Byte.SIZE * (i + 1)));
                    bigEndian[Long.BYTES + i] = (byte) (low >>> (Long.SIZE - Byte.SIZE * (i + 1)));
                }
                yield new BigInteger(bigEndian);
            }
        };
    }

    /** The LEB128 length at row offset {@code at}. */
    private long readLength(long at) {
        long value = 0;
        for (int i = 0; i < Leb128.MAX_INT_BYTES; i++) {
            require(at + i, 1, "field length");
            int b = segment.get(PoolLayouts.BYTE, base + at + i) & BYTE_MASK;
            value |= (long) (b & Leb128.PAYLOAD_BITS) << (Leb128.BITS_PER_BYTE * i);
            if ((b & Leb128.CONTINUATION) == 0) {
                if (value > Integer.MAX_VALUE || Leb128.size((int) value) != i + 1) {
                    throw corrupt(at, "field length is not a minimal LEB128 int");
                }
                return value;
            }
        }
        throw corrupt(at, "field length longer than " + Leb128.MAX_INT_BYTES + " bytes");
    }

    private void require(long at, long size, String what) {
        if (at < 0 || size < 0 || at > length - size) {
            throw corrupt(at, what + " of " + size + " bytes runs past the end of a row of " + length + " bytes");
        }
    }

    private PersimmonException corrupt(long at, String what) {
        return new PersimmonException(ErrorCode.CORRUPT,
                "corrupt row at offset " + base + ", byte " + at + " (offset " + (base + at) + "): " + what);
    }
}
