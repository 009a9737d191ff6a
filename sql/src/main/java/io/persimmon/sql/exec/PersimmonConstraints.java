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
 * its referenced columns changed). Checks read in the transaction's snapshot and own writes; a
 * lookup uses the primary key or an index that starts with the columns, else scans the table.
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

    private static void requireParent(Transaction tx, ForeignKey fk, Object[] row) {
        Object[] values = pick(row, fk.childColumns());
        if (values == null) {
            return; // a NULL in the key: nothing is referenced (MATCH SIMPLE)
        }
        if (!exists(tx, fk.parent(), fk.parentColumns(), values)) {
            throw new PersimmonException(ErrorCode.FOREIGN_KEY_VIOLATION, "foreign key " + fk.name() + " of table "
                    + fk.child().name() + ": no row of table " + fk.parent().name() + " has " + Arrays.toString(values));
        }
    }

    private static void requireNoChild(Transaction tx, ForeignKey fk, Object[] parentRow) {
        Object[] values = pick(parentRow, fk.parentColumns());
        if (values == null) {
            return;
        }
        if (exists(tx, fk.child(), fk.childColumns(), values)) {
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

    /** Whether {@code table} has a row whose {@code columns} hold {@code values}. */
    public static boolean exists(Transaction tx, Table table, int[] columns, Object[] values) {
        List<Column> defs = table.definition().columns();
        Object[] conformed = new Object[values.length];
        try {
            for (int i = 0; i < values.length; i++) {
                conformed[i] = Values.conform(defs.get(columns[i]), values[i], table.name());
            }
        } catch (PersimmonException e) {
            return false; // a value the column cannot hold is in no row
        }
        int[] pk = table.definition().primaryKey();
        if (startsWith(pk, columns)) {
            Object[] inKeyOrder = reorder(pk, columns, conformed);
            if (pk.length == columns.length) {
                return tx.get(table, table.key(inKeyOrder)) != null;
            }
            try (RowCursor c = tx.scan(table, KeyRange.prefix(table.keyPrefix(inKeyOrder)), false)) {
                return c.next();
            }
        }
        for (Index index : table.indexes()) {
            if (startsWith(index.definition().columns(), columns)) {
                Object[] inKeyOrder = reorder(index.definition().columns(), columns, conformed);
                try (RowCursor c = tx.scanIndex(index, KeyRange.prefix(index.prefix(inKeyOrder)), false)) {
                    return c.next();
                }
            }
        }
        try (RowCursor c = tx.scan(table, KeyRange.ALL, false)) {
            while (c.next()) {
                if (Arrays.equals(pick(c.row(), columns), conformed)) {
                    return true;
                }
            }
        }
        return false;
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
