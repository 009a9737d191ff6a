package io.persimmon.engine.db;

import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.row.KeyCodec;
import io.persimmon.engine.row.KeyColumn;
import io.persimmon.engine.row.Values;

/**
 * A secondary index of a table: entries keyed by the index columns followed by the primary key
 * (so every entry is distinct), each naming the row's slot. An entry stays while some version of
 * its row that a snapshot may still see carries its key; readers re-check the row they reach.
 */
public final class Index {
    final long id;
    private final IndexDefinition definition;
    final Table table;
    /** Stored-row positions of the entry key: the index columns, then the primary key columns. */
    final int[] positions;
    final KeyColumn[] keyColumns;
    final TreeStore tree;
    /** Whether a key of this index can be longer than its tree holds (its columns' types allow it): then each is checked. */
    final boolean keysMayBeTooLong;
    volatile boolean ready;
    /** The last distinct-key estimate and the row count it was made at; see {@link Database#distinctKeys}. */
    volatile long[] distinctEstimate;

    Index(long id, IndexDefinition definition, Table table, TreeStore tree, boolean ready) {
        this.id = id;
        this.definition = definition;
        this.table = table;
        int[] cols = table.storedPositions(definition.columns());
        positions = new int[cols.length + table.keyPositions.length];
        System.arraycopy(cols, 0, positions, 0, cols.length);
        System.arraycopy(table.keyPositions, 0, positions, cols.length, table.keyPositions.length);
        keyColumns = new KeyColumn[positions.length];
        for (int i = 0; i < positions.length; i++) {
            keyColumns[i] = KeyColumn.asc(table.stored(positions[i]).type());
        }
        this.tree = tree;
        this.ready = ready;
        this.keysMayBeTooLong = tree == null || KeyCodec.maxLength(keyColumns) > tree.maxKeyLength();
    }

    public String name() {
        return definition.name();
    }

    /** Refuses a key of this index longer than its tree holds (see {@link TreeStore#holds}). */
    void requireStorable(byte[] key) {
        if (!tree.holds(key)) {
            throw tree.tooLong(key.length, "index " + name() + " of table " + table.name());
        }
    }

    public IndexDefinition definition() {
        return definition;
    }

    public Table table() {
        return table;
    }

    public boolean isUnique() {
        return definition.unique();
    }

    public boolean isReady() {
        return ready;
    }

    /** The encoded prefix for values of the first index columns (conformed to their columns). */
    public byte[] prefix(Object... values) {
        Object[] conformed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            conformed[i] = Values.conform(table.stored(positions[i]), values[i], table.name());
        }
        return KeyCodec.encodePrefix(conformed, keyColumns, values.length);
    }

    /** Rows the index lists (its table's row count), for planning. */
    public long entryCount() {
        return table.rowCount();
    }

    byte[] keyOf(Object[] storedRow) {
        Object[] values = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            values[i] = storedRow[positions[i]];
        }
        return KeyCodec.encode(values, keyColumns);
    }

    /** The encoded index columns alone, or null when one is NULL (NULLs never collide in a unique index). */
    byte[] uniquePrefix(Object[] storedRow) {
        int n = definition.columns().length;
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = storedRow[positions[i]];
            if (values[i] == null) {
                return null;
            }
        }
        return KeyCodec.encodePrefix(values, keyColumns, n);
    }

    @Override
    public String toString() {
        return "index " + name() + " on " + table.name();
    }
}
