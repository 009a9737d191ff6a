package io.persimmon.sql.api;

import java.sql.SQLException;
import java.util.List;

/**
 * The result of one execution: rows (for a query) or an update count, and, for an INSERT into a
 * table whose key the database generates, the generated keys.
 */
public interface SqlResult extends AutoCloseable {
    /** Whether this result has rows; otherwise {@link #updateCount()} says what changed. */
    boolean hasRows();

    /** Rows inserted, updated or deleted; 0 for DDL; -1 for a query. */
    long updateCount();

    List<ColumnInfo> columns();

    /** Moves to the next row; false at the end. */
    boolean next() throws SQLException;

    /** Column {@code index} (0-based) of the current row. */
    Object get(int index) throws SQLException;

    @Override
    void close() throws SQLException;
}
