package io.persimmon.sql.api;

import io.persimmon.engine.db.Database;

import java.sql.SQLException;

/** SQL over one open database: shared by every connection; owns the plan cache. */
public interface SqlDatabase extends AutoCloseable {
    /** A new session (one per JDBC connection). */
    Session openSession() throws SQLException;

    /** The engine database underneath (for metadata and tools). */
    Database database();

    /** Closes the database; open sessions fail afterwards. */
    @Override
    void close() throws SQLException;
}
