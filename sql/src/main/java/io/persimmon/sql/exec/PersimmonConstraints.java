package io.persimmon.sql.exec;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.db.Index;
import io.persimmon.engine.db.KeyRange;
import io.persimmon.engine.db.RowCursor;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.db.Transaction;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.Values;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The foreign keys a change to one table must respect (SQLState 23503): {@code outgoing}, where
 * the table is the child (a new or changed row must reference an existing parent row) and
 * {@code incoming}, where it is the parent (a row that children reference may not be deleted, nor
 * its referenced columns changed). A child's parent row is locked ({@link #lockParent}) and
 * children are looked for as the newest commits left them, so a concurrent parent delete cannot
 * leave an orphan. A lookup uses the primary key or an index that starts with the columns, else
 * scans the table.
 */
public final class PersimmonConstraints {
    /** One foreign key: {@code child(childColumns) REFERENCES parent(parentColumns)}. */
    public record ForeignKey(String name, Table child, int[] childColumns, Table parent, int[] parentColumns) {}

    /** No foreign keys at all. */
    public static final PersimmonConstraints NONE = new PersimmonConstraints(List.of(), List.of());

    private final List<ForeignKey> outgoing;
    private final List<ForeignKey> incoming;

    public PersimmonConstraints(List<ForeignKey> outgoing, List<ForeignKey> incoming) {
        this.outgoing = List.copyOf(outgoing);
        this.incoming = List.copyOf(incoming);
    }

    void beforeInsert(Transaction tx, Object[] row) {
        for (ForeignKey fk : outgoing) {
            requireParent(tx, fk, row);
        }
    }

    void beforeUpdate(Transaction tx, Object[] old, Object[] changed) {
        for (ForeignKey fk : outgoing) {
            if (!same(old, changed, fk.childColumns())) {
                requireParent(tx, fk, changed);
            }
        }
        for (ForeignKey fk : incoming) {
            if (!same(old, changed, fk.parentColumns())) {
                requireNoChild(tx, fk, old);
            }
        }
    }

    void afterDelete(Transaction tx, Object[] old) {
        for (ForeignKey fk : incoming) {
            requireNoChild(tx, fk, old);
        }
    }

    private static boolean same(Object[] a, Object[] b, int[] columns) {
        for (int c : columns) {
            if (!Objects.equals(a[c], b[c])) {
                return false;
            }
        }
        return true;
    }

    /** How often a parent row is looked for again when it changed between being found and locked. */
    private static final int LOCK_ATTEMPTS = 10;

    private static void requireParent(Transaction tx, ForeignKey fk, Object[] row) {
        Object[] values = pick(row, fk.childColumns());
        if (values == null) {
            return; // a NULL in the key: nothing is referenced (MATCH SIMPLE)
        }
        if (!lockParent(tx, fk.parent(), fk.parentColumns(), values)) {
            throw new PersimmonException(ErrorCode.FOREIGN_KEY_VIOLATION, "foreign key " + fk.name() + " of table "
                    + fk.child().name() + ": no row of table " + fk.parent().name() + " has " + Arrays.toString(values));
        }
    }

    private static void requireNoChild(Transaction tx, ForeignKey fk, Object[] parentRow) {
        Object[] values = pick(parentRow, fk.parentColumns());
        if (values == null) {
            return;
        }
        Object[] conformed = conform(fk.child(), fk.childColumns(), values);
        if (conformed != null && find(tx, fk.child(), fk.childColumns(), conformed, true) != null) {
            throw new PersimmonException(ErrorCode.FOREIGN_KEY_VIOLATION, "foreign key " + fk.name() + " of table "
                    + fk.child().name() + " references " + Arrays.toString(values) + " of table " + fk.parent().name());
        }
    }

    private static Object[] pick(Object[] row, int[] columns) {
        Object[] v = new Object[columns.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = row[columns[i]];
            if (v[i] == null) {
                return null;
            }
        }
        return v;
    }

    /**
     * Finds the parent row whose {@code columns} hold {@code values} and locks it for the rest of
     * the transaction, as SELECT ... FOR UPDATE does; false if there is none. A parent delete (or
     * key change) locks the row too and then looks for children as the newest commits left them
     * ({@link Transaction#scanNewest}), so whichever comes second sees the other: no child is left
     * without its parent. The row is found as committed now, locked, and found again if it no
     * longer holds the values once locked.
     */
    static boolean lockParent(Transaction tx, Table parent, int[] columns, Object[] values) {
        Object[] conformed = conform(parent, columns, values);
        if (conformed == null) {
            return false;
        }
        for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
            byte[] key = find(tx, parent, columns, conformed, true);
            if (key == null) {
                return false;
            }
            Object[] locked = tx.getForUpdate(parent, key);
            if (locked != null && Arrays.equals(pick(locked, columns), conformed)) {
                return true;
            }
        }
        throw new PersimmonException(ErrorCode.SERIALIZATION_FAILURE, "could not serialize: the row of table "
                + parent.name() + " with " + Arrays.toString(values) + " kept changing while a foreign key check"
                + " locked it; retry the transaction");
    }

    /** Whether {@code table} has a row whose {@code columns} hold {@code values}, in the transaction's snapshot. */
    public static boolean exists(Transaction tx, Table table, int[] columns, Object[] values) {
        Object[] conformed = conform(table, columns, values);
        return conformed != null && find(tx, table, columns, conformed, false) != null;
    }

    /** The values as {@code table}'s {@code columns} store them, or null if a column cannot hold one (in no row). */
    private static Object[] conform(Table table, int[] columns, Object[] values) {
        List<Column> defs = table.definition().columns();
        Object[] conformed = new Object[values.length];
        try {
            for (int i = 0; i < values.length; i++) {
                conformed[i] = Values.conform(defs.get(columns[i]), values[i], table.name());
            }
        } catch (PersimmonException e) {
            return null;
        }
        return conformed;
    }

    /**
     * The primary key of a row of {@code table} whose {@code columns} hold {@code conformed}, or
     * null; read in the snapshot, or as the newest commits left it when {@code newest}. Uses the
     * primary key or an index that starts with the columns, else scans the table.
     */
    private static byte[] find(Transaction tx, Table table, int[] columns, Object[] conformed, boolean newest) {
        int[] pk = table.definition().primaryKey();
        if (startsWith(pk, columns)) {
            Object[] inKeyOrder = reorder(pk, columns, conformed);
            if (pk.length == columns.length && !newest) {
                byte[] key = table.key(inKeyOrder);
                return tx.get(table, key) != null ? key : null;
            }
            KeyRange range = KeyRange.prefix(table.keyPrefix(inKeyOrder));
            try (RowCursor c = newest ? tx.scanNewest(table, range) : tx.scan(table, range, false)) {
                return c.next() ? c.key() : null;
            }
        }
        for (Index index : table.indexes()) {
            if (startsWith(index.definition().columns(), columns)) {
                Object[] inKeyOrder = reorder(index.definition().columns(), columns, conformed);
                KeyRange range = KeyRange.prefix(index.prefix(inKeyOrder));
                try (RowCursor c = newest ? tx.scanIndexNewest(index, range) : tx.scanIndex(index, range, false)) {
                    return c.next() ? c.key() : null;
                }
            }
        }
        try (RowCursor c = newest ? tx.scanNewest(table, KeyRange.ALL) : tx.scan(table, KeyRange.ALL, false)) {
            while (c.next()) {
                if (Arrays.equals(pick(c.row(), columns), conformed)) {
                    return c.key();
                }
            }
        }
        return null;
    }

    /** {@code values} (of {@code columns}) in the order of the first columns of {@code key}. */
    private static Object[] reorder(int[] key, int[] columns, Object[] values) {
        Object[] ordered = new Object[columns.length];
        for (int j = 0; j < columns.length; j++) {
            for (int i = 0; i < columns.length; i++) {
                if (columns[i] == key[j]) {
                    ordered[j] = values[i];
                }
            }
        }
        return ordered;
    }

    /** Whether {@code key} starts with exactly the columns of {@code columns}, in any order of them. */
    private static boolean startsWith(int[] key, int[] columns) {
        if (key.length < columns.length) {
            return false;
        }
        int[] head = Arrays.copyOf(key, columns.length);
        int[] cols = columns.clone();
        Arrays.sort(head);
        Arrays.sort(cols);
        return Arrays.equals(head, cols);
    }
}
