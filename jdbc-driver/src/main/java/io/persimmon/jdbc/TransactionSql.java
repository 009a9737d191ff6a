package io.persimmon.jdbc;

import io.persimmon.sql.api.ColumnInfo;
import io.persimmon.sql.api.ParameterInfo;
import io.persimmon.sql.api.PreparedSql;
import io.persimmon.sql.api.SqlResult;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Transaction control written as SQL, which scripts, shells and SQL logic tests use, run by the
 * driver through the connection's own methods (the SQL layer's grammar has none of it):
 *
 * <pre>
 * BEGIN [WORK | TRANSACTION] | START TRANSACTION   a transaction until COMMIT or ROLLBACK, then autocommit again
 * COMMIT [WORK | TRANSACTION]                      commit() (nothing in autocommit mode)
 * ROLLBACK [WORK | TRANSACTION]                    rollback() (nothing in autocommit mode)
 * SAVEPOINT name                                   setSavepoint(name)
 * ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name   rollback to the newest savepoint of that name
 * RELEASE [SAVEPOINT] name                         releaseSavepoint
 * </pre>
 *
 * Names fold to upper case unless quoted with {@code "}. Each is an update with count 0.
 */
final class TransactionSql implements PreparedSql {
    private enum Kind { BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO, RELEASE }

    private final PersimmonConnection connection;
    private final Kind kind;
    private final String name;

    private TransactionSql(PersimmonConnection connection, Kind kind, String name) {
        this.connection = connection;
        this.kind = kind;
        this.name = name;
    }

    /** The transaction statement {@code sql} is, or null when it is none (the SQL layer's then). */
    static TransactionSql parse(PersimmonConnection connection, String sql) throws SQLException {
        List<String> w = words(sql);
        if (w.isEmpty()) {
            return null;
        }
        String first = upper(w.getFirst());
        if (!List.of("BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE").contains(first)) {
            return null;
        }
        int i = 1;
        Kind kind;
        String name = null;
        switch (first) {
            case "BEGIN" -> {
                i = optional(w, i, "WORK", "TRANSACTION");
                kind = Kind.BEGIN;
            }
            case "START" -> {
                if (i >= w.size() || !upper(w.get(i)).equals("TRANSACTION")) {
                    return null;
                }
                i++;
                kind = Kind.BEGIN;
            }
            case "COMMIT" -> {
                i = optional(w, i, "WORK", "TRANSACTION");
                kind = Kind.COMMIT;
            }
            case "ROLLBACK" -> {
                i = optional(w, i, "WORK", "TRANSACTION");
                if (i < w.size() && upper(w.get(i)).equals("TO")) {
                    i = optional(w, i + 1, "SAVEPOINT");
                    if (i >= w.size()) {
                        throw syntax(sql, "ROLLBACK TO SAVEPOINT needs the savepoint's name");
                    }
                    name = name(w.get(i++));
                    kind = Kind.ROLLBACK_TO;
                } else {
                    kind = Kind.ROLLBACK;
                }
            }
            case "SAVEPOINT" -> {
                if (i >= w.size()) {
                    throw syntax(sql, "SAVEPOINT needs a name");
                }
                name = name(w.get(i++));
                kind = Kind.SAVEPOINT;
            }
            default -> { // RELEASE
                i = optional(w, i, "SAVEPOINT");
                if (i >= w.size()) {
                    throw syntax(sql, "RELEASE SAVEPOINT needs the savepoint's name");
                }
                name = name(w.get(i++));
                kind = Kind.RELEASE;
            }
        }
        if (i < w.size()) {
            throw syntax(sql, "unexpected '" + w.get(i) + "'");
        }
        return new TransactionSql(connection, kind, name);
    }

    private static int optional(List<String> w, int i, String... words) {
        return i < w.size() && List.of(words).contains(upper(w.get(i))) ? i + 1 : i;
    }

    private static String upper(String word) {
        return word.toUpperCase(Locale.ROOT);
    }

    /** A savepoint name as SQL reads it: {@code "Mixed"} as written, {@code sp1} as {@code SP1}. */
    private static String name(String word) {
        if (word.length() >= 2 && word.startsWith("\"") && word.endsWith("\"")) {
            return word.substring(1, word.length() - 1).replace("\"\"", "\"");
        }
        return upper(word);
    }

    /** The first words of {@code sql} outside comments; a quoted name is one word with its quotes. */
    private static List<String> words(String sql) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '"') {
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == '"') {
                        if (j + 1 < n && sql.charAt(j + 1) == '"') {
                            j += 2; // a doubled quote stands for itself
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                words.add(sql.substring(i, Math.min(j + 1, n)));
                i = j + 1;
            } else {
                int j = i;
                while (j < n && !Character.isWhitespace(sql.charAt(j)) && !sql.startsWith("--", j)
                        && !sql.startsWith("/*", j)) {
                    j++;
                }
                words.add(sql.substring(i, j));
                i = j;
            }
            if (words.size() > 6) {
                break; // longer than any transaction statement: the SQL layer's
            }
        }
        return words;
    }

    private static SQLException syntax(String sql, String what) {
        return new SQLException("Syntax error: " + what + " in: " + sql.strip(), "42000");
    }

    @Override public boolean isQuery() { return false; }
    @Override public List<ParameterInfo> parameters() { return List.of(); }
    @Override public List<ColumnInfo> columns() { return List.of(); }
    @Override public void close() { }

    @Override
    public SqlResult execute(List<Object> parameters, long maxRows, long timeoutMillis) throws SQLException {
        switch (kind) {
            case BEGIN -> connection.beginTransaction();
            case COMMIT -> {
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
            case ROLLBACK -> {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
            case SAVEPOINT -> connection.setSavepoint(name);
            case ROLLBACK_TO -> connection.rollback(connection.namedSavepoint(name));
            case RELEASE -> connection.releaseSavepoint(connection.namedSavepoint(name));
        }
        return DONE;
    }

    /** The result of every transaction statement: an update count of 0. */
    private static final SqlResult DONE = new SqlResult() {
        @Override public boolean hasRows() { return false; }
        @Override public long updateCount() { return 0; }
        @Override public List<ColumnInfo> columns() { return List.of(); }
        @Override public boolean next() { return false; }
        @Override public Object get(int index) throws SQLException { throw new SQLException("no rows", "24000"); }
        @Override public void close() { }
    };

    /** For messages. */
    @Override
    public String toString() {
        return kind + (name == null ? "" : " " + name);
    }
}
