package io.persimmon.jdbc;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.db.Database;
import io.persimmon.sql.PersimmonSql;
import io.persimmon.sql.api.SqlDatabase;

import java.sql.SQLException;

/** How the driver reaches the SQL layer: {@link PersimmonSql#open(Database)}, failures as SQLExceptions. */
final class SqlLayer {
    private SqlLayer() {}

    static SqlDatabase open(Database database) throws SQLException {
        try {
            return PersimmonSql.open(database);
        } catch (PersimmonException e) {
            throw Errors.of(e);
        } catch (RuntimeException e) {
            throw Errors.unexpected(e);
        }
    }
}
