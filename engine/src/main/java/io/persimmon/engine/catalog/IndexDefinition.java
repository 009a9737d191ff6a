package io.persimmon.engine.catalog;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.util.Arrays;

/** A secondary index: its name, its table, the positions of its columns in order, and uniqueness. */
public record IndexDefinition(String name, String table, int[] columns, boolean unique) {
    public IndexDefinition {
        TableDefinition.requireName(name, "index");
        TableDefinition.requireName(table, "table");
        columns = columns.clone();
        if (columns.length == 0) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "index " + name + " needs at least one column");
        }
    }

    /** An index on the columns of {@code table} named {@code columnNames}. */
    public static IndexDefinition of(String name, TableDefinition table, boolean unique, String... columnNames) {
        int[] cols = new int[columnNames.length];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = table.columnIndex(columnNames[i]);
        }
        return new IndexDefinition(name, table.name(), cols, unique);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexDefinition d && d.name.equals(name) && d.table.equals(table)
                && Arrays.equals(d.columns, columns) && d.unique == unique;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "IndexDefinition[" + name + " on " + table + Arrays.toString(columns) + (unique ? " unique" : "") + "]";
    }
}
