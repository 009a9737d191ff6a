package io.persimmon.engine.db;

import io.persimmon.engine.row.RowCodec;

/**
 * A transaction's pending change to one row: the row as the newest committed state had it when
 * the transaction locked it ({@code before}, null when absent), and the row it will commit
 * ({@code row}, null to delete). Rows are in stored form (hidden row id included).
 *
 * <p>It also keeps the key's slot in the primary tree as found when the row was locked
 * ({@code slot}, or {@code BTree.NOT_FOUND}), with the tree's removal count read just before
 * ({@code removals}): while the lock is held no other transaction changes that entry, and only
 * garbage collection removes entries, so the commit reuses the slot found then unless the count
 * has moved since (see {@link TreeStore#removals()}).
 */
final class Write {
    final Table table;
    final byte[] key;
    final Object[] before;
    final long slot;
    final long removals;
    Object[] row;
    /**
     * The table's {@link Table#uniqueIndexGeneration} when {@code row} was checked against its
     * unique indexes: a unique index created since then never saw the row, so the commit refuses
     * it (SERIALIZATION_FAILURE) rather than let a duplicate in.
     */
    long uniqueChecked;
    /**
     * {@code row} encoded by {@link #encodeAhead} before the commit lock is taken, for the table's
     * shape of then: the commit uses it while the row and the shape are still those.
     */
    private byte[] encoded;
    private Object[] encodedRow;
    private Table.Shape encodedShape;

    Write(Table table, byte[] key, Object[] before, long slot, long removals) {
        this.table = table;
        this.key = key;
        this.before = before;
        this.slot = slot;
        this.removals = removals;
        this.row = before;
        this.uniqueChecked = table.uniqueIndexGeneration;
    }

    boolean changed() {
        return row != before;
    }

    /**
     * Encodes the row to commit now, outside the commit lock, so that concurrent commits do not
     * wait for each other's row encoding. A row that does not fit the table's shape is left to
     * the commit, which refuses it.
     */
    void encodeAhead() {
        Table.Shape shape = table.shape;
        if (row != null && row.length == shape.stored().length) {
            encoded = RowCodec.encode(row, shape.storedTypes());
            encodedRow = row;
            encodedShape = shape;
        }
    }

    /** The row's stored bytes for the table's current shape: those {@link #encodeAhead} made if still right. */
    byte[] encodedRow() {
        if (encoded != null && encodedRow == row && encodedShape == table.shape) {
            return encoded;
        }
        return table.encode(row);
    }
}
