package io.persimmon.sql.api;

import java.sql.SQLException;
import java.util.List;

/** A prepared statement of one session: its shape, and executions with parameter values. */
public interface PreparedSql extends AutoCloseable {
    /** Whether executing returns rows (a query) rather than an update count. */
    boolean isQuery();

    /** The statement's parameters ({@code ?}), in order. */
    List<ParameterInfo> parameters();

    /** The columns of the rows a query returns; empty for other statements. */
    List<ColumnInfo> columns();

    /**
     * Executes with {@code parameters} (one value per {@code ?}, in the classes the package
     * documents). {@code maxRows} 0 means no limit; {@code timeoutMillis} 0 means none (then the
     * statement fails with 57014). In autocommit mode the statement commits when it completes
     * (a query: when its result is closed or read to the end).
     */
    SqlResult execute(List<Object> parameters, long maxRows, long timeoutMillis) throws SQLException;

    @Override
    void close();
}
