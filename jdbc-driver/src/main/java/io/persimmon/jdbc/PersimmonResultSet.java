package io.persimmon.jdbc;

import io.persimmon.sql.api.PreparedSql;
import io.persimmon.sql.api.SqlResult;

import java.sql.SQLException;

/**
 * The rows of a query, read from the SQL layer's {@link SqlResult} as the application moves on.
 * Closing it (or reading it to the end) closes the result, which in autocommit mode commits.
 */
final class PersimmonResultSet extends BaseResultSet {
    private final SqlResult result;
    private final PersimmonStatement owner;
    private final PreparedSql ownedSql;
    /** Whether its rows are read in the connection's transaction (autocommit off), which commit and rollback end. */
    final boolean inTransaction;

    /**
     * {@code ownedSql}: the statement's SQL to close with the rows (a plain statement's), or null;
     * {@code inTransaction}: whether autocommit was off when it ran.
     */
    PersimmonResultSet(SqlResult result, PersimmonStatement owner, PreparedSql ownedSql, boolean inTransaction) {
        super(result.columns(), owner);
        this.result = result;
        this.owner = owner;
        this.ownedSql = ownedSql;
        this.inTransaction = inTransaction;
    }

    @Override
    boolean advance() throws SQLException {
        try {
            return result.next();
        } catch (SQLException e) {
            throw owner.failure(Errors.passOn(e));
        } catch (RuntimeException e) {
            throw Errors.unexpected(e);
        }
    }

    @Override
    Object value(int index) throws SQLException {
        try {
            return result.get(index);
        } catch (SQLException e) {
            throw Errors.passOn(e);
        } catch (RuntimeException e) {
            throw Errors.unexpected(e);
        }
    }

    @Override
    void release() throws SQLException {
        try {
            result.close();
        } catch (SQLException e) {
            throw Errors.passOn(e);
        } catch (RuntimeException e) {
            throw Errors.unexpected(e);
        } finally {
            if (ownedSql != null) {
                ownedSql.close();
            }
            owner.resultReleased(this);
        }
    }
}
