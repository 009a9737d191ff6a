package io.persimmon.jdbc;

import io.persimmon.sql.api.PreparedSql;
import io.persimmon.sql.api.SqlResult;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement: each execution prepares its SQL in the connection's session (the SQL layer caches
 * plans) and runs it. At most one result is open at a time: executing again, or closing, closes
 * it. Every statement returns one result (rows or an update count), and a text of several
 * statements one update count each ({@link #runAll}); generated keys are an empty result set
 * until the SQL layer reports keys.
 */
class PersimmonStatement implements Statement, JdbcWrapper {
    final PersimmonConnection connection;
    private PersimmonResultSet current;
    private long updateCount = -1;
    private long maxRows;
    private int queryTimeoutSeconds;
    /** When the running statement's query timeout expires ({@link System#nanoTime()}), 0 for none. */
    private long deadlineNanos;
    private int fetchSize;
    private boolean poolable;
    private boolean closeOnCompletion;
    private boolean closed;
    private final List<String> batch = new ArrayList<>();
    /** The update counts after the current one, of a text of several statements ({@link #runAll}); null for none. */
    private java.util.Deque<Long> moreCounts;

    PersimmonStatement(PersimmonConnection connection) {
        this.connection = connection;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.closed("statement");
        }
        connection.checkOpen();
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs {@code sql} with {@code parameters}: rows become the current result set, otherwise the
     * update count is kept. {@code owned}: the statement closes {@code sql} when its result is done.
     */
    boolean run(PreparedSql sql, List<Object> parameters, boolean owned) throws SQLException {
        closeCurrent();
        SqlResult result;
        deadlineNanos = queryTimeoutSeconds == 0 ? 0 : System.nanoTime() + queryTimeoutSeconds * 1_000_000_000L;
        try {
            result = Errors.call(() -> sql.execute(parameters, maxRows, queryTimeoutSeconds * 1000L));
        } catch (SQLException e) {
            if (owned) {
                sql.close();
            }
            throw failure(e);
        }
        if (result.hasRows()) {
            current = new PersimmonResultSet(result, this, owned ? sql : null, !connection.getAutoCommit());
            updateCount = -1;
            return true;
        }
        try {
            updateCount = result.updateCount();
            Errors.run(result::close);
        } finally {
            if (owned) {
                sql.close();
            }
        }
        return false;
    }

    /**
     * A failure of this statement as the application sees it: a statement stopped (57014) after
     * its query timeout expired is an {@link SQLTimeoutException}, as JDBC says.
     */
    SQLException failure(SQLException e) {
        if ("57014".equals(e.getSQLState()) && deadlineNanos != 0 && System.nanoTime() - deadlineNanos >= 0
                && !(e instanceof SQLTimeoutException)) {
            return new SQLTimeoutException(e.getMessage(), e.getSQLState(), 0, e);
        }
        return e;
    }

    private PreparedSql prepare(String sql) throws SQLException {
        checkOpen();
        if (sql == null) {
            throw Errors.invalid("the SQL text is null");
        }
        return connection.prepareSql(sql);
    }

    /** Called by the current result set once it has released its rows. */
    void resultReleased(PersimmonResultSet rs) throws SQLException {
        if (rs != current) {
            return;
        }
        current = null;
        if (closeOnCompletion) {
            close();
        }
    }

    /**
     * The connection's transaction ends ({@code how}: "commit" or "rollback"): a result set read in
     * it closes, as {@link java.sql.ResultSet#CLOSE_CURSORS_AT_COMMIT} says, before the transaction
     * it reads in is gone (it would otherwise just end early, as if it had no more rows).
     */
    void transactionEnds(String how) throws SQLException {
        PersimmonResultSet rs = current;
        if (rs != null && rs.inTransaction) {
            rs.closeBecause(" by the " + how + " of its transaction (result sets do not stay open across a commit or"
                    + " rollback: read the rows before it)");
        }
    }

    private void closeCurrent() throws SQLException {
        updateCount = -1;
        moreCounts = null;
        PersimmonResultSet rs = current;
        if (rs != null) {
            boolean onCompletion = closeOnCompletion;
            closeOnCompletion = false; // the statement goes on: this result is replaced, not completed
            try {
                rs.close();
            } finally {
                closeOnCompletion = onCompletion;
                current = null;
            }
        }
    }

    static SQLException notAQuery(String sql) {
        return new SQLException("executeQuery needs a query; this statement returns an update count: " + sql, "07000");
    }

    static SQLException aQuery(String sql) {
        return new SQLException("executeUpdate cannot run a query (use executeQuery or execute): " + sql, "07000");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        List<String> statements = script(sql);
        if (statements.size() > 1) {
            runAll(statements);
            return false;
        }
        return run(prepare(sql), List.of(), true);
    }

    /** The statements of {@code sql} ({@link SqlText#statements}); checks that the statement is open. */
    private List<String> script(String sql) throws SQLException {
        checkOpen();
        if (sql == null) {
            throw Errors.invalid("the SQL text is null");
        }
        return SqlText.statements(sql);
    }

    /**
     * Runs several statements of one text in order, as a script runs (each in autocommit its own
     * transaction): the first's update count is the current result and {@link #getMoreResults}
     * moves to the next. None may be a query (0A000: its rows would have no place among the
     * counts). The first failure stops them, with its SQLState, naming which one failed; those
     * before it have run.
     */
    private void runAll(List<String> statements) throws SQLException {
        closeCurrent();
        java.util.ArrayDeque<Long> counts = new java.util.ArrayDeque<>();
        for (int i = 0; i < statements.size(); i++) {
            String text = statements.get(i);
            try {
                PreparedSql p = connection.prepareSql(text);
                if (p.isQuery()) {
                    p.close();
                    throw new SQLFeatureNotSupportedException("a query among several statements of one text: run "
                            + "it by itself (executeQuery)", "0A000");
                }
                run(p, List.of(), true);
                counts.add(updateCount);
            } catch (SQLException e) {
                String which = "statement " + (i + 1) + " of " + statements.size() + " failed"
                        + (counts.isEmpty() ? "" : " (those before it ran)") + ": ";
                SQLException named = e instanceof SQLTimeoutException
                        ? new SQLTimeoutException(which + e.getMessage(), e.getSQLState(), e.getErrorCode(), e)
                        : e instanceof java.sql.SQLTransactionRollbackException
                        ? new java.sql.SQLTransactionRollbackException(which + e.getMessage(), e.getSQLState(),
                                e.getErrorCode(), e)
                        : new SQLException(which + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                updateCount = -1;
                throw named;
            }
        }
        updateCount = counts.removeFirst();
        moreCounts = counts;
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        PreparedSql p = prepare(sql);
        if (!p.isQuery()) {
            p.close();
            throw notAQuery(sql);
        }
        run(p, List.of(), true);
        return current;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return clampCount(executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        List<String> statements = script(sql);
        if (statements.size() > 1) {
            runAll(statements);
            return updateCount;
        }
        PreparedSql p = prepare(sql);
        if (p.isQuery()) {
            p.close();
            throw aQuery(sql);
        }
        run(p, List.of(), true);
        return updateCount;
    }

    static int clampCount(long count) {
        return count > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) count;
    }

    @Override public boolean execute(String sql, int autoGeneratedKeys) throws SQLException { return execute(sql); }
    @Override public boolean execute(String sql, int[] columnIndexes) throws SQLException { return execute(sql); }
    @Override public boolean execute(String sql, String[] columnNames) throws SQLException { return execute(sql); }
    @Override public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException { return executeUpdate(sql); }
    @Override public int executeUpdate(String sql, int[] columnIndexes) throws SQLException { return executeUpdate(sql); }
    @Override public int executeUpdate(String sql, String[] columnNames) throws SQLException { return executeUpdate(sql); }
    @Override public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException { return executeLargeUpdate(sql); }
    @Override public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException { return executeLargeUpdate(sql); }
    @Override public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException { return executeLargeUpdate(sql); }

    // ------------------------------------------------------------------ batches

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        if (sql == null) {
            throw Errors.invalid("the SQL text is null");
        }
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        int[] r = new int[counts.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = clampCount(counts[i]);
        }
        return r;
    }

    /** Runs the statements in order; the first failure stops the batch (BatchUpdateException with the counts before it). */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<String> statements = List.copyOf(batch);
        batch.clear();
        long[] counts = new long[statements.size()];
        for (int i = 0; i < counts.length; i++) {
            try {
                counts[i] = executeLargeUpdate(statements.get(i));
            } catch (SQLException e) {
                throw batchFailure(e, java.util.Arrays.copyOf(counts, i));
            }
        }
        return counts;
    }

    static BatchUpdateException batchFailure(SQLException e, long[] done) {
        return new BatchUpdateException("batch entry " + done.length + " failed: " + e.getMessage(), e.getSQLState(),
                e.getErrorCode(), done, e);
    }

    // ------------------------------------------------------------------ results

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return current;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return clampCount(getLargeUpdateCount());
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    /**
     * A statement has one result, except a text of several statements, whose update counts come
     * one after the other; never a next result set.
     */
    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int what) throws SQLException {
        checkOpen();
        java.util.Deque<Long> more = moreCounts;
        switch (what) {
            case CLOSE_CURRENT_RESULT, CLOSE_ALL_RESULTS -> closeCurrent();
            case KEEP_CURRENT_RESULT -> {
                updateCount = -1;
                current = null; // left open for the application, no longer this statement's result
            }
            default -> throw Errors.invalid("unknown getMoreResults argument " + what);
        }
        if (more != null && !more.isEmpty()) {
            updateCount = more.removeFirst();
            moreCounts = more;
        }
        return false;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return new MemoryResultSet(List.of(), List.of(), this);
    }

    // ------------------------------------------------------------------ settings

    @Override
    public int getMaxRows() throws SQLException {
        return clampCount(getLargeMaxRows());
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw Errors.invalid("max rows " + max + " is negative");
        }
        maxRows = max;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeoutSeconds;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw Errors.invalid("query timeout " + seconds + " is negative");
        }
        queryTimeoutSeconds = seconds;
    }

    /** Cancels the statement running in this statement's connection (it fails with SQLState 57014). */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        connection.session().cancel();
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw Errors.invalid("max field size " + max + " is negative");
        }
        if (max != 0) {
            connection.addWarning(new SQLWarning("setMaxFieldSize is ignored: values are never truncated", "01000"));
        }
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen(); // the SQL layer's parser reads JDBC escapes itself
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw new SQLException("result sets are TYPE_FORWARD_ONLY", "24000");
        }
    }

    @Override public int getFetchDirection() throws SQLException { checkOpen(); return ResultSet.FETCH_FORWARD; }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw Errors.invalid("fetch size " + rows + " is negative");
        }
        fetchSize = rows;
    }

    @Override public int getFetchSize() throws SQLException { checkOpen(); return fetchSize; }
    @Override public int getResultSetConcurrency() throws SQLException { checkOpen(); return ResultSet.CONCUR_READ_ONLY; }
    @Override public int getResultSetType() throws SQLException { checkOpen(); return ResultSet.TYPE_FORWARD_ONLY; }
    @Override public int getResultSetHoldability() throws SQLException { checkOpen(); return ResultSet.CLOSE_CURSORS_AT_COMMIT; }
    @Override public Connection getConnection() throws SQLException { checkOpen(); return connection; }
    @Override public SQLWarning getWarnings() throws SQLException { checkOpen(); return null; }
    @Override public void clearWarnings() throws SQLException { checkOpen(); }
    @Override public void setCursorName(String name) throws SQLException { throw Errors.unsupported("named cursors"); }
    @Override public void setPoolable(boolean p) throws SQLException { checkOpen(); poolable = p; }
    @Override public boolean isPoolable() throws SQLException { checkOpen(); return poolable; }
    @Override public void closeOnCompletion() throws SQLException { checkOpen(); closeOnCompletion = true; }
    @Override public boolean isCloseOnCompletion() throws SQLException { checkOpen(); return closeOnCompletion; }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closeOnCompletion = false;
        try {
            closeCurrent();
        } finally {
            closed = true;
            connection.statementClosed(this);
            closeResources();
        }
    }

    /** What a subclass holds beyond the current result (a prepared statement's plan). */
    void closeResources() {}

    @Override
    public boolean isClosed() {
        return closed;
    }
}
