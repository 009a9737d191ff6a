package io.persimmon.sql;

import io.persimmon.engine.db.Database;
import io.persimmon.sql.api.SqlDatabase;
import io.persimmon.sql.session.PersimmonSqlDatabase;

/** The entry point of the SQL layer: SQL over an open engine database. */
public final class PersimmonSql {
    private PersimmonSql() {}

    /** SQL over {@code db}; closing the result closes {@code db}. */
    public static SqlDatabase open(Database db) {
        return new PersimmonSqlDatabase(db);
    }
}
