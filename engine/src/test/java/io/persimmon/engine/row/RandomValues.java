package io.persimmon.engine.row;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

/**
 * Seeded random column types and values in the stored representation, biased towards extremes,
 * ties, shared prefixes and awkward bytes (0x00, 0xFF, non-ASCII, surrogate pairs).
 */
final class RandomValues {
    /** Pieces strings are built from: NUL, control, space, the UTF-8 length boundaries, U+FFFF, a
     *  supplementary character (UTF-16 order differs from code point order against U+E000). */
    private static final String[] PIECES = {
        "", "a", "b", "ab", "\0", "\t", " ", "\u007f", "\u0080", "\u00e9", "\u07ff", "\u0800",
        "\ue000", "\uffff", "\ud834\udd1e", "\udbff\udfff"
    };
    private static final byte[] BYTES = {0x00, 0x01, 0x20, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};
    private static final float[] FLOATS = {
        Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0.0f, -0.0f, Float.MIN_VALUE,
        -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1.0f, -1.0f, 1.5f, Float.intBitsToFloat(0x7fc00001)
    };
    private static final double[] DOUBLES = {
        Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -0.0, Double.MIN_VALUE,
        -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0, 1.5, Double.longBitsToDouble(0xfff0000000000001L)
    };
    private static final int MAX_STRING_PIECES = 4;
    private static final int CHAR_LENGTH = 10;
    private static final int MAX_BINARY = 6;
    private static final double NULL_CHANCE = 0.15;

    private final Random random;

    RandomValues(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    ColumnType type() {
        SqlType t = SqlType.values()[random.nextInt(SqlType.values().length)];
        return switch (t) {
            case DECIMAL -> {
                int precision = 1 + random.nextInt(ColumnType.MAX_DECIMAL_PRECISION);
                yield ColumnType.decimal(precision, random.nextInt(precision + 1));
            }
            case CHAR -> ColumnType.character(CHAR_LENGTH);
            case VARCHAR -> ColumnType.varchar(MAX_STRING_PIECES * 2);
            case VARBINARY -> ColumnType.varbinary(MAX_BINARY);
            case TIME -> ColumnType.time(ColumnType.MAX_FRACTIONAL_SECONDS);
            case TIMESTAMP -> ColumnType.timestamp(ColumnType.MAX_FRACTIONAL_SECONDS);
            default -> ColumnType.of(t);
        };
    }

    KeyColumn[] keyColumns(int count) {
        KeyColumn[] columns = new KeyColumn[count];
        for (int i = 0; i < count; i++) {
            columns[i] = new KeyColumn(type(), random.nextBoolean());
        }
        return columns;
    }

    Object[] tuple(KeyColumn[] columns) {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = valueOrNull(columns[i].type());
        }
        return values;
    }

    Object valueOrNull(ColumnType type) {
        return random.nextDouble() < NULL_CHANCE ? null : value(type);
    }

    /** A non-NULL value of {@code type}, as {@link Values#conform} would store it. */
    Object value(ColumnType type) {
        return switch (type.type()) {
            case BOOLEAN -> random.nextBoolean();
            case SMALLINT -> (short) pick(Short.MIN_VALUE, Short.MAX_VALUE, random.nextInt());
            case INTEGER, DATE -> (int) pick(Integer.MIN_VALUE, Integer.MAX_VALUE, random.nextInt());
            case BIGINT, TIMESTAMP -> pick(Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong());
            case TIME -> Math.floorMod(pick(0, 0, random.nextLong()), TemporalAssignment.MICROS_PER_DAY);
            case DECIMAL -> decimal(type);
            case REAL -> random.nextInt(3) == 0 ? Float.intBitsToFloat(random.nextInt())
                    : FLOATS[random.nextInt(FLOATS.length)];
            case DOUBLE -> random.nextInt(3) == 0 ? Double.longBitsToDouble(random.nextLong())
                    : DOUBLES[random.nextInt(DOUBLES.length)];
            case VARCHAR -> string();
            case CHAR -> {
                String s = string();
                yield s + " ".repeat(type.length() - s.codePointCount(0, s.length()));
            }
            case VARBINARY -> {
                byte[] b = new byte[random.nextInt(type.length() + 1)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = BYTES[random.nextInt(BYTES.length)];
                }
                yield b;
            }
        };
    }

    /** One of the extremes, a small number (ties), or anything. */
    private long pick(long min, long max, long any) {
        return switch (random.nextInt(6)) {
            case 0 -> min;
            case 1 -> max;
            case 2, 3 -> random.nextInt(5) - 2;
            default -> any;
        };
    }

    private BigDecimal decimal(ColumnType type) {
        int precision = type.precision();
        BigInteger unscaled = switch (random.nextInt(5)) {
            case 0 -> BigInteger.TEN.pow(precision).subtract(BigInteger.ONE); // largest
            case 1 -> BigInteger.valueOf(random.nextInt(5) - 2);             // ties around zero
            case 2 -> BigInteger.valueOf(random.nextInt(3) + 1).multiply(    // trailing zeros
                    BigInteger.TEN.pow(random.nextInt(precision)));
            default -> new BigInteger(digits(1 + random.nextInt(precision)));
        };
        if (unscaled.toString().length() > precision) {
            unscaled = BigInteger.ONE;
        }
        return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), type.scale());
    }

    private String digits(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    private String string() {
        StringBuilder s = new StringBuilder();
        int pieces = random.nextInt(MAX_STRING_PIECES + 1);
        for (int i = 0; i < pieces; i++) {
            String piece = PIECES[random.nextInt(PIECES.length)];
            if (s.codePointCount(0, s.length()) + piece.codePointCount(0, piece.length()) <= MAX_STRING_PIECES * 2) {
                s.append(piece);
            }
        }
        return s.toString();
    }
}
