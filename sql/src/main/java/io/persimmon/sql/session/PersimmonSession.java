package io.persimmon.sql.session;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.CommitCosts;
import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.db.Transaction;
import io.persimmon.sql.PersimmonErrors;
import io.persimmon.sql.api.PreparedSql;
import io.persimmon.sql.api.Session;
import io.persimmon.sql.api.SqlResult;
import io.persimmon.sql.ddl.PersimmonDdl;
import io.persimmon.sql.exec.PersimmonDataContext;
import io.persimmon.sql.exec.PersimmonExecution;
import io.persimmon.sql.exec.PersimmonStatementRestart;
import io.persimmon.sql.plan.PersimmonPlan;
import io.persimmon.sql.schema.PersimmonSchema;

import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection: its transaction (begun by the first statement after a commit or rollback),
 * autocommit (each statement in its own transaction, committed when it completes), isolation,
 * read-only flag and savepoints.
 *
 * <p>Statement atomicity: a failed statement leaves no change behind. Outside autocommit, each
 * DML statement runs after an engine savepoint and is rolled back to it when it fails; a
 * serialization failure or deadlock rolls back the whole transaction (the engine has already
 * given up its locks' purpose). DDL commits an open transaction first, as in H2.
 *
 * <p>Write consistency under READ COMMITTED: when an UPDATE or DELETE finds that a row it has
 * locked was changed by a commit after its scan read it ({@link PersimmonStatementRestart}), its
 * changes are rolled back to the savepoint taken when it began, its locks are kept, and it runs
 * again from the start with a new snapshot, at most {@link #MAX_RESTARTS} times (then 40001).
 *
 * <p>Read consistency under READ COMMITTED: each statement (each run of a restarted one) reads one
 * snapshot, taken when it begins ({@link Transaction#beginStatement()}); a query holds it until
 * its rows end or its result is closed.
 */
final class PersimmonSession implements Session {
    /** How many times one statement may restart before it fails with 40001. */
    static final int MAX_RESTARTS = 10;

    private final PersimmonSqlDatabase db;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private Transaction tx;
    private boolean autoCommit = true;
    private Isolation isolation = Isolation.READ_COMMITTED;
    /** The persistence work of this session's commits (SYS.PERSISTENCE_STATS' SESSION_ columns). */
    private final CommitCosts commitCosts = new CommitCosts();
    private boolean readOnly;
    private boolean closed;

    PersimmonSession(PersimmonSqlDatabase db) {
        this.db = db;
    }

    @Override
    public PreparedSql prepare(String sql) throws SQLException {
        checkOpen();
        return new PersimmonPreparedSql(this, sql, db.plan(sql));
    }

    PersimmonPlan replan(String sql, PersimmonPlan plan) throws SQLException {
        return plan.schemaVersion() == db.schema().version() ? plan : db.plan(sql);
    }

    /** Executes a plan in this session. */
    SqlResult execute(PersimmonPlan plan, List<Object> parameters, long maxRows, long timeoutMillis)
            throws SQLException {
        checkOpen();
        cancelled.set(false);
        if (plan.kind() == PersimmonPlan.Kind.DDL) {
            return PersimmonResult.count(executeDdl(plan));
        }
        if (plan.kind() == PersimmonPlan.Kind.EXPLAIN) {
            return PersimmonResult.text(plan);
        }
        List<Object> values = plan.bound() != null && parameters.isEmpty() ? plan.bound() : parameters(plan, parameters);
        if (plan.kind() == PersimmonPlan.Kind.DML && readOnly) {
            throw PersimmonErrors.of("25006", "the connection is read-only");
        }
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        Transaction t = autoCommit ? begin() : current();
        PersimmonExecution execution = new PersimmonExecution(t, plan.forUpdate(), cancelled, deadline);
        PersimmonSchema schema = db.schema();
        PersimmonDataContext context = new PersimmonDataContext(schema.root(), db.typeFactory(), plan.stashed(),
                values, execution);
        Transaction.Savepoint savepoint = t.savepoint(); // for a failed statement (see fail) and a restarted one
        Transaction.StatementSnapshot statement = null; // a query's, held until its rows end
        try {
            if (plan.kind() == PersimmonPlan.Kind.DML) {
                long count = 0;
                for (int restarts = 0; ; restarts++) {
                    try (Transaction.StatementSnapshot run = t.beginStatement()) { // each run, a new snapshot
                        count = count(plan.bindable().bind(context));
                        break;
                    } catch (RuntimeException ex) {
                        if (restartOf(ex) == null) {
                            throw ex;
                        }
                        if (restarts == MAX_RESTARTS) {
                            throw PersimmonErrors.of("40001", "could not serialize: the statement restarted "
                                    + MAX_RESTARTS + " times because rows it read kept being changed by other"
                                    + " transactions (" + restartOf(ex).getMessage() + "); retry the transaction");
                        }
                        t.rollbackTo(savepoint); // its locks stay held: the next run finds those rows settled
                    }
                }
                if (autoCommit) {
                    t.commit();
                }
                return PersimmonResult.count(count);
            }
            statement = t.beginStatement();
            Enumerator<?> e = plan.bindable().bind(context).enumerator();
            Transaction.StatementSnapshot snapshot = statement;
            return PersimmonResult.rows(plan, e, maxRows, new PersimmonResult.Completion() {
                @Override
                public void completed() throws SQLException {
                    if (snapshot != null) {
                        snapshot.close();
                    }
                    if (autoCommit) {
                        try {
                            t.commit();
                        } catch (RuntimeException ex) {
                            throw PersimmonErrors.map(ex);
                        }
                    }
                }

                @Override
                public SQLException failed(Throwable ex) {
                    if (snapshot != null) {
                        snapshot.close();
                    }
                    return fail(t, null, ex);
                }
            });
        } catch (Throwable ex) {
            if (statement != null) {
                statement.close();
            }
            throw fail(t, savepoint, ex);
        }
    }

    /** Runs a DML statement's plan: the number of rows it changed. */
    private static long count(Enumerable<?> rows) {
        try (Enumerator<?> e = rows.enumerator()) {
            return e.moveNext() ? ((Number) e.current()).longValue() : 0;
        }
    }

    /** The restart signal in {@code ex}'s causes (generated code may wrap it), or null. */
    private static PersimmonStatementRestart restartOf(Throwable ex) {
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof PersimmonStatementRestart r) {
                return r;
            }
        }
        return null;
    }

    /** Undoes what a failed statement did (see the class comment) and maps the failure. */
    private SQLException fail(Transaction t, Transaction.Savepoint savepoint, Throwable ex) {
        SQLException e = PersimmonErrors.map(ex);
        boolean fatal = "40001".equals(e.getSQLState()) || (ex instanceof PersimmonException p
                && (p.code() == ErrorCode.SERIALIZATION_FAILURE || p.code() == ErrorCode.DEADLOCK));
        try {
            if (autoCommit || fatal) {
                t.rollback();
                if (t == tx) {
                    tx = null;
                }
            } else if (savepoint != null && t.isActive()) {
                t.rollbackTo(savepoint);
            }
        } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
        }
        return e;
    }

    private long executeDdl(PersimmonPlan plan) throws SQLException {
        if (readOnly) {
            throw PersimmonErrors.of("25006", "the connection is read-only");
        }
        if (tx != null) {
            commit();
        }
        return new PersimmonDdl(new PersimmonDdl.Host() {
            @Override
            public Database database() {
                return db.database();
            }

            @Override
            public PersimmonPlan prepare(String sql) throws SQLException {
                return db.plan(sql);
            }

            @Override
            public Object queryValue(String sql) throws SQLException {
                boolean was = autoCommit;
                autoCommit = true;
                try (SqlResult r = execute(db.plan(sql), List.of(), 0, 0)) {
                    return r.next() ? r.get(0) : null;
                } finally {
                    autoCommit = was;
                }
            }

            @Override
            public long executeUpdate(String sql) throws SQLException {
                boolean was = autoCommit;
                autoCommit = true;
                try (SqlResult r = execute(db.plan(sql), List.of(), 0, 0)) {
                    return r.updateCount();
                } finally {
                    autoCommit = was;
                }
            }

            @Override
            public void schemaChanged() {
                db.schemaChanged();
            }
        }).execute(plan.ddl());
    }

    private static List<Object> parameters(PersimmonPlan plan, List<Object> given) throws SQLException {
        if (given.size() != plan.parameterTypes().size()) {
            throw PersimmonErrors.of("07001", "the statement has " + plan.parameterTypes().size()
                    + " parameters, " + given.size() + " values were given");
        }
        List<Object> values = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            values.add(plan.parameterValue(i, given.get(i)));
        }
        return values;
    }

    private Transaction begin() throws SQLException {
        try {
            return db.database().begin(isolation, commitCosts);
        } catch (RuntimeException e) {
            throw PersimmonErrors.map(e);
        }
    }

    private Transaction current() throws SQLException {
        if (tx == null || !tx.isActive()) {
            tx = begin();
        }
        return tx;
    }

    @Override
    public boolean getAutoCommit() {
        return autoCommit;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (autoCommit && !this.autoCommit) {
            commit();
        }
        this.autoCommit = autoCommit;
    }

    @Override
    public Isolation getIsolation() {
        return isolation;
    }

    @Override
    public void setIsolation(Isolation isolation) throws SQLException {
        checkOpen();
        if (tx != null && tx.isActive() && tx.hasWrites()) {
            throw PersimmonErrors.of("25001", "cannot change the isolation level of a transaction that has written");
        }
        this.isolation = isolation;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        this.readOnly = readOnly;
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        Transaction t = tx;
        tx = null;
        if (t != null && t.isActive()) {
            try {
                t.commit();
            } catch (RuntimeException e) {
                throw PersimmonErrors.map(e);
            }
        }
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        Transaction t = tx;
        tx = null;
        if (t != null) {
            t.rollback();
        }
    }

    @Override
    public Object setSavepoint() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw PersimmonErrors.of("3B001", "savepoints need autocommit off");
        }
        return current().savepoint();
    }

    @Override
    public void rollbackTo(Object savepoint) throws SQLException {
        checkOpen();
        if (tx == null || !(savepoint instanceof Transaction.Savepoint s)) {
            throw PersimmonErrors.of("3B001", "no such savepoint in the current transaction");
        }
        try {
            tx.rollbackTo(s);
        } catch (RuntimeException e) {
            throw PersimmonErrors.of("3B001", e.getMessage());
        }
    }

    @Override
    public void releaseSavepoint(Object savepoint) throws SQLException {
        checkOpen();
        if (tx == null || !(savepoint instanceof Transaction.Savepoint)) {
            throw PersimmonErrors.of("3B001", "no such savepoint in the current transaction");
        }
    }

    @Override
    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public String getSchema() {
        return PersimmonSchema.NAME;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        if (!PersimmonSchema.NAME.equals(schema)) {
            throw PersimmonErrors.of("3F000", "schema " + schema + " does not exist");
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw PersimmonErrors.of("08003", "the session is closed");
        }
        db.checkOpen();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (tx != null) {
                tx.rollback();
                tx = null;
            }
        }
    }
}
