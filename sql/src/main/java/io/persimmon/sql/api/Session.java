package io.persimmon.sql.api;

import io.persimmon.engine.db.Isolation;

import java.sql.SQLException;

/**
 * One connection's view: its transaction (begun by the first statement after a commit or
 * rollback), autocommit, isolation, read-only flag and savepoints. One thread at a time, except
 * {@link #cancel()}, which any thread may call.
 */
public interface Session extends AutoCloseable {
    /** Parses, validates and plans {@code sql} (or finds the plan in the shared cache). */
    PreparedSql prepare(String sql) throws SQLException;

    boolean getAutoCommit();

    /** Turning autocommit on commits an open transaction, as JDBC says. */
    void setAutoCommit(boolean autoCommit) throws SQLException;

    Isolation getIsolation();

    /** Applies from the next transaction on; refused while a transaction has written. */
    void setIsolation(Isolation isolation) throws SQLException;

    boolean isReadOnly();

    void setReadOnly(boolean readOnly) throws SQLException;

    void commit() throws SQLException;

    void rollback() throws SQLException;

    /** A savepoint in the current transaction (begun if none is open). */
    Object setSavepoint() throws SQLException;

    void rollbackTo(Object savepoint) throws SQLException;

    void releaseSavepoint(Object savepoint) throws SQLException;

    /** Cancels the statement running in this session (it fails with SQLState 57014). */
    void cancel();

    /** The schema unqualified names resolve in. */
    String getSchema();

    void setSchema(String schema) throws SQLException;

    boolean isClosed();

    /** Rolls back an open transaction and releases everything. */
    @Override
    void close() throws SQLException;
}
