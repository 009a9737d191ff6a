package io.persimmon.jdbc;

import io.persimmon.engine.db.Isolation;
import io.persimmon.sql.api.PreparedSql;
import io.persimmon.sql.api.Session;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A connection: one SQL-layer {@link Session} over a database shared with the other connections
 * to it (through {@link DatabaseRegistry}). Autocommit is on at first; the isolation starts as the
 * URL says (READ COMMITTED unless set). Closing rolls back an open transaction, closes the
 * connection's statements and releases the database, which closes with its last connection.
 */
final class PersimmonConnection implements Connection, JdbcWrapper {
    private final JdbcUrl url;
    private final DatabaseRegistry.Lease lease;
    private final Session session;
    private final Set<PersimmonStatement> statements = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private SQLWarning warnings;
    private Map<String, Class<?>> typeMap = Map.of();
    private int savepoints;
    /**
     * The savepoints of the current transaction, oldest first: releasing one drops it and those
     * set after it, rolling back to one drops those set after it, and the end of the transaction
     * drops all, so that a savepoint used after that is refused, as JDBC says.
     */
    private final java.util.List<PersimmonSavepoint> live = new java.util.ArrayList<>();
    /** Set by SQL's BEGIN in autocommit mode: the commit or rollback that ends the transaction turns autocommit on again. */
    private boolean autoCommitAfterTransaction;
    private int networkTimeout;

    PersimmonConnection(JdbcUrl url, DatabaseRegistry.Lease lease, Session session) throws SQLException {
        this.url = url;
        this.lease = lease;
        this.session = session;
        Errors.run(() -> session.setIsolation(url.isolation()));
    }

    JdbcUrl url() {
        return url;
    }

    Session session() {
        return session;
    }

    DatabaseRegistry.Lease lease() {
        return lease;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.connectionClosed();
        }
    }

    void addWarning(SQLWarning w) {
        if (warnings == null) {
            warnings = w;
        } else {
            warnings.setNextWarning(w);
        }
    }

    void statementClosed(PersimmonStatement s) {
        statements.remove(s);
    }

    // ------------------------------------------------------------------ statements

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        PersimmonStatement s = new PersimmonStatement(this);
        statements.add(s);
        return s;
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        if (sql == null) {
            throw Errors.invalid("the SQL text is null");
        }
        PreparedSql prepared = prepareSql(sql);
        PersimmonPreparedStatement s = new PersimmonPreparedStatement(this, sql, prepared);
        statements.add(s);
        return s;
    }

    /**
     * {@code sql} prepared: without the {@code ;} that may end it ({@link SqlText}), run by the
     * driver when it is transaction control ({@link TransactionSql}), else by the SQL layer.
     */
    PreparedSql prepareSql(String sql) throws SQLException {
        String statement = SqlText.statement(sql);
        PreparedSql control = TransactionSql.parse(this, statement);
        if (control != null) {
            return control;
        }
        PreparedSql prepared = Errors.call(() -> session.prepare(statement));
        return SqlText.isDefinition(statement) ? new Definition(prepared) : prepared;
    }

    /**
     * A DDL statement: the SQL layer commits the open transaction before it (as H2 does), so the
     * result sets read in that transaction close first, as at {@link #commit()}; they would
     * otherwise end early, as if they had no more rows.
     */
    private final class Definition implements PreparedSql {
        private final PreparedSql ddl;

        Definition(PreparedSql ddl) {
            this.ddl = ddl;
        }

        @Override public boolean isQuery() { return ddl.isQuery(); }
        @Override public java.util.List<io.persimmon.sql.api.ParameterInfo> parameters() { return ddl.parameters(); }
        @Override public java.util.List<io.persimmon.sql.api.ColumnInfo> columns() { return ddl.columns(); }
        @Override public void close() { ddl.close(); }

        @Override
        public io.persimmon.sql.api.SqlResult execute(java.util.List<Object> parameters, long maxRows, long timeoutMillis)
                throws SQLException {
            if (!session.getAutoCommit()) {
                transactionEnds("commit (before a DDL statement)");
            }
            return ddl.execute(parameters, maxRows, timeoutMillis);
        }
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        checkResultSetKind(type, concurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
        return createStatement();
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        checkResultSetKind(type, concurrency, holdability);
        return createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        checkResultSetKind(type, concurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        checkResultSetKind(type, concurrency, holdability);
        return prepareStatement(sql);
    }

    /** Generated keys are returned when the SQL layer reports them; the request itself is accepted. */
    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        if (autoGeneratedKeys != Statement.RETURN_GENERATED_KEYS && autoGeneratedKeys != Statement.NO_GENERATED_KEYS) {
            throw Errors.invalid("autoGeneratedKeys " + autoGeneratedKeys + " is neither RETURN_GENERATED_KEYS "
                    + "nor NO_GENERATED_KEYS");
        }
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepareStatement(sql);
    }

    /**
     * Only forward-only, read-only result sets exist: a scrollable one asked for is downgraded with
     * a warning on this connection, as JDBC allows; an updatable one is refused.
     */
    private void checkResultSetKind(int type, int concurrency, int holdability) throws SQLException {
        checkOpen();
        if (type != ResultSet.TYPE_FORWARD_ONLY && type != ResultSet.TYPE_SCROLL_INSENSITIVE
                && type != ResultSet.TYPE_SCROLL_SENSITIVE) {
            throw Errors.invalid("unknown result set type " + type);
        }
        if (type != ResultSet.TYPE_FORWARD_ONLY) {
            addWarning(new SQLWarning("scrollable result sets are not supported: TYPE_FORWARD_ONLY is used", "01000"));
        }
        if (concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw Errors.unsupported("CONCUR_UPDATABLE result sets");
        }
        if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT && holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT) {
            throw Errors.invalid("unknown holdability " + holdability);
        }
        if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw Errors.unsupported("HOLD_CURSORS_OVER_COMMIT");
        }
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw Errors.unsupported("stored procedures (prepareCall)");
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
        throw Errors.unsupported("stored procedures (prepareCall)");
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability) throws SQLException {
        throw Errors.unsupported("stored procedures (prepareCall)");
    }

    /** SQL goes to the SQL layer as written: its parser reads JDBC escapes itself. */
    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    // ------------------------------------------------------------------ transactions

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        autoCommitAfterTransaction = false;
        if (autoCommit && !session.getAutoCommit()) {
            live.clear(); // turning autocommit on commits the open transaction
            transactionEnds("commit");
        }
        Errors.run(() -> session.setAutoCommit(autoCommit));
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return session.getAutoCommit();
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        requireManualCommit("commit");
        live.clear();
        transactionEnds("commit");
        Errors.run(session::commit);
        endTransactionBlock();
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        requireManualCommit("rollback");
        live.clear();
        transactionEnds("rollback");
        Errors.run(session::rollback);
        endTransactionBlock();
    }

    /**
     * SQL's BEGIN (or START TRANSACTION): in autocommit mode, a transaction that the next commit
     * or rollback ends, after which autocommit is on again (as in PostgreSQL and SQLite); with
     * autocommit off, nothing (the transaction is already open).
     */
    void beginTransaction() throws SQLException {
        checkOpen();
        if (session.getAutoCommit()) {
            Errors.run(() -> session.setAutoCommit(false));
            autoCommitAfterTransaction = true;
        }
    }

    /** Closes the result sets read in the transaction that ends ({@link PersimmonStatement#transactionEnds}). */
    private void transactionEnds(String how) throws SQLException {
        for (PersimmonStatement s : Set.copyOf(statements)) {
            s.transactionEnds(how);
        }
    }

    private void endTransactionBlock() throws SQLException {
        if (autoCommitAfterTransaction) {
            autoCommitAfterTransaction = false;
            Errors.run(() -> session.setAutoCommit(true));
        }
    }

    /** The newest live savepoint named {@code name}, for SQL's ROLLBACK TO and RELEASE; 3B001 when none is. */
    Savepoint namedSavepoint(String name) throws SQLException {
        checkOpen();
        for (int i = live.size() - 1; i >= 0; i--) {
            if (name.equals(live.get(i).name())) {
                return live.get(i);
            }
        }
        throw new SQLException("no savepoint " + name + " in the current transaction", "3B001");
    }

    private void requireManualCommit(String what) throws SQLException {
        if (session.getAutoCommit()) {
            throw new SQLException("cannot " + what + " in autocommit mode (each statement commits by itself)", "25000");
        }
    }

    /**
     * READ COMMITTED and REPEATABLE READ (snapshot isolation); READ UNCOMMITTED runs as READ
     * COMMITTED (a stronger level, as JDBC allows), with a warning; SERIALIZABLE is refused, since
     * snapshot isolation is not serializable.
     */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        Isolation isolation = switch (level) {
            case TRANSACTION_READ_UNCOMMITTED -> {
                addWarning(new SQLWarning("READ UNCOMMITTED runs as READ COMMITTED", "01000"));
                yield Isolation.READ_COMMITTED;
            }
            case TRANSACTION_READ_COMMITTED -> Isolation.READ_COMMITTED;
            case TRANSACTION_REPEATABLE_READ -> Isolation.REPEATABLE_READ;
            case TRANSACTION_SERIALIZABLE -> throw new SQLFeatureNotSupportedException("SERIALIZABLE is not supported: "
                    + "Persimmon's strongest level is REPEATABLE READ (snapshot isolation, which allows write skew)",
                    "0A000");
            default -> throw Errors.invalid("unknown transaction isolation level " + level);
        };
        Errors.run(() -> session.setIsolation(isolation));
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return session.getIsolation() == Isolation.REPEATABLE_READ ? TRANSACTION_REPEATABLE_READ
                : TRANSACTION_READ_COMMITTED;
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        checkOpen();
        requireManualCommit("set a savepoint");
        Object token = Errors.call(session::setSavepoint);
        PersimmonSavepoint sp = new PersimmonSavepoint(++savepoints, null, this, token);
        live.add(sp);
        return sp;
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        checkOpen();
        if (name == null) {
            throw Errors.invalid("a named savepoint needs a name");
        }
        requireManualCommit("set a savepoint");
        Object token = Errors.call(session::setSavepoint);
        PersimmonSavepoint sp = new PersimmonSavepoint(0, name, this, token);
        live.add(sp);
        return sp;
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        checkOpen();
        requireManualCommit("roll back to a savepoint");
        int at = indexOf(savepoint);
        Errors.run(() -> session.rollbackTo(live.get(at).token()));
        live.subList(at + 1, live.size()).clear();
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        checkOpen();
        int at = indexOf(savepoint);
        Errors.run(() -> session.releaseSavepoint(live.get(at).token()));
        live.subList(at, live.size()).clear();
    }

    /** Where {@code savepoint} is among the live ones; 3B001 when it is not one of them. */
    private int indexOf(Savepoint savepoint) throws SQLException {
        if (!(savepoint instanceof PersimmonSavepoint p) || p.owner() != this) {
            throw new SQLException("not a savepoint of this connection: " + savepoint, "3B001");
        }
        int at = live.indexOf(p);
        if (at < 0) {
            throw new SQLException(p + " was released or its transaction has ended", "3B001");
        }
        return at;
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        Errors.run(() -> session.setReadOnly(readOnly));
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return session.isReadOnly();
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        if (holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT) {
            throw Errors.unsupported("HOLD_CURSORS_OVER_COMMIT");
        }
        if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw Errors.invalid("unknown holdability " + holdability);
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    // ------------------------------------------------------------------ life

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        SQLException failure = null;
        for (PersimmonStatement s : Set.copyOf(statements)) {
            try {
                s.close();
            } catch (SQLException e) {
                failure = chain(failure, e);
            }
        }
        try {
            Errors.run(session::close);
        } catch (SQLException e) {
            failure = chain(failure, e);
        }
        try {
            lease.close();
        } catch (SQLException e) {
            failure = chain(failure, e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static SQLException chain(SQLException first, SQLException next) {
        if (first == null) {
            return next;
        }
        first.setNextException(next);
        return first;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Cancels what runs now, marks the connection closed and releases it on {@code executor}. */
    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw Errors.invalid("abort needs an executor");
        }
        if (closed) {
            return;
        }
        session.cancel();
        executor.execute(() -> {
            try {
                close();
            } catch (SQLException ignored) {
                // aborting: the connection is gone either way
            }
        });
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw Errors.invalid("isValid timeout " + timeout + " is negative");
        }
        return !closed && !session.isClosed();
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new PersimmonDatabaseMetaData(this, lease.database());
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    // ------------------------------------------------------------------ naming

    /** Persimmon has no catalogs: this is ignored, as JDBC says a driver without catalogs does. */
    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        Errors.run(() -> session.setSchema(schema));
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return session.getSchema();
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return typeMap;
    }

    /** Kept and returned; Persimmon has no user-defined types for it to map. */
    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        typeMap = map == null ? Map.of() : map;
    }

    /** No client info properties are supported: each one set is ignored with a warning, as JDBC asks. */
    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (closed) {
            throw new SQLClientInfoException("the connection is closed", "08003", 0, Map.of());
        }
        addWarning(new SQLWarning("client info property " + name + " is not supported and was ignored", "01000"));
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (closed) {
            throw new SQLClientInfoException("the connection is closed", "08003", 0, Map.of());
        }
        if (properties != null && !properties.isEmpty()) {
            addWarning(new SQLWarning("client info properties " + properties.stringPropertyNames()
                    + " are not supported and were ignored", "01000"));
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        return new Properties();
    }

    /** An embedded database has no network: the value is kept and returned, and changes nothing. */
    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        if (milliseconds < 0) {
            throw Errors.invalid("network timeout " + milliseconds + " is negative");
        }
        networkTimeout = milliseconds;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return networkTimeout;
    }

    // ------------------------------------------------------------------ unsupported objects

    @Override public Clob createClob() throws SQLException { throw Errors.unsupported("CLOB"); }
    @Override public Blob createBlob() throws SQLException { throw Errors.unsupported("BLOB"); }
    @Override public NClob createNClob() throws SQLException { throw Errors.unsupported("NCLOB"); }
    @Override public SQLXML createSQLXML() throws SQLException { throw Errors.unsupported("SQLXML"); }
    @Override public Array createArrayOf(String t, Object[] e) throws SQLException { throw Errors.unsupported("ARRAY"); }
    @Override public Struct createStruct(String t, Object[] a) throws SQLException { throw Errors.unsupported("STRUCT"); }

    @Override
    public String toString() {
        return "PersimmonConnection[" + PersimmonDriver.describe(url) + (closed ? ", closed" : "") + "]";
    }
}
