package io.persimmon.jdbc;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * The statement in a text an application hands the driver. Scripts and tools end statements with
 * {@code ;} (copied from a script, typed as in psql or the H2 console), which the SQL parser does
 * not take: a {@code ;} outside a string ({@code '...'}), a quoted name ({@code "..."}) and a
 * comment ({@code -- ...}, {@code /* ... *}{@code /}) ends the statement. A prepared statement's
 * text holds one statement (what follows its {@code ;} must be blank, comments or more {@code ;};
 * another statement is refused, 0A000); a plain statement's may hold several ({@link #statements}).
 */
final class SqlText {
    private SqlText() {}

    /**
     * {@code sql} without its terminating {@code ;} and what follows it; {@code sql} itself when it
     * has no {@code ;} outside strings, names and comments.
     */
    static String statement(String sql) throws SQLException {
        int end = terminator(sql, 0);
        if (end < 0) {
            return sql;
        }
        int next = end + 1;
        for (int more = terminator(sql, next); ; more = terminator(sql, next)) {
            int stop = more < 0 ? sql.length() : more;
            int code = firstCode(sql, next, stop);
            if (code >= 0) {
                throw new SQLFeatureNotSupportedException("one statement at a time in a prepared statement or a query: "
                        + "the text holds another statement after the ';' at line " + line(sql, end) + " ("
                        + start(sql, code, stop) + "); Statement.execute and executeUpdate take several", "0A000");
            }
            if (more < 0) {
                return sql.substring(0, end);
            }
            next = more + 1;
        }
    }

    /**
     * The statements of {@code sql}, split at each {@code ;} outside strings, names and comments,
     * without the {@code ;}; blank pieces (only blanks and comments) are dropped. One element,
     * {@code sql} itself, when it has no such {@code ;}.
     */
    static java.util.List<String> statements(String sql) {
        java.util.List<String> statements = new java.util.ArrayList<>();
        int from = 0;
        for (int end = terminator(sql, 0); ; end = terminator(sql, from)) {
            int stop = end < 0 ? sql.length() : end;
            if (firstCode(sql, from, stop) >= 0) {
                statements.add(from == 0 && end < 0 ? sql : sql.substring(from, stop));
            }
            if (end < 0) {
                return statements;
            }
            from = end + 1;
        }
    }

    /** Whether {@code statement} is DDL: its first word (after blanks and comments) is CREATE, DROP or ALTER. */
    static boolean isDefinition(String statement) {
        int start = firstCode(statement, 0, statement.length());
        if (start < 0) {
            return false;
        }
        int end = start;
        while (end < statement.length() && Character.isLetter(statement.charAt(end))) {
            end++;
        }
        String word = statement.substring(start, end).toUpperCase(java.util.Locale.ROOT);
        return word.equals("CREATE") || word.equals("DROP") || word.equals("ALTER");
    }

    /** The index of the first {@code ;} at or after {@code from} outside strings, names and comments, or -1. */
    private static int terminator(String sql, int from) {
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == ';') {
                return i;
            }
            i = skip(sql, i) - 1;
        }
        return -1;
    }

    /**
     * Where the token beginning at {@code i} ends when it is a string, a quoted name or a comment
     * (one past it; the text's end when it is not closed), else {@code i + 1}.
     */
    private static int skip(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < sql.length()) {
                if (sql.charAt(j) == c) {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
                        j += 2; // a doubled quote stands for itself
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return sql.length();
        }
        if (c == '-' && sql.startsWith("--", i)) {
            int eol = sql.indexOf('\n', i);
            return eol < 0 ? sql.length() : eol + 1;
        }
        if (c == '/' && sql.startsWith("/*", i)) {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? sql.length() : close + 2;
        }
        return i + 1;
    }

    /** The index of the first character in [from, to) that is neither blank nor in a comment, or -1. */
    private static int firstCode(String sql, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
                i = skip(sql, i) - 1;
                continue;
            }
            return i;
        }
        return -1;
    }

    private static int line(String sql, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The first words of the statement that begins at {@code index}, for a message. */
    private static String start(String sql, int index, int end) {
        String rest = sql.substring(index, end).strip().replaceAll("\\s+", " ");
        return rest.length() <= 40 ? rest : rest.substring(0, 40) + "...";
    }
}
