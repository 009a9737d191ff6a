package io.persimmon.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A savepoint of a connection: its JDBC id or name, and the SQL layer's token for it.
 *
 * @param id    the id of an unnamed savepoint (0 for a named one)
 * @param name  the name of a named savepoint (null for an unnamed one)
 * @param owner the connection that set it
 * @param token what {@link io.persimmon.sql.api.Session#setSavepoint()} returned
 */
record PersimmonSavepoint(int id, String name, PersimmonConnection owner, Object token) implements Savepoint {
    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw new SQLException("savepoint " + name + " is named: it has no id", "3B001");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw new SQLException("savepoint " + id + " is unnamed", "3B001");
        }
        return name;
    }

    @Override
    public String toString() {
        return name != null ? "savepoint " + name : "savepoint " + id;
    }
}
