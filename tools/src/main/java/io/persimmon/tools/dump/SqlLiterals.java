package io.persimmon.tools.dump;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;

/**
 * SQL literals that Persimmon reads back to exactly the value they were written from, one per
 * column type. The rules that matter for a round trip:
 * <ul>
 *   <li>REAL and DOUBLE: the shortest decimal that parses back to the same bits, as an approximate
 *       literal ({@code 1.5E0}), so that it is never typed DECIMAL; NaN, the infinities and -0.0,
 *       which have no literal, as {@code CAST('NaN' AS DOUBLE)};</li>
 *   <li>DECIMAL: the plain digits with the value's scale ({@code -12.50});</li>
 *   <li>CHAR and VARCHAR: quoted with {@code ''}; a string holding a control character (a newline,
 *       a tab, ...) is written as a Unicode literal {@code U&'a\000Ab'}, so that no statement ever
 *       spans lines inside a string (line-based tools such as sqlline read the script safely);</li>
 *   <li>VARBINARY: {@code X'00FF'};</li>
 *   <li>DATE, TIME, TIMESTAMP: {@code DATE '2025-06-01'}, {@code TIME '10:11:12.5'},
 *       {@code TIMESTAMP '2025-06-01 10:11:12.123'}, read without any time zone.</li>
 * </ul>
 */
public final class SqlLiterals {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private SqlLiterals() {}

    /** The literal of column {@code column} (1-based) of the current row, read as {@code type}. */
    public static String read(ResultSet rows, int column, String type) throws SQLException {
        Object value = switch (type) {
            case "DATE" -> rows.getObject(column, LocalDate.class);
            case "TIME" -> rows.getObject(column, LocalTime.class);
            case "TIMESTAMP" -> rows.getObject(column, LocalDateTime.class);
            case "REAL" -> rows.getObject(column) == null ? null : rows.getFloat(column);
            case "DOUBLE" -> rows.getObject(column) == null ? null : rows.getDouble(column);
            case "DECIMAL" -> rows.getBigDecimal(column);
            case "VARBINARY" -> rows.getBytes(column);
            case "CHAR", "VARCHAR" -> rows.getString(column);
            default -> rows.getObject(column);
        };
        return of(value);
    }

    /** The literal of a value as JDBC and java.time give it; NULL for null. */
    public static String of(Object value) {
        return switch (value) {
            case null -> "NULL";
            case Boolean b -> b ? "TRUE" : "FALSE";
            case Float f -> real(f);
            case Double d -> approximate(d, "DOUBLE");
            case BigDecimal d -> d.toPlainString();
            case Number n -> n.toString();
            case String s -> string(s);
            case byte[] b -> "X'" + HEX.formatHex(b) + "'";
            case LocalDate d -> "DATE '" + d + "'";
            case LocalTime t -> "TIME '" + time(t) + "'";
            case LocalDateTime t -> "TIMESTAMP '" + t.toLocalDate() + " " + time(t.toLocalTime()) + "'";
            default -> throw new IllegalArgumentException("no literal for a " + value.getClass().getName());
        };
    }

    /**
     * A REAL: the float's shortest decimal when reading that decimal as a double and rounding to
     * float gives the float back (the SQL layer reads approximate literals as DOUBLE), else the
     * double's shortest decimal, which names the float exactly.
     */
    static String real(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f) || isNegativeZero(f)) {
            return special(f, "REAL");
        }
        String shortest = Float.toString(f);
        if (Float.floatToRawIntBits((float) Double.parseDouble(shortest)) == Float.floatToRawIntBits(f)) {
            return withExponent(shortest);
        }
        return withExponent(Double.toString(f));
    }

    private static String approximate(double d, String type) {
        if (Double.isNaN(d) || Double.isInfinite(d) || isNegativeZero(d)) {
            return special(d, type);
        }
        return withExponent(Double.toString(d)); // Java's shortest repr that reads back to the same bits
    }

    private static boolean isNegativeZero(double d) {
        return d == 0 && Double.doubleToRawLongBits(d) != 0;
    }

    private static String special(double d, String type) {
        return "CAST('" + (Double.isNaN(d) ? "NaN" : isNegativeZero(d) ? "-0.0" : d > 0 ? "Infinity" : "-Infinity")
                + "' AS " + type + ")";
    }

    /** An approximate literal needs an exponent: {@code 0.5} would be a DECIMAL. */
    private static String withExponent(String decimal) {
        return decimal.indexOf('E') >= 0 ? decimal : decimal + "E0";
    }

    private static String time(LocalTime t) {
        String text = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (t.getNano() == 0) {
            return text;
        }
        String fraction = String.format("%09d", t.getNano()).replaceAll("0+$", "");
        return text + "." + fraction;
    }

    /** A string literal; with {@code U&} escapes when it holds a character that is not printable on one line. */
    static String string(String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            plain = !needsEscape(s.charAt(i));
        }
        if (plain) {
            return "'" + s.replace("'", "''") + "'";
        }
        StringBuilder b = new StringBuilder("U&'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                b.append("''");
            } else if (c == '\\') {
                b.append("\\\\");
            } else if (needsEscape(c)) {
                b.append(String.format("\\%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    /** Control characters (a line break would split the statement for line-based readers) and lone surrogates' kin. */
    private static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029';
    }
}
