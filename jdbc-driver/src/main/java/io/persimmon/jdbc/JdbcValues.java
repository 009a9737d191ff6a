package io.persimmon.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The conversions of JDBC values, both ways. Values from and to the SQL layer are of one class per
 * SQL type (see {@link io.persimmon.sql.api}); {@code java.sql.Date}, {@code Time} and
 * {@code Timestamp} are made from and read into {@code java.time} local values: without a
 * {@link Calendar} in the JVM's default time zone, as JDBC requires, with one in its zone.
 * Conversion failures are SQLState 22018 (a value that cannot be read as the type) or 22003 (a
 * number out of the target's range).
 */
final class JdbcValues {
    /** {@code yyyy-MM-dd HH:mm:ss[.fffffffff]}, and ISO's 'T' accepted when parsing. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIME_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd().toFormatter(Locale.ROOT);

    private JdbcValues() {}

    // ------------------------------------------------------------------ parameters

    /**
     * A parameter value as the SQL layer takes it: java.sql date/time values become java.time
     * local values (read in {@code cal}'s zone, or the default one), as do an Instant, an
     * OffsetDateTime and a ZonedDateTime (the date and time that instant shows in that zone, as
     * for a Timestamp of it); BigInteger a BigDecimal, Character and UUID a String, streams and
     * LOBs their content.
     */
    static Object parameter(Object x, Calendar cal) throws SQLException {
        return switch (x) {
            case null -> null;
            case Boolean b -> b;
            case Byte b -> b.shortValue();
            case Short s -> s;
            case Integer i -> i;
            case Long l -> l;
            case Float f -> f;
            case Double d -> d;
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case String s -> s;
            case Character c -> c.toString();
            case byte[] b -> b.clone();
            case LocalDate d -> d;
            case LocalTime t -> t;
            case LocalDateTime t -> t;
            case Date d -> localDate(d, cal);
            case Time t -> localTime(t, cal);
            case Timestamp t -> localDateTime(t, cal);
            case java.util.Date d -> localDateTime(new Timestamp(d.getTime()), cal);
            case Calendar c -> LocalDateTime.ofInstant(c.toInstant(), c.getTimeZone().toZoneId());
            case java.time.Instant t -> LocalDateTime.ofInstant(t, zone(cal));
            case java.time.OffsetDateTime t -> LocalDateTime.ofInstant(t.toInstant(), zone(cal));
            case java.time.ZonedDateTime t -> LocalDateTime.ofInstant(t.toInstant(), zone(cal));
            case java.util.UUID u -> u.toString();
            case Blob b -> b.getBytes(1, Math.toIntExact(b.length()));
            case Clob c -> c.getSubString(1, Math.toIntExact(c.length()));
            case InputStream in -> readAll(in, -1);
            case Reader r -> readAll(r, -1);
            default -> throw new SQLDataException("a " + x.getClass().getName()
                    + " cannot be a parameter (use a number, string, byte[], java.time or java.sql date/time value)", "22023");
        };
    }

    /** A parameter value converted to the class of JDBC type {@code sqlType} ({@link Types}). */
    static Object parameter(Object x, int sqlType, int scaleOrLength) throws SQLException {
        Object v = parameter(x, null);
        if (v == null) {
            return null;
        }
        return switch (sqlType) {
            case Types.BOOLEAN, Types.BIT -> toBoolean(v);
            case Types.TINYINT, Types.SMALLINT -> (short) toLong(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
            case Types.INTEGER -> (int) toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
            case Types.BIGINT -> toLong(v, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
            case Types.DECIMAL, Types.NUMERIC -> {
                BigDecimal d = toBigDecimal(v);
                yield scaleOrLength > 0 ? d.setScale(scaleOrLength, RoundingMode.HALF_UP) : d;
            }
            case Types.REAL -> (float) toDouble(v);
            case Types.FLOAT, Types.DOUBLE -> toDouble(v);
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> toText(v);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> toBytes(v);
            case Types.DATE -> toLocalDate(v);
            case Types.TIME -> toLocalTime(v);
            case Types.TIMESTAMP -> toLocalDateTime(v);
            case Types.NULL, Types.OTHER, Types.JAVA_OBJECT -> v;
            default -> throw new SQLFeatureNotSupportedException("JDBC type " + typeName(sqlType)
                    + " is not supported by Persimmon", "0A000");
        };
    }

    static byte[] readAll(InputStream in, long length) throws SQLException {
        try {
            return length < 0 ? in.readAllBytes() : in.readNBytes(Math.toIntExact(length));
        } catch (IOException e) {
            throw new SQLException("cannot read the stream parameter: " + e, "HY000", e);
        }
    }

    static String readAll(Reader r, long length) throws SQLException {
        try {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            long left = length < 0 ? Long.MAX_VALUE : length;
            int n;
            while (left > 0 && (n = r.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                sb.append(buf, 0, n);
                left -= n;
            }
            return sb.toString();
        } catch (IOException e) {
            throw new SQLException("cannot read the character stream parameter: " + e, "HY000", e);
        }
    }

    // ------------------------------------------------------------------ reading values

    static boolean toBoolean(Object v) throws SQLException {
        return switch (v) {
            case Boolean b -> b;
            case BigDecimal d -> d.signum() != 0;
            case Float f -> f != 0;
            case Double d -> d != 0;
            case Number n -> n.longValue() != 0;
            case String s -> switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "t", "yes", "y", "1" -> true;
                case "false", "f", "no", "n", "0" -> false;
                default -> throw cannot(v, "BOOLEAN");
            };
            default -> throw cannot(v, "BOOLEAN");
        };
    }

    /** {@code v} as a whole number in [min, max]; fractions are truncated toward zero, as JDBC does. */
    static long toLong(Object v, long min, long max, String type) throws SQLException {
        BigDecimal d = switch (v) {
            case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
            case Byte n -> BigDecimal.valueOf(n);
            case Short n -> BigDecimal.valueOf(n);
            case Integer n -> BigDecimal.valueOf(n);
            case Long n -> {
                if (n < min || n > max) {
                    throw outOfRange(v, type);
                }
                yield null;
            }
            default -> toBigDecimal(v);
        };
        if (d == null) {
            return (Long) v;
        }
        BigDecimal whole = d.setScale(0, RoundingMode.DOWN);
        if (whole.compareTo(BigDecimal.valueOf(min)) < 0 || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw outOfRange(v, type);
        }
        return whole.longValueExact();
    }

    static double toDouble(Object v) throws SQLException {
        return switch (v) {
            case Boolean b -> b ? 1 : 0;
            case Number n -> n.doubleValue();
            case String s -> {
                try {
                    yield Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    throw cannot(v, "DOUBLE");
                }
            }
            default -> throw cannot(v, "DOUBLE");
        };
    }

    static float toFloat(Object v) throws SQLException {
        double d = toDouble(v);
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw outOfRange(v, "REAL");
        }
        return f;
    }

    static BigDecimal toBigDecimal(Object v) throws SQLException {
        return switch (v) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
            case Float f -> {
                if (f.isNaN() || f.isInfinite()) {
                    throw outOfRange(v, "DECIMAL");
                }
                yield new BigDecimal(f.toString());
            }
            case Double d -> {
                if (d.isNaN() || d.isInfinite()) {
                    throw outOfRange(v, "DECIMAL");
                }
                yield BigDecimal.valueOf(d);
            }
            case Number n -> BigDecimal.valueOf(n.longValue());
            case String s -> {
                try {
                    yield new BigDecimal(s.trim());
                } catch (NumberFormatException e) {
                    throw cannot(v, "DECIMAL");
                }
            }
            default -> throw cannot(v, "DECIMAL");
        };
    }

    /** Any value as text: numbers plainly, dates and times in SQL's form, bytes in hex. */
    static String toText(Object v) {
        return switch (v) {
            case String s -> s;
            case BigDecimal d -> d.toPlainString();
            case byte[] b -> HexFormat.of().formatHex(b);
            case LocalDateTime t -> timestampText(t);
            case LocalTime t -> t.format(TIME_TEXT);
            case Timestamp t -> t.toString();
            default -> v.toString();
        };
    }

    private static String timestampText(LocalDateTime t) {
        return t.toLocalDate() + " " + t.toLocalTime().format(TIME_TEXT);
    }

    static byte[] toBytes(Object v) throws SQLException {
        if (v instanceof byte[] b) {
            return b.clone();
        }
        throw cannot(v, "VARBINARY");
    }

    static LocalDate toLocalDate(Object v) throws SQLException {
        return switch (v) {
            case LocalDate d -> d;
            case LocalDateTime t -> t.toLocalDate();
            case String s -> {
                try {
                    yield LocalDate.parse(s.trim());
                } catch (DateTimeParseException e) {
                    try {
                        yield LocalDateTime.parse(s.trim(), TIMESTAMP).toLocalDate();
                    } catch (DateTimeParseException e2) {
                        throw cannot(v, "DATE");
                    }
                }
            }
            default -> throw cannot(v, "DATE");
        };
    }

    static LocalTime toLocalTime(Object v) throws SQLException {
        return switch (v) {
            case LocalTime t -> t;
            case LocalDateTime t -> t.toLocalTime();
            case String s -> {
                try {
                    yield LocalTime.parse(s.trim());
                } catch (DateTimeParseException e) {
                    throw cannot(v, "TIME");
                }
            }
            default -> throw cannot(v, "TIME");
        };
    }

    static LocalDateTime toLocalDateTime(Object v) throws SQLException {
        return switch (v) {
            case LocalDateTime t -> t;
            case LocalDate d -> d.atStartOfDay();
            case String s -> {
                try {
                    yield LocalDateTime.parse(s.trim(), TIMESTAMP);
                } catch (DateTimeParseException e) {
                    try {
                        yield LocalDate.parse(s.trim()).atStartOfDay();
                    } catch (DateTimeParseException e2) {
                        throw cannot(v, "TIMESTAMP");
                    }
                }
            }
            default -> throw cannot(v, "TIMESTAMP");
        };
    }

    // ------------------------------------------------------------------ java.sql date and time

    private static ZoneId zone(Calendar cal) {
        return cal == null ? ZoneId.systemDefault() : cal.getTimeZone().toZoneId();
    }

    static Date sqlDate(LocalDate d, Calendar cal) {
        return cal == null ? Date.valueOf(d) : new Date(d.atStartOfDay(zone(cal)).toInstant().toEpochMilli());
    }

    static LocalDate localDate(Date d, Calendar cal) {
        return cal == null ? d.toLocalDate() : Instant.ofEpochMilli(d.getTime()).atZone(zone(cal)).toLocalDate();
    }

    /** A java.sql.Time on 1970-01-01, keeping milliseconds (which {@link Time#valueOf(LocalTime)} drops). */
    static Time sqlTime(LocalTime t, Calendar cal) {
        long millis = LocalDate.EPOCH.atTime(t).atZone(zone(cal)).toInstant().toEpochMilli();
        return new Time(millis);
    }

    static LocalTime localTime(Time t, Calendar cal) {
        return Instant.ofEpochMilli(t.getTime()).atZone(zone(cal)).toLocalTime();
    }

    static Timestamp sqlTimestamp(LocalDateTime t, Calendar cal) {
        return cal == null ? Timestamp.valueOf(t) : Timestamp.from(t.atZone(zone(cal)).toInstant());
    }

    static LocalDateTime localDateTime(Timestamp t, Calendar cal) {
        return cal == null ? t.toLocalDateTime() : LocalDateTime.ofInstant(t.toInstant(), zone(cal));
    }

    // ------------------------------------------------------------------ types

    /** The class {@code getObject} returns for a column of JDBC type {@code jdbcType}. */
    static String standardClassName(int jdbcType) {
        return switch (jdbcType) {
            case Types.BOOLEAN, Types.BIT -> Boolean.class.getName();
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> Integer.class.getName();
            case Types.BIGINT -> Long.class.getName();
            case Types.DECIMAL, Types.NUMERIC -> BigDecimal.class.getName();
            case Types.REAL -> Float.class.getName();
            case Types.FLOAT, Types.DOUBLE -> Double.class.getName();
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR -> String.class.getName();
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> byte[].class.getName();
            case Types.DATE -> Date.class.getName();
            case Types.TIME -> Time.class.getName();
            case Types.TIMESTAMP -> Timestamp.class.getName();
            default -> Object.class.getName();
        };
    }

    /** The name of a {@link Types} constant, for messages. */
    static String typeName(int jdbcType) {
        for (var f : Types.class.getFields()) {
            try {
                if (f.getType() == int.class && f.getInt(null) == jdbcType) {
                    return f.getName();
                }
            } catch (IllegalAccessException e) {
                break;
            }
        }
        return String.valueOf(jdbcType);
    }

    private static SQLException cannot(Object v, String type) {
        String shown = v instanceof byte[] b ? "0x" + HexFormat.of().formatHex(b) : String.valueOf(v);
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new SQLDataException("cannot convert " + v.getClass().getSimpleName() + " '" + shown + "' to "
                + type, "22018");
    }

    private static SQLException outOfRange(Object v, String type) {
        return new SQLDataException("value " + toText(v) + " is out of range for " + type, "22003");
    }
}
