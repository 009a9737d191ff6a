package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

/**
 * The declared columns a read returns, in the order it returns them. A get or scan given a
 * selection decodes, of each row version it reads, only those columns and the key columns the
 * read itself needs (the primary key, to place the row among the transaction's own writes and to
 * hand out {@link RowCursor#key()}; for an index scan also the index's columns, to recognise a
 * stale entry); the other fields are skipped without building their values. Its rows hold the
 * selected columns alone. A query that needs two columns of a wide row thus builds two values,
 * not every String and BigDecimal of the row.
 */
public final class ColumnSelection {
    private final Table table;
    /** Stored positions of the selected columns, in the order rows list them. */
    private final int[] stored;
    /** Stored positions a primary-key read decodes: the selected columns and the primary key. */
    private final boolean[] primaryMask;

    private ColumnSelection(Table table, int[] stored, boolean[] primaryMask) {
        this.table = table;
        this.stored = stored;
        this.primaryMask = primaryMask;
    }

    /** The declared columns {@code columns} (positions in the table's definition) of {@code table}. */
    public static ColumnSelection of(Table table, int... columns) {
        int declared = table.definition().columns().size();
        int[] stored = new int[columns.length];
        boolean[] mask = new boolean[declared + table.offset];
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] < 0 || columns[i] >= declared) {
                throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "column " + columns[i] + " of table "
                        + table.name() + ", which has " + declared + " columns");
            }
            stored[i] = columns[i] + table.offset;
            mask[stored[i]] = true;
        }
        for (int k : table.keyPositions) {
            mask[k] = true;
        }
        return new ColumnSelection(table, stored, mask);
    }

    /** Number of columns in a row of this selection. */
    public int size() {
        return stored.length;
    }

    /** The stored positions a read through {@code index} (null: the primary key) decodes. */
    boolean[] mask(Index index) {
        if (index == null) {
            return primaryMask;
        }
        boolean[] mask = primaryMask.clone();
        for (int p : index.positions) {
            mask[p] = true;
        }
        return mask;
    }

    /** The selected values of a stored row (decoded with at least this selection's mask), in order. */
    Object[] project(Object[] storedRow) {
        Object[] row = new Object[stored.length];
        for (int i = 0; i < stored.length; i++) {
            row[i] = storedRow[stored[i]];
        }
        return row;
    }

    /** Whether this selects columns of {@code t}. */
    void requireTable(Table t) {
        if (t != table) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "a selection of the columns of " + table
                    + " used to read " + t);
        }
    }

    /** Number of stored positions {@code mask} decodes. */
    static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
