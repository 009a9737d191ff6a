package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The order-preserving encoding of index keys (layout in {@link KeyLayout}): comparing two
 * encodings as unsigned bytes ({@link #compare}, {@code MemorySegment.mismatch}) orders them as
 * SQL orders the tuples, column by column, each column ascending or descending.
 *
 * <p>The SQL order it implements: NULL is lower than every value (first ascending, last
 * descending); numbers by value, with REAL/DOUBLE -0.0 equal to 0.0 and NaN above +Infinity, and
 * DECIMAL 1.5 equal to 1.50; VARCHAR by Unicode code point (binary collation), a prefix first;
 * CHAR likewise after dropping trailing spaces (as PostgreSQL compares character(n)); VARBINARY
 * by unsigned byte; DATE, TIME and TIMESTAMP chronologically.
 *
 * <p>Values must be in the representation of {@link Values}; {@link #decode} returns them so,
 * except that a REAL/DOUBLE -0.0 comes back as 0.0 (the two are one key).
 */
public final class KeyCodec {
    private static final int SIGN_FLIP_16 = 0x8000;

    private KeyCodec() {}

    /** The key of the whole tuple: {@code values[i]} is the value of {@code columns[i]}. */
    public static byte[] encode(Object[] values, KeyColumn[] columns) {
        if (values.length != columns.length) {
            throw invalid(values.length + " values for " + columns.length + " key columns");
        }
        return encodePrefix(values, columns, columns.length);
    }

    /**
     * A bound no key of {@code columns} exceeds, from their types alone: a tree whose bound is
     * within its longest key needs no check of each key's length. A string takes at most 4 UTF-8
     * bytes a code point, each byte at most 2 once escaped, and a 2-byte terminator.
     */
    public static long maxLength(KeyColumn[] columns) {
        long bound = 0;
        for (KeyColumn c : columns) {
            ColumnType t = c.type();
            bound += 1 + switch (t.type()) {
                case BOOLEAN -> 1;
                case SMALLINT -> 2;
                case INTEGER, DATE, REAL -> 4;
                case BIGINT, TIME, TIMESTAMP, DOUBLE -> 8;
                case DECIMAL -> 3 + (ColumnType.MAX_DECIMAL_PRECISION + 1) / 2;
                case CHAR, VARCHAR -> 8L * t.length() + 2;
                case VARBINARY -> 2L * t.length() + 2;
            };
        }
        return bound;
    }

    /**
     * The encoding of the first {@code count} columns: every key whose first {@code count} columns
     * equal these values starts with it. With {@link #prefixUpperBound} it bounds a prefix scan.
     */
    public static byte[] encodePrefix(Object[] values, KeyColumn[] columns, int count) {
        if (count < 0 || count > values.length || count > columns.length) {
            throw invalid("prefix of " + count + " columns of " + values.length + " values and "
                    + columns.length + " key columns");
        }
        KeyWriter out = new KeyWriter();
        for (int i = 0; i < count; i++) {
            int start = out.position();
            writeColumn(out, values[i], columns[i].type(), i);
            if (columns[i].descending()) {
                out.invertFrom(start);
            }
        }
        return out.toByteArray();
    }

    /**
     * The smallest byte string greater than every key that starts with {@code prefix}: the
     * exclusive end of a prefix scan. Null when there is none (the prefix is empty or all 0xFF):
     * the scan then runs to the end of the index.
     */
    public static byte[] prefixUpperBound(byte[] prefix) {
        int end = prefix.length;
        while (end > 0 && (prefix[end - 1] & KeyLayout.ALL_BITS) == KeyLayout.ALL_BITS) {
            end--;
        }
        if (end == 0) {
            return null;
        }
        byte[] bound = Arrays.copyOf(prefix, end);
        bound[end - 1]++;
        return bound;
    }

    /** Unsigned lexicographic comparison: the order of keys. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /**
     * The values of a key that holds exactly {@code columns}, in the representation of
     * {@link Values} (CHAR padded back to its length, DECIMAL at its column's scale).
     *
     * @throws PersimmonException {@link ErrorCode#CORRUPT} naming the byte, if the key is malformed
     */
    public static Object[] decode(byte[] key, KeyColumn[] columns) {
        KeyReader in = new KeyReader(key);
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            in.setInverted(columns[i].descending());
            int marker = in.readUnsigned();
            if (marker == KeyLayout.VALUE_MARKER) {
                values[i] = readBody(in, columns[i].type());
            } else if (marker != KeyLayout.NULL_MARKER) {
                throw in.corrupt("column " + i + " starts with marker 0x" + Integer.toHexString(marker));
            }
        }
        if (!in.atEnd()) {
            throw in.corrupt((key.length - in.position()) + " bytes after the last column");
        }
        return values;
    }

    /** Most bytes a key of {@code columns} takes: the bound a B+tree sizes its nodes for. */
    public static long maxEncodedLength(KeyColumn... columns) {
        long total = 0;
        for (KeyColumn column : columns) {
            total += KeyLayout.MARKER_SIZE + KeyLayout.maxBodySize(column.type());
        }
        return total;
    }

    // ------------------------------------------------------------------ one column

    private static void writeColumn(KeyWriter out, Object value, ColumnType type, int index) {
        if (value == null) {
            out.writeByte(KeyLayout.NULL_MARKER);
            return;
        }
        if (!type.type().javaClass().isInstance(value)) {
            throw invalid("key column " + index + " " + type + " takes " + type.type().javaClass().getTypeName()
                    + ", not " + value.getClass().getTypeName());
        }
        out.writeByte(KeyLayout.VALUE_MARKER);
        switch (type.type()) {
            case BOOLEAN -> out.writeByte((Boolean) value ? 1 : 0);
            case SMALLINT -> out.writeShort((Short) value ^ SIGN_FLIP_16);
            case INTEGER, DATE -> out.writeInt((Integer) value ^ Integer.MIN_VALUE);
            case BIGINT, TIME, TIMESTAMP -> out.writeLong((Long) value ^ Long.MIN_VALUE);
            case REAL -> out.writeInt(orderedBits((Float) value));
            case DOUBLE -> out.writeLong(orderedBits((Double) value));
            case DECIMAL -> DecimalKeys.write(out, (BigDecimal) value);
            case CHAR -> out.writeEscaped(utf8(Strings.stripPad((String) value), index));
            case VARCHAR -> out.writeEscaped(utf8((String) value, index));
            case VARBINARY -> out.writeEscaped((byte[]) value);
        }
    }

    private static Object readBody(KeyReader in, ColumnType type) {
        return switch (type.type()) {
            case BOOLEAN -> switch (in.readUnsigned()) {
                case 0 -> Boolean.FALSE;
                case 1 -> Boolean.TRUE;
                default -> throw in.corrupt("BOOLEAN byte is neither 0 nor 1");
            };
            case SMALLINT -> (short) (in.readShort() ^ SIGN_FLIP_16);
            case INTEGER, DATE -> in.readInt() ^ Integer.MIN_VALUE;
            case BIGINT, TIME, TIMESTAMP -> in.readLong() ^ Long.MIN_VALUE;
            case REAL -> floatFromOrderedBits(in.readInt());
            case DOUBLE -> doubleFromOrderedBits(in.readLong());
            case DECIMAL -> DecimalKeys.read(in, type.scale());
            case CHAR -> Strings.padTo(new String(in.readEscaped(), StandardCharsets.UTF_8), type.length());
            case VARCHAR -> new String(in.readEscaped(), StandardCharsets.UTF_8);
            case VARBINARY -> in.readEscaped();
        };
    }

    // ------------------------------------------------------------------ floating point

    /** IEEE bits as an unsigned-ordered int: -0.0 is 0.0, NaN canonical and above +Infinity. */
    static int orderedBits(float f) {
        int bits = Float.floatToIntBits(f == 0.0f ? 0.0f : f);
        return bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
    }

    static long orderedBits(double d) {
        long bits = Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    private static float floatFromOrderedBits(int ordered) {
        return Float.intBitsToFloat(ordered < 0 ? ordered ^ Integer.MIN_VALUE : ~ordered);
    }

    private static double doubleFromOrderedBits(long ordered) {
        return Double.longBitsToDouble(ordered < 0 ? ordered ^ Long.MIN_VALUE : ~ordered);
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] utf8(String s, int index) {
        int badAt = Strings.loneSurrogateIndex(s);
        if (badAt >= 0) {
            throw invalid("key column " + index + ": string with a lone surrogate at index " + badAt);
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static PersimmonException invalid(String message) {
        return new PersimmonException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
