package io.persimmon.engine.db;

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
}
