package io.persimmon.engine.db;

/**
 * Rows of a scan in index order: {@code while (c.next()) { c.row(); c.key(); }}. Close it when
 * done early (the transaction closes its cursors when it ends); a cursor that reached its end has
 * closed itself.
 */
public interface RowCursor extends AutoCloseable {
    boolean next();

    /** The current row's column values (the table's declared columns). */
    Object[] row();

    /** The current row's primary key, encoded (to pass to update and delete). */
    byte[] key();

    @Override
    void close();
}
