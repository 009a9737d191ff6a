package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.math.BigDecimal;
import java.util.HexFormat;

/**
 * The column a value is being assigned to, and the refusals of that assignment: each message
 * names the table, the column with its type, and the value, e.g.
 * {@code value 'abcdef' (6 characters) too long for column ORDERS.NOTE VARCHAR(4)}.
 */
record AssignmentTarget(String table, Column column) {
    /** Characters of a string value shown in a message before it is cut with "...". */
    private static final int SHOWN_CHARACTERS = 64;
    /** Bytes of a binary value shown in a message before it is cut with "...". */
    private static final int SHOWN_BYTES = 32;
    /** A DECIMAL whose scale is this far from 0 is shown as 1E+999, not as plain digits. */
    private static final int SHOWN_PLAIN_DIGITS = 100;

    ColumnType type() {
        return column.type();
    }

    /** {@code value} if it is of {@code expected}, else an INVALID_VALUE refusal. */
    <T> T require(Class<T> expected, Object value) {
        if (!expected.isInstance(value)) {
            throw wrongClass(value, expected.getTypeName());
        }
        return expected.cast(value);
    }

    /** Refusal of a value whose Java class the column does not take. */
    PersimmonException wrongClass(Object value, String expected) {
        return fail(ErrorCode.INVALID_VALUE, "value of class " + value.getClass().getTypeName()
                + " (expected " + expected + ")", value);
    }

    /** Refusal with {@code code}: "{@code problem} for column T.C TYPE: value". */
    PersimmonException fail(ErrorCode code, String problem, Object value) {
        String shown = value == null ? "" : ": " + render(value);
        return new PersimmonException(code, problem + " for column " + table + "." + column.name()
                + " " + column.type() + (column.nullable() ? "" : " NOT NULL") + shown);
    }

    /** A value as a person reads it in a message: strings quoted, bytes as X'..', cut when long. */
    static String render(Object value) {
        return switch (value) {
            case String s -> renderString(s);
            case byte[] b -> renderBytes(b);
            case BigDecimal d -> Math.abs((long) d.scale()) < SHOWN_PLAIN_DIGITS ? d.toPlainString() : d.toString();
            default -> String.valueOf(value);
        };
    }

    private static String renderString(String s) {
        int shownEnd = s.codePointCount(0, s.length()) > SHOWN_CHARACTERS
                ? s.offsetByCodePoints(0, SHOWN_CHARACTERS) : s.length();
        String quoted = "'" + s.substring(0, shownEnd).replace("'", "''") + "'";
        return shownEnd == s.length() ? quoted : quoted + "...";
    }

    private static String renderBytes(byte[] b) {
        String hex = HexFormat.of().withUpperCase().formatHex(b, 0, Math.min(b.length, SHOWN_BYTES));
        return "X'" + hex + "'" + (b.length > SHOWN_BYTES ? "..." : "");
    }
}
