package io.persimmon.sql;

import io.persimmon.engine.PersimmonException;

import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

import java.sql.SQLException;
import java.util.Locale;

/**
 * The one place where failures become {@link SQLException}s with an SQLState (docs/sql.md lists
 * them). Engine errors map by their {@link io.persimmon.engine.ErrorCode}; Calcite's parse and
 * validation errors are class 42; anything Calcite cannot do (including its
 * {@code AssertionError}s, {@code UnsupportedOperationException}s and a query it finds no plan
 * for) is 0A000.
 */
public final class PersimmonErrors {
    public static final String SYNTAX = "42000";
    public static final String NO_SUCH_TABLE = "42S02";
    public static final String NO_SUCH_COLUMN = "42S22";
    public static final String UNSUPPORTED = "0A000";

    private PersimmonErrors() {}

    /** An SQLException for a statement or feature Persimmon does not support. */
    public static SQLException unsupported(String what) {
        return new SQLException(what + " is not supported", UNSUPPORTED);
    }

    /** An SQLException with the given state. */
    public static SQLException of(String state, String message) {
        return new SQLException(message, state);
    }

    /** The SQLException for any failure of preparing or executing a statement. */
    public static SQLException map(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e) {
                return e;
            }
            if (c instanceof PersimmonException e) {
                return new SQLException(e.getMessage(), stateOf(e), t);
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SqlParseException e) {
                String m = String.valueOf(e.getMessage());
                int cut = m.indexOf("Was expecting");
                return new SQLException("Syntax error: " + (cut < 0 ? m : m.substring(0, cut)).trim(), SYNTAX, t);
            }
            if (c instanceof CalciteContextException e) {
                return validation(e, t);
            }
            if (c instanceof ArithmeticException e) {
                String m = String.valueOf(e.getMessage());
                return new SQLException(m, m.toLowerCase(Locale.ROOT).contains("zero") ? "22012" : "22003", t);
            }
            if (c instanceof NumberFormatException e) {
                return new SQLException("Invalid number: " + e.getMessage(), "22018", t);
            }
            SQLException data = dataError(c, t);
            if (data != null) {
                return data;
            }
            if (c instanceof UnsupportedOperationException || c instanceof AssertionError) {
                return new SQLException("Not supported: " + message(c), UNSUPPORTED, t);
            }
            if (c instanceof RelOptPlanner.CannotPlanException e) {
                // The planner has no operator for part of the query (WITH RECURSIVE, for one): a
                // feature not supported, not a fault. Calcite's message goes on with its whole
                // search space; its first line, and the conversion it missed, say enough.
                return new SQLException("Not supported: no way to run this query here (" + planFailure(e) + ")",
                        UNSUPPORTED, t);
            }
        }
        if (message(t).contains("overflow") || message(t).contains("out of range")) {
            return new SQLException(message(t), "22003", t);
        }
        if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
            return new SQLException(message(t), "22023", t);
        }
        return new SQLException("Internal error: " + message(t), "XX000", t);
    }

    /**
     * A bad value met by Calcite's runtime functions, wherever it lies in the chain: a CAST or
     * function over literals runs when the generated class initialises, so its exception comes
     * wrapped in an {@link ExceptionInInitializerError} (and was an internal error, XX000).
     * Null when {@code c} is none of them.
     */
    private static SQLException dataError(Throwable c, Throwable t) {
        String m = message(c);
        if (c instanceof IllegalArgumentException && m.matches("Invalid (DATE|TIME|TIMESTAMP) value.*")) {
            return new SQLException(m, "22007", t); // invalid datetime format
        }
        if (c instanceof org.apache.calcite.runtime.CalciteException && !(c instanceof CalciteContextException)) {
            if (m.startsWith("Invalid character for cast")) {
                return new SQLException(m, "22018", t);
            }
            if (m.startsWith("Substring error")) {
                return new SQLException(m, "22011", t);
            }
            return new SQLException(m, "22023", t);
        }
        if (c instanceof IllegalStateException && m.startsWith("more than one value in agg SINGLE_VALUE")) {
            return new SQLException("a scalar sub-query returned more than one row", "21000", t);
        }
        if (c instanceof IndexOutOfBoundsException && thrownIn(c, "getLogicalTargetRowType")) {
            // Calcite's validator, allowing fewer INSERT values than columns (LENIENT), takes as
            // many target columns as there are values without checking that the table has them
            return new SQLException("INSERT has more values than the table has columns", SYNTAX, t);
        }
        if (c instanceof IllegalArgumentException && t instanceof ExceptionInInitializerError) {
            return new SQLException(m, "22023", t); // as when it is not wrapped (below)
        }
        return null;
    }

    /** The first line of a CannotPlanException's message and its "Missing conversion" line. */
    private static String planFailure(RelOptPlanner.CannotPlanException e) {
        String[] lines = String.valueOf(e.getMessage()).split("\n");
        String missing = "";
        for (String line : lines) {
            if (line.startsWith("Missing conversion")) {
                missing = "; " + line.trim();
                break;
            }
        }
        return lines[0].trim() + missing;
    }

    private static SQLException validation(CalciteContextException e, Throwable t) {
        String m = e.getMessage();
        String inner = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : m;
        String state = SYNTAX;
        if (inner.startsWith("Object '") && inner.contains("not found")) {
            state = NO_SUCH_TABLE;
        } else if (inner.startsWith("Table '") && inner.contains("not found")) {
            state = NO_SUCH_TABLE;
        } else if (inner.startsWith("Column '") && inner.contains("not found")
                || inner.startsWith("Unknown target column")) {
            state = NO_SUCH_COLUMN;
        } else if (inner.contains("does not allow NULLs")) {
            state = "23502";
        } else if (inner.startsWith("No match found for function signature")) {
            state = "42883";
        } else if (inner.startsWith("Cannot apply") || inner.contains("Cannot assign")) {
            state = "42804";
        }
        return new SQLException(m, state, t);
    }

    /** Whether {@code c} was thrown in a method of Calcite's validator named {@code method}. */
    private static boolean thrownIn(Throwable c, String method) {
        for (StackTraceElement e : c.getStackTrace()) {
            if (e.getMethodName().equals(method) && e.getClassName().startsWith("org.apache.calcite.sql.validate.")) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The SQLState of an engine error. */
    public static String stateOf(PersimmonException e) {
        return switch (e.code()) {
            case UNIQUE_VIOLATION -> "23505";
            case NOT_NULL_VIOLATION -> "23502";
            case FOREIGN_KEY_VIOLATION -> "23503";
            case STRING_TOO_LONG -> "22001";
            case NUMERIC_OUT_OF_RANGE -> "22003";
            case INVALID_VALUE -> "22018";
            case SERIALIZATION_FAILURE, DEADLOCK -> "40001";
            case LOCK_TIMEOUT -> "55P03";
            case CANCELLED -> "57014";
            case NO_SUCH_TABLE -> NO_SUCH_TABLE;
            case NO_SUCH_COLUMN -> NO_SUCH_COLUMN;
            case NO_SUCH_INDEX -> "42S12";
            case ALREADY_EXISTS -> "42S01";
            case CLOSED -> "08003";
            case READ_ONLY -> "25006";
            case INVALID_ARGUMENT -> "22023";
            case POOL_FULL -> "53100";
            case LIMIT_EXCEEDED -> "54000";
            case IO_ERROR, NOT_ACCESSIBLE -> "58030";
            case CORRUPT, HEADER_CORRUPT -> "XX001";
            default -> "XX000";
        };
    }
}
