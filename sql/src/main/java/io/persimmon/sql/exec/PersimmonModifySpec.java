package io.persimmon.sql.exec;

import io.persimmon.engine.db.KeyRange;
import io.persimmon.engine.db.RowCursor;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.db.Transaction;
import io.persimmon.engine.row.SqlType;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link io.persimmon.sql.rel.PersimmonTableModify} does to its table with the rows its
 * input produces: INSERT rows of the table's columns; DELETE the rows given (all columns);
 * UPDATE rows given as the old columns followed by the new values of {@code updateColumns}.
 *
 * <p>The input is read to its end before the first write, so the statement sees the table as it
 * was when it started (no row is updated twice, INSERT ... SELECT from the same table ends).
 * An UPDATE that changes a primary-key or unique column deletes every old row before inserting
 * the new ones, so that {@code SET id = id + 1} does not collide with itself (constraints hold
 * at the end of the statement, as the standard says). Rows of a table without a primary key are
 * found by their values.
 */
public final class PersimmonModifySpec {
    /** The kinds of change. */
    public enum Operation { INSERT, UPDATE, DELETE }

    private final Table table;
    private final Operation operation;
    private final int[] updateColumns;
    private final SqlType[] types;
    private final int[] keyColumns;
    private final boolean movesRows;
    private final PersimmonConstraints constraints;

    public PersimmonModifySpec(Table table, Operation operation, int[] updateColumns, PersimmonConstraints constraints) {
        this.table = table;
        this.operation = operation;
        this.updateColumns = updateColumns;
        this.types = table.definition().columns().stream().map(c -> c.type().type()).toArray(SqlType[]::new);
        this.keyColumns = table.definition().primaryKey();
        this.movesRows = operation == Operation.UPDATE && changesUniqueColumn(table, updateColumns);
        this.constraints = constraints;
    }

    private static boolean changesUniqueColumn(Table table, int[] updateColumns) {
        for (int c : updateColumns) {
            for (int k : table.definition().primaryKey()) {
                if (k == c) {
                    return true;
                }
            }
            for (var index : table.indexes()) {
                if (index.isUnique() && Arrays.stream(index.definition().columns()).anyMatch(i -> i == c)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Applies the change for every input row; the number of rows changed. */
    public long execute(DataContext root, Enumerable<?> input) {
        PersimmonExecution execution = PersimmonDataContext.execution(root);
        List<Object[]> rows = new ArrayList<>();
        try (Enumerator<?> e = input.enumerator()) {
            while (e.moveNext()) {
                execution.check();
                Object r = e.current();
                rows.add(r instanceof Object[] a ? a : new Object[] {r});
            }
        }
        Transaction tx = execution.transaction();
        return switch (operation) {
            case INSERT -> insert(execution, tx, rows);
            case DELETE -> delete(execution, tx, rows);
            case UPDATE -> update(execution, tx, rows);
        };
    }

    private long insert(PersimmonExecution execution, Transaction tx, List<Object[]> rows) {
        for (Object[] r : rows) {
            execution.check();
            Object[] values = toEngine(r);
            constraints.beforeInsert(tx, values);
            tx.insert(table, values);
        }
        return rows.size();
    }

    private long delete(PersimmonExecution execution, Transaction tx, List<Object[]> rows) {
        long count = 0;
        for (byte[] key : keys(tx, rows)) {
            execution.check();
            if (key == null) {
                continue;
            }
            Object[] old = tx.get(table, key);
            if (old != null && tx.delete(table, key)) {
                constraints.afterDelete(tx, old);
                count++;
            }
        }
        return count;
    }

    private long update(PersimmonExecution execution, Transaction tx, List<Object[]> rows) {
        int n = types.length;
        List<byte[]> keys = keys(tx, rows);
        long count = 0;
        List<Object[]> moved = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            execution.check();
            Object[] input = rows.get(i);
            if (keys.get(i) == null) {
                continue;
            }
            Object[] current = tx.getForUpdate(table, keys.get(i));
            if (current == null) {
                continue;
            }
            Object[] changed = current.clone();
            for (int u = 0; u < updateColumns.length; u++) {
                int c = updateColumns[u];
                changed[c] = PersimmonValues.calciteToEngine(input[n + u], types[c]);
            }
            constraints.beforeUpdate(tx, current, changed);
            if (movesRows) {
                tx.delete(table, keys.get(i));
                moved.add(changed);
            } else if (tx.update(table, keys.get(i), changed)) {
                count++;
            }
        }
        for (Object[] row : moved) {
            tx.insert(table, row);
            count++;
        }
        return count;
    }

    /** The primary keys of the rows given by their values (old values first for UPDATE). */
    private List<byte[]> keys(Transaction tx, List<Object[]> rows) {
        if (!table.definition().hasHiddenKey()) {
            List<byte[]> keys = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                Object[] k = new Object[keyColumns.length];
                for (int i = 0; i < k.length; i++) {
                    k[i] = PersimmonValues.calciteToEngine(r[keyColumns[i]], types[keyColumns[i]]);
                }
                keys.add(table.key(k));
            }
            return keys;
        }
        return keysByValue(tx, rows);
    }

    /**
     * For a table without a primary key: one stored row per given row, matched by all its values
     * (rows with equal values cannot be told apart, so any of them will do). The result is in the
     * order of {@code rows}, so that UPDATE pairs each key with its new values.
     */
    private List<byte[]> keysByValue(Transaction tx, List<Object[]> rows) {
        int n = types.length;
        Map<List<Object>, List<Integer>> wanted = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            wanted.computeIfAbsent(Arrays.asList(Arrays.copyOf(rows.get(i), n)), k -> new ArrayList<>()).add(i);
        }
        byte[][] keys = new byte[rows.size()][];
        try (RowCursor c = tx.scan(table, KeyRange.ALL, false)) {
            while (c.next() && !wanted.isEmpty()) {
                Object[] row = c.row();
                for (int i = 0; i < n; i++) {
                    row[i] = PersimmonValues.engineToCalcite(row[i], types[i]);
                }
                List<Object> k = Arrays.asList(row);
                List<Integer> positions = wanted.get(k);
                if (positions != null) {
                    keys[positions.removeLast()] = c.key();
                    if (positions.isEmpty()) {
                        wanted.remove(k);
                    }
                }
            }
        }
        return Arrays.asList(keys); // null where no stored row is left to match
    }

    private Object[] toEngine(Object[] r) {
        Object[] values = new Object[types.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = PersimmonValues.calciteToEngine(r[i], types[i]);
        }
        return values;
    }
}
