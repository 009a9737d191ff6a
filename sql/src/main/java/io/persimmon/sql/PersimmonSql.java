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

    /**
     * The words the parser reserves that SQL:2003 does not (comma-separated, as
     * {@link java.sql.DatabaseMetaData#getSQLKeywords()} gives them): a name that is one must be
     * quoted, and tools quote by this list.
     */
    public static String jdbcKeywords() {
        return io.persimmon.sql.parser.impl.PersimmonSqlParserImpl.FACTORY
                .getParser(new java.io.StringReader("")).getMetadata().getJdbcKeywords();
    }
}
