package io.persimmon.jdbc;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;

/**
 * The driver's one place for SQLStates. The SQL layer maps the engine errors of statements; the
 * driver maps what reaches it directly (opening a pool, reading the catalog) with the same states
 * (except that every failure to open a pool is 08001, as JDBC names a failed connection),
 * and makes sure that a retryable conflict (40001) carries vendor code 0, which generic clients
 * and pools expect before they retry.
 */
final class Errors {
    /** SQLState of a serialization failure or deadlock victim: retry the transaction. */
    static final String SERIALIZATION_FAILURE = "40001";

    private Errors() {}

    /** The SQLState of an engine error code. */
    static String sqlState(ErrorCode code) {
        return switch (code) {
            case NOT_A_POOL, FORMAT_TOO_NEW, FORMAT_TOO_OLD, HEADER_CORRUPT, LOCKED_BY_OTHER_PROCESS,
                 ALREADY_OPEN, NOT_ACCESSIBLE, MODE_UNAVAILABLE -> "08001";
            case IO_ERROR -> "58030";
            case CORRUPT -> "XX001";
            case POOL_FULL -> "53100";
            case LIMIT_EXCEEDED -> "54000";
            case UNIQUE_VIOLATION -> "23505";
            case NOT_NULL_VIOLATION -> "23502";
            case FOREIGN_KEY_VIOLATION -> "23503";
            case STRING_TOO_LONG -> "22001";
            case NUMERIC_OUT_OF_RANGE -> "22003";
            case INVALID_VALUE -> "22018";
            case SERIALIZATION_FAILURE, DEADLOCK -> SERIALIZATION_FAILURE;
            case LOCK_TIMEOUT -> "55P03";
            case CANCELLED -> "57014";
            case NO_SUCH_TABLE -> "42S02";
            case NO_SUCH_COLUMN -> "42S22";
            case NO_SUCH_INDEX -> "42S12";
            case ALREADY_EXISTS -> "42S01";
            case CLOSED -> "08003";
            case READ_ONLY -> "25006";
            case INVALID_ARGUMENT -> "22023";
            case INTERNAL -> "XX000";
        };
    }

    /** An engine error as an SQLException of the subclass its SQLState calls for (vendor code 0). */
    static SQLException of(PersimmonException e) {
        return of(e.getMessage(), sqlState(e.code()), e);
    }

    /** An SQLException of the subclass {@code sqlState} calls for, with vendor code 0. */
    static SQLException of(String message, String sqlState, Throwable cause) {
        String cls = sqlState.length() >= 2 ? sqlState.substring(0, 2) : "";
        return switch (cls) {
            case "08" -> new SQLNonTransientConnectionException(message, sqlState, 0, cause);
            case "40" -> new SQLTransactionRollbackException(message, sqlState, 0, cause);
            case "23" -> new SQLIntegrityConstraintViolationException(message, sqlState, 0, cause);
            case "22" -> new SQLDataException(message, sqlState, 0, cause);
            case "42" -> new SQLSyntaxErrorException(message, sqlState, 0, cause);
            case "0A" -> new SQLFeatureNotSupportedException(message, sqlState, 0, cause);
            case "HY" -> sqlState.equals("HYT00") || sqlState.equals("HYT01")
                    ? new SQLTimeoutException(message, sqlState, 0, cause)
                    : new SQLException(message, sqlState, 0, cause);
            default -> new SQLException(message, sqlState, 0, cause);
        };
    }

    /**
     * {@code e} as the driver passes it on: unchanged, except that a 40001 always comes as an
     * {@link SQLTransactionRollbackException} with vendor code 0 (the original as its cause), so
     * that generic clients retry it.
     */
    static SQLException passOn(SQLException e) {
        if (SERIALIZATION_FAILURE.equals(e.getSQLState())
                && (e.getErrorCode() != 0 || !(e instanceof SQLTransactionRollbackException))) {
            SQLException fixed = new SQLTransactionRollbackException(e.getMessage(), SERIALIZATION_FAILURE, 0, e);
            fixed.setNextException(e.getNextException());
            return fixed;
        }
        return e;
    }

    /** An engine exception or a runtime failure that escaped the SQL layer, as an SQLException. */
    static SQLException unexpected(RuntimeException e) {
        if (e instanceof PersimmonException pe) {
            return of(pe);
        }
        return new SQLException("internal error: " + e, "XX000", 0, e);
    }

    /** A call into the SQL layer. */
    interface SqlCall<T> {
        T run() throws SQLException;
    }

    /** A call into the SQL layer whose failures {@link #passOn} (runtime failures: {@link #unexpected}). */
    static <T> T call(SqlCall<T> call) throws SQLException {
        try {
            return call.run();
        } catch (SQLException e) {
            throw passOn(e);
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /** A call into the SQL layer that returns nothing. */
    interface SqlRun {
        void run() throws SQLException;
    }

    static void run(SqlRun run) throws SQLException {
        call(() -> {
            run.run();
            return null;
        });
    }

    static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by Persimmon", "0A000");
    }

    static SQLException connectionClosed() {
        return new SQLNonTransientConnectionException("the connection is closed", "08003");
    }

    static SQLException closed(String what) {
        return new SQLException("the " + what + " is closed", "HY010");
    }

    static SQLException invalid(String message) {
        return new SQLException(message, "HY000");
    }
}
