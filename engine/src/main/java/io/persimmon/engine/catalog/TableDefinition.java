package io.persimmon.engine.catalog;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.row.Column;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A table as its creator declared it: a name, typed columns, and the positions of the primary-key
 * columns (none: the table gets a hidden row id). Primary-key columns are NOT NULL whatever their
 * declaration says, as in the SQL standard. {@code attributes} is text the engine stores and
 * returns without reading it: the SQL layer keeps there what only it understands (defaults,
 * foreign keys). {@code addedDefaults} holds, per column, the value that rows written before the
 * column was added read for it (null: NULL); a column added with a default costs one catalog
 * change, no rewrite of the rows.
 */
public record TableDefinition(String name, List<Column> columns, int[] primaryKey, String attributes,
                              List<Object> addedDefaults) {
    public TableDefinition(String name, List<Column> columns, int[] primaryKey) {
        this(name, columns, primaryKey, "");
    }

    public TableDefinition(String name, List<Column> columns, int[] primaryKey, String attributes) {
        this(name, columns, primaryKey, attributes, null);
    }

    public TableDefinition {
        attributes = attributes == null ? "" : attributes;
        if (addedDefaults == null) {
            addedDefaults = java.util.Collections.nCopies(columns.size(), null);
        } else if (addedDefaults.size() != columns.size()) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "table " + name + " has " + columns.size()
                    + " columns and " + addedDefaults.size() + " added defaults");
        }
        addedDefaults = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(addedDefaults));
        requireName(name, "table");
        columns = List.copyOf(columns);
        primaryKey = primaryKey.clone();
        if (columns.isEmpty()) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "table " + name + " needs at least one column");
        }
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            if (!seen.add(c.name())) {
                throw new PersimmonException(ErrorCode.ALREADY_EXISTS, "table " + name + " declares column " + c.name() + " twice");
            }
        }
        Set<Integer> keySeen = new HashSet<>();
        for (int k : primaryKey) {
            if (k < 0 || k >= columns.size() || !keySeen.add(k)) {
                throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "table " + name
                        + " has an invalid primary key column position " + k);
            }
        }
        Column[] fixed = columns.toArray(new Column[0]);
        for (int k : primaryKey) {
            if (fixed[k].nullable()) {
                fixed[k] = Column.notNull(fixed[k].name(), fixed[k].type());
            }
        }
        columns = List.of(fixed);
    }

    /** A table with the primary key given by column names (none: a hidden row id). */
    public static TableDefinition of(String name, List<Column> columns, String... primaryKeyColumns) {
        int[] key = new int[primaryKeyColumns.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = indexOf(name, columns, primaryKeyColumns[i]);
        }
        return new TableDefinition(name, columns, key);
    }

    /** The same table with other attributes. */
    public TableDefinition withAttributes(String text) {
        return new TableDefinition(name, columns, primaryKey, text, addedDefaults);
    }

    /** Whether the table has no declared primary key (rows are keyed by a hidden row id). */
    public boolean hasHiddenKey() {
        return primaryKey.length == 0;
    }

    /** The position of the column named {@code column}; NO_SUCH_COLUMN when there is none. */
    public int columnIndex(String column) {
        return indexOf(name, columns, column);
    }

    static int indexOf(String table, List<Column> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new PersimmonException(ErrorCode.NO_SUCH_COLUMN, "table " + table + " has no column " + column);
    }

    static void requireName(String name, String what) {
        if (name == null || name.isEmpty() || name.length() > 1024) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "a " + what + " needs a name of 1 to 1024 characters");
        }
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof TableDefinition t && t.name.equals(name) && t.columns.equals(columns)
                && Arrays.equals(t.primaryKey, primaryKey) && t.attributes.equals(attributes)
                && Arrays.deepEquals(t.addedDefaults.toArray(), addedDefaults.toArray());
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + columns.hashCode();
    }

    @Override
    public String toString() {
        return "TableDefinition[" + name + " " + columns + " key " + Arrays.toString(primaryKey) + "]";
    }
}
