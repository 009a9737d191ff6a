package io.persimmon.sql;

import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.DatabaseOptions;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.sql.api.PreparedSql;
import io.persimmon.sql.api.Session;
import io.persimmon.sql.api.SqlDatabase;
import io.persimmon.sql.api.SqlResult;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A fresh database and one session per test, with helpers that run SQL and read rows. */
public abstract class SqlTestSupport {
    @TempDir
    protected Path dir;
    protected SqlDatabase sql;
    protected Session session;

    @BeforeEach
    void openDatabase() throws SQLException {
        DatabaseOptions options = DatabaseOptions.defaults()
                .withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS))
                .withLog(2, 1 << 20).withLockTimeout(lockTimeout());
        sql = PersimmonSql.open(Database.open(dir.resolve("db.pool"), options));
        session = sql.openSession();
    }

    /** How long a statement waits for a row lock before 55P03. */
    protected Duration lockTimeout() {
        return Duration.ofMillis(500);
    }

    /** Closes the database and opens it again from its file, with a new session. */
    protected void reopen() throws SQLException {
        closeDatabase();
        openDatabase();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        session.close();
        sql.close();
    }

    /** Runs a statement in {@code s}; its update count. */
    protected static long exec(Session s, String text, Object... parameters) throws SQLException {
        try (PreparedSql p = s.prepare(text); SqlResult r = p.execute(Arrays.asList(parameters), 0, 0)) {
            return r.updateCount();
        }
    }

    protected long exec(String text, Object... parameters) throws SQLException {
        return exec(session, text, parameters);
    }

    /** Runs a query in {@code s}; its rows. */
    protected static List<List<Object>> query(Session s, String text, Object... parameters) throws SQLException {
        try (PreparedSql p = s.prepare(text); SqlResult r = p.execute(Arrays.asList(parameters), 0, 0)) {
            return rows(r);
        }
    }

    protected List<List<Object>> query(String text, Object... parameters) throws SQLException {
        return query(session, text, parameters);
    }

    protected static List<List<Object>> rows(SqlResult r) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        while (r.next()) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < r.columns().size(); i++) {
                row.add(r.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The rows as text, one "a, b, c" per row, for compact assertions. */
    protected List<String> text(String text, Object... parameters) throws SQLException {
        return query(text, parameters).stream().map(r -> String.join(", ", r.stream().map(String::valueOf).toList()))
                .toList();
    }

    /** The whole EXPLAIN PLAN output of a query. */
    protected String plan(String text) throws SQLException {
        return String.join("\n", query("EXPLAIN PLAN FOR " + text).stream().map(r -> (String) r.get(0)).toList());
    }

    /** Asserts that {@code action} fails with {@code state}; the exception. */
    protected static SQLException assertState(String state, Executable action) {
        SQLException e = assertThrows(SQLException.class, action);
        assertEquals(state, e.getSQLState(), () -> "SQLState of: " + e.getMessage());
        return e;
    }
}
