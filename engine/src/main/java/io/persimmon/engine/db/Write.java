package io.persimmon.engine.db;

/**
 * A transaction's pending change to one row: the row as the newest committed state had it when
 * the transaction locked it ({@code before}, null when absent), and the row it will commit
 * ({@code row}, null to delete). Rows are in stored form (hidden row id included).
 */
final class Write {
    final Table table;
    final byte[] key;
    final Object[] before;
    Object[] row;

    Write(Table table, byte[] key, Object[] before) {
        this.table = table;
        this.key = key;
        this.before = before;
        this.row = before;
    }

    boolean changed() {
        return row != before;
    }
}
