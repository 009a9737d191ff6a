package io.persimmon.jdbc;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.db.Database;
import io.persimmon.sql.api.SqlDatabase;

import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;

/**
 * How the driver reaches the SQL layer's implementation, {@code io.persimmon.sql.PersimmonSql}.
 * It is found by name while the SQL layer is being written beside the driver, so that the driver
 * builds (and its tests that need no SQL run) before it exists; once it is merged this becomes a
 * direct call.
 */
final class SqlLayer {
    static final String IMPLEMENTATION = "io.persimmon.sql.PersimmonSql";

    private SqlLayer() {}

    static SqlDatabase open(Database database) throws SQLException {
        Class<?> impl;
        try {
            impl = Class.forName(IMPLEMENTATION);
        } catch (ClassNotFoundException e) {
            throw new SQLException("the SQL layer (" + IMPLEMENTATION + ") is not in this build", "0A000", e);
        }
        try {
            return (SqlDatabase) impl.getMethod("open", Database.class).invoke(null, database);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException se) {
                throw Errors.passOn(se);
            }
            if (cause instanceof PersimmonException pe) {
                throw Errors.of(pe);
            }
            throw new SQLException("the SQL layer failed to open: " + cause, "XX000", cause);
        } catch (ReflectiveOperationException e) {
            throw new SQLException("the SQL layer (" + IMPLEMENTATION + ") has no open(Database): " + e, "XX000", e);
        }
    }
}
