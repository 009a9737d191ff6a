package io.persimmon.sql.exec;

import io.persimmon.engine.row.SqlType;
import io.persimmon.sql.PersimmonErrors;

import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Values in their three representations: the engine's ({@link io.persimmon.engine.row.Values}),
 * Calcite's inside generated code (DATE int days, TIME int milliseconds of the day, TIMESTAMP long
 * milliseconds since 1970-01-01 read as UTC, VARBINARY {@link ByteString}) and the API's
 * ({@link io.persimmon.sql.api}). No conversion reads the JVM's time zone.
 */
public final class PersimmonValues {
    private static final long MICROS_PER_MILLI = 1000;

    private PersimmonValues() {}

    /** An engine value as Calcite's generated code expects it. */
    public static Object engineToCalcite(Object v, SqlType t) {
        if (v == null) {
            return null;
        }
        return switch (t) {
            case TIME -> (int) Math.floorDiv((Long) v, MICROS_PER_MILLI);
            case TIMESTAMP -> Math.floorDiv((Long) v, MICROS_PER_MILLI);
            case VARBINARY -> new ByteString((byte[]) v);
            default -> v;
        };
    }

    /** A value from Calcite's generated code as the engine takes it for a column of type {@code t}. */
    public static Object calciteToEngine(Object v, SqlType t) {
        if (v == null) {
            return null;
        }
        return switch (t) {
            case TIME, TIMESTAMP -> ((Number) v).longValue() * MICROS_PER_MILLI;
            case DATE -> ((Number) v).intValue();
            case VARBINARY -> v instanceof ByteString b ? b.getBytes() : v;
            case CHAR, VARCHAR -> v.toString();
            default -> v;
        };
    }

    /** A result value from Calcite's generated code in the API's class for the column's type. */
    public static Object calciteToApi(Object v, RelDataType type) {
        if (v == null) {
            return null;
        }
        return switch (type.getSqlTypeName()) {
            case DATE -> LocalDate.ofEpochDay(((Number) v).longValue());
            case TIME -> LocalTime.ofNanoOfDay(Math.floorMod(((Number) v).longValue(), 86_400_000L) * 1_000_000L);
            case TIMESTAMP -> {
                long ms = ((Number) v).longValue();
                yield LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), Math.floorMod(ms, 1000) * 1_000_000,
                        ZoneOffset.UTC);
            }
            case BINARY, VARBINARY -> v instanceof ByteString b ? b.getBytes() : v;
            case TINYINT, SMALLINT -> ((Number) v).shortValue();
            case INTEGER -> ((Number) v).intValue();
            case BIGINT -> ((Number) v).longValue();
            case REAL -> ((Number) v).floatValue();
            case FLOAT, DOUBLE -> ((Number) v).doubleValue();
            case DECIMAL -> v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
            case CHAR, VARCHAR -> v.toString();
            default -> v;
        };
    }

    /** A parameter value from the API (any Number, String or java.sql date/time too) in Calcite's class. */
    public static Object apiToCalcite(Object v, RelDataType type) throws SQLException {
        if (v == null) {
            return null;
        }
        try {
            return switch (type.getSqlTypeName()) {
                case BOOLEAN -> v instanceof Boolean ? v : v instanceof Number n ? n.doubleValue() != 0
                        : Boolean.parseBoolean(v.toString().trim());
                case TINYINT -> (byte) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
                case SMALLINT -> (short) integral(v, Short.MIN_VALUE, Short.MAX_VALUE);
                case INTEGER -> (int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case BIGINT -> integral(v, Long.MIN_VALUE, Long.MAX_VALUE);
                case DECIMAL -> decimal(v);
                case REAL -> (float) approximate(v, true);
                case FLOAT, DOUBLE -> approximate(v, false);
                case CHAR, VARCHAR -> v.toString();
                case BINARY, VARBINARY -> v instanceof byte[] b ? new ByteString(b) : v;
                case DATE -> (int) date(v).toEpochDay();
                case TIME -> (int) (time(v).toNanoOfDay() / 1_000_000L);
                case TIMESTAMP -> timestamp(v).toInstant(ZoneOffset.UTC).toEpochMilli();
                default -> v;
            };
        } catch (RuntimeException e) {
            throw PersimmonErrors.of("22018", "cannot use " + v + " (" + v.getClass().getSimpleName()
                    + ") as a value of type " + type.getFullTypeString());
        }
    }

    private static long integral(Object v, long min, long max) throws SQLException {
        BigDecimal d = decimal(v).setScale(0, RoundingMode.HALF_UP);
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw PersimmonErrors.of("22003", "value " + v + " is out of range");
        }
        return d.longValue();
    }

    /**
     * {@code v} as a double, or as a float if {@code real}: a finite value too large for it is
     * 22003 (it would become an infinity), as the engine has it for a column of that type.
     */
    private static double approximate(Object v, boolean real) throws SQLException {
        double d = real ? (v instanceof Number n ? n.floatValue() : Float.parseFloat(v.toString().trim()))
                : v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
        boolean infinite = v instanceof Double x ? x.isInfinite() : v instanceof Float x ? x.isInfinite()
                : !(v instanceof Number) && v.toString().contains("Infinity");
        if (Double.isInfinite(d) && !infinite) {
            throw PersimmonErrors.of("22003", "value " + v + " is out of range for " + (real ? "REAL" : "DOUBLE"));
        }
        return d;
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue());
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return new BigDecimal(v.toString().trim());
    }

    private static LocalDate date(Object v) {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toLocalDate();
        }
        return LocalDate.parse(v.toString().trim());
    }

    private static LocalTime time(Object v) {
        if (v instanceof LocalTime t) {
            return t;
        }
        if (v instanceof java.sql.Time t) {
            return t.toLocalTime();
        }
        if (v instanceof LocalDateTime t) {
            return t.toLocalTime();
        }
        return LocalTime.parse(v.toString().trim());
    }

    private static LocalDateTime timestamp(Object v) {
        if (v instanceof LocalDateTime t) {
            return t;
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay();
        }
        return LocalDateTime.parse(v.toString().trim().replace(' ', 'T'));
    }
}
