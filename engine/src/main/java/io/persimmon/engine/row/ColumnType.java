package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

/**
 * A declared column type: the {@link SqlType} and its parameters. A parameter the type does not
 * take is 0.
 *
 * @param type      the SQL type
 * @param length    maximum length of CHAR/VARCHAR (in characters, i.e. Unicode code points) and
 *                  VARBINARY (in bytes), 1..{@link #MAX_LENGTH}; CHAR values have exactly this length
 * @param precision DECIMAL: total decimal digits, 1..{@link #MAX_DECIMAL_PRECISION};
 *                  TIME and TIMESTAMP: digits of fractional seconds, 0..{@link #MAX_FRACTIONAL_SECONDS}
 * @param scale     DECIMAL: digits after the decimal point, 0..precision
 */
public record ColumnType(SqlType type, int length, int precision, int scale) {
    /** Largest length of a CHAR, VARCHAR or VARBINARY column: a row lives in one version record. */
    public static final int MAX_LENGTH = 1 << 20;
    /** Largest DECIMAL precision: every such unscaled value fits in a signed 128-bit integer. */
    public static final int MAX_DECIMAL_PRECISION = 38;
    /** Largest fractional-second precision of TIME and TIMESTAMP: values are in microseconds. */
    public static final int MAX_FRACTIONAL_SECONDS = 6;

    public static final ColumnType BOOLEAN = new ColumnType(SqlType.BOOLEAN, 0, 0, 0);
    public static final ColumnType SMALLINT = new ColumnType(SqlType.SMALLINT, 0, 0, 0);
    public static final ColumnType INTEGER = new ColumnType(SqlType.INTEGER, 0, 0, 0);
    public static final ColumnType BIGINT = new ColumnType(SqlType.BIGINT, 0, 0, 0);
    public static final ColumnType REAL = new ColumnType(SqlType.REAL, 0, 0, 0);
    public static final ColumnType DOUBLE = new ColumnType(SqlType.DOUBLE, 0, 0, 0);
    public static final ColumnType DATE = new ColumnType(SqlType.DATE, 0, 0, 0);

    public ColumnType {
        if (type == null) {
            throw invalid("a column type needs a SqlType");
        }
        switch (type.parameters()) {
            case NONE -> requireUnused(type, length, precision, scale);
            case LENGTH -> {
                requireUnused(type, 0, precision, scale);
                if (length < 1 || length > MAX_LENGTH) {
                    throw invalid(type + " length must be 1.." + MAX_LENGTH + ", not " + length);
                }
            }
            case PRECISION_AND_SCALE -> {
                requireUnused(type, length, 0, 0);
                if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
                    throw invalid("DECIMAL precision must be 1.." + MAX_DECIMAL_PRECISION + ", not " + precision);
                }
                if (scale < 0 || scale > precision) {
                    throw invalid("DECIMAL(" + precision + ") scale must be 0.." + precision + ", not " + scale);
                }
            }
            case FRACTIONAL_SECONDS -> {
                requireUnused(type, length, 0, scale);
                if (precision < 0 || precision > MAX_FRACTIONAL_SECONDS) {
                    throw invalid(type + " fractional-second precision must be 0.."
                            + MAX_FRACTIONAL_SECONDS + ", not " + precision);
                }
            }
        }
    }

    /** A type without parameters: BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE or DATE. */
    public static ColumnType of(SqlType type) {
        return new ColumnType(type, 0, 0, 0);
    }

    /** {@code DECIMAL(precision, scale)}. */
    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(SqlType.DECIMAL, 0, precision, scale);
    }

    /** {@code CHAR(length)}: SQL's fixed-length CHARACTER. */
    public static ColumnType character(int length) {
        return new ColumnType(SqlType.CHAR, length, 0, 0);
    }

    /** {@code VARCHAR(length)}. */
    public static ColumnType varchar(int length) {
        return new ColumnType(SqlType.VARCHAR, length, 0, 0);
    }

    /** {@code VARBINARY(length)}. */
    public static ColumnType varbinary(int length) {
        return new ColumnType(SqlType.VARBINARY, length, 0, 0);
    }

    /** {@code TIME(fractionalSeconds)}. */
    public static ColumnType time(int fractionalSeconds) {
        return new ColumnType(SqlType.TIME, 0, fractionalSeconds, 0);
    }

    /** {@code TIMESTAMP(fractionalSeconds)}. */
    public static ColumnType timestamp(int fractionalSeconds) {
        return new ColumnType(SqlType.TIMESTAMP, 0, fractionalSeconds, 0);
    }

    /** The type in SQL form: {@code INTEGER}, {@code DECIMAL(12,2)}, {@code VARCHAR(16)}, {@code TIMESTAMP(6)}. */
    @Override
    public String toString() {
        return switch (type.parameters()) {
            case NONE -> type.name();
            case LENGTH -> type.name() + "(" + length + ")";
            case PRECISION_AND_SCALE -> type.name() + "(" + precision + "," + scale + ")";
            case FRACTIONAL_SECONDS -> type.name() + "(" + precision + ")";
        };
    }

    private static void requireUnused(SqlType type, int length, int precision, int scale) {
        if (length != 0 || precision != 0 || scale != 0) {
            throw invalid(type + " takes no such parameter (length " + length + ", precision "
                    + precision + ", scale " + scale + ")");
        }
    }

    private static PersimmonException invalid(String message) {
        return new PersimmonException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
