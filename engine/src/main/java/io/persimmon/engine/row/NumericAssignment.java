package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Assignment of a Java number to a SMALLINT, INTEGER, BIGINT, DECIMAL, REAL or DOUBLE column. */
final class NumericAssignment {
    /** Decimal digits of Long.MAX_VALUE: more integer digits than this can never fit a BIGINT. */
    private static final int LONG_DIGITS = 19;
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final String NUMBER_CLASSES =
            "a Byte, Short, Integer, Long, BigInteger, BigDecimal, Float or Double";

    private NumericAssignment() {}

    /** The Short, Integer or Long stored for {@code value} in an integer column. */
    static Object toInteger(AssignmentTarget target, Object value) {
        SqlType column = target.type().type();
        if (column == SqlType.INTEGER ? value instanceof Integer
                : column == SqlType.BIGINT ? value instanceof Long : value instanceof Short) {
            return value; // already the column's type: in range, and its box is kept rather than made anew
        }
        long v = integral(target, value);
        return switch (target.type().type()) {
            case SMALLINT -> {
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw outOfRange(target, value);
                }
                yield (short) v;
            }
            case INTEGER -> {
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw outOfRange(target, value);
                }
                yield (int) v;
            }
            default -> v;
        };
    }

    /** The BigDecimal stored for {@code value}: rounded half up to the column's scale. */
    static BigDecimal toDecimal(AssignmentTarget target, Object value) {
        ColumnType type = target.type();
        BigDecimal rounded = roundHalfUp(exact(target, value), type.scale(), type.precision() - type.scale());
        if (rounded == null) {
            throw outOfRange(target, value);
        }
        return rounded;
    }

    /** The Float (REAL) or Double (DOUBLE) stored for {@code value}, rounded to nearest. */
    static Object toFloatingPoint(AssignmentTarget target, Object value) {
        if (!isKnownNumber(value)) {
            throw target.wrongClass(value, NUMBER_CLASSES);
        }
        // Each class rounds its own value to nearest: a Long, BigInteger or BigDecimal goes straight
        // to float, not through double, which could round twice.
        Number number = (Number) value;
        if (target.type().type() == SqlType.REAL) {
            float f = number.floatValue();
            if (Float.isInfinite(f) && isFinite(number)) {
                throw outOfRange(target, value);
            }
            return f;
        }
        double d = number.doubleValue();
        if (Double.isInfinite(d) && isFinite(number)) {
            throw outOfRange(target, value);
        }
        return d;
    }

    /**
     * {@code v} rounded half up to {@code scale}, or null when it has more than
     * {@code maxIntegerDigits} digits before the point. Cheap even for absurd exponents.
     */
    static BigDecimal roundHalfUp(BigDecimal v, int scale, int maxIntegerDigits) {
        long integerDigits = (long) v.precision() - v.scale(); // |v| < 10^integerDigits
        if (v.signum() == 0 || integerDigits < -scale) {
            return BigDecimal.valueOf(0, scale); // |v| < 10^-(scale+1): rounds to zero
        }
        if (integerDigits > maxIntegerDigits) {
            return null;
        }
        BigDecimal rounded = v.setScale(scale, RoundingMode.HALF_UP);
        if (rounded.signum() != 0 && (long) rounded.precision() - rounded.scale() > maxIntegerDigits) {
            return null; // rounding carried into a new integer digit: 99.996 -> 100.00
        }
        return rounded;
    }

    private static long integral(AssignmentTarget target, Object value) {
        switch (value) {
            case Byte b -> { return b; }
            case Short s -> { return s; }
            case Integer i -> { return i; }
            case Long l -> { return l; }
            default -> {
                BigDecimal rounded = roundHalfUp(exact(target, value), 0, LONG_DIGITS);
                if (rounded == null || rounded.compareTo(LONG_MIN) < 0 || rounded.compareTo(LONG_MAX) > 0) {
                    throw outOfRange(target, value);
                }
                return rounded.longValueExact();
            }
        }
    }

    /** The exact decimal value of a Java number; Float and Double by their shortest decimal string. */
    private static BigDecimal exact(AssignmentTarget target, Object value) {
        return switch (value) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case Double d -> {
                if (!Double.isFinite(d)) {
                    throw outOfRange(target, value);
                }
                yield BigDecimal.valueOf(d);
            }
            case Float f -> {
                if (!Float.isFinite(f)) {
                    throw outOfRange(target, value);
                }
                yield new BigDecimal(Float.toString(f));
            }
            default -> throw target.wrongClass(value, NUMBER_CLASSES);
        };
    }

    private static boolean isKnownNumber(Object value) {
        return value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
                || value instanceof BigInteger || value instanceof BigDecimal
                || value instanceof Float || value instanceof Double;
    }

    private static boolean isFinite(Number number) {
        return switch (number) {
            case Float f -> Float.isFinite(f);
            case Double d -> Double.isFinite(d);
            default -> true;
        };
    }

    private static PersimmonException outOfRange(AssignmentTarget target, Object value) {
        return target.fail(ErrorCode.NUMERIC_OUT_OF_RANGE, "value out of range", value);
    }
}
