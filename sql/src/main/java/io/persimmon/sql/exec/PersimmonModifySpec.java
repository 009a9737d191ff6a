package io.persimmon.sql.exec;

import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.db.KeyRange;
import io.persimmon.engine.db.RowCursor;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.db.Transaction;
import io.persimmon.engine.row.SqlType;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

import java.math.BigDecimal;
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
 *
 * <p>Under READ COMMITTED, UPDATE and DELETE compare each row they lock (as the newest commit left
 * it) with the row their scan read; when another transaction has changed or removed it meanwhile
 * they throw {@link PersimmonStatementRestart} instead of writing values computed from the stale
 * row, and the session runs the statement again (write consistency, docs/sql.md).
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
        List<byte[]> keys = keys(tx, rows);
        for (int i = 0; i < keys.size(); i++) {
            execution.check();
            byte[] key = keys.get(i);
            if (key == null) {
                restartIfReadCommitted(tx);
                continue;
            }
            Object[] old = tx.getForUpdate(table, key);
            if (old == null) {
                continue;
            }
            checkUnchanged(tx, key, old, rows.get(i));
            if (tx.delete(table, key)) {
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
                restartIfReadCommitted(tx);
                continue;
            }
            Object[] current = tx.getForUpdate(table, keys.get(i));
            if (current == null) {
                continue; // deleted by a transaction that committed since the scan: nothing to update
            }
            checkUnchanged(tx, keys.get(i), current, input);
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

    /**
     * Under READ COMMITTED, throws {@link PersimmonStatementRestart} when {@code locked} (engine
     * form, as the newest commit left it) differs from {@code scanned}, the old column values the
     * plan read (Calcite form). Compared in Calcite form, as {@link #keysByValue} matches rows.
     */
    private void checkUnchanged(Transaction tx, byte[] key, Object[] locked, Object[] scanned) {
        if (tx.isolation() != Isolation.READ_COMMITTED) {
            return; // REPEATABLE READ: the engine refuses rows committed after the snapshot (40001)
        }
        for (int c = 0; c < types.length; c++) {
            if (!same(PersimmonValues.engineToCalcite(locked[c], types[c]), scanned[c], types[c])) {
                throw new PersimmonStatementRestart("row " + Arrays.toString(table.decodeKey(key))
                        + " of table " + table.name() + " changed after the statement read it");
            }
        }
    }

    /** A row the scan read is no longer stored with those values (hidden-key tables): restart as above. */
    private void restartIfReadCommitted(Transaction tx) {
        if (tx.isolation() == Isolation.READ_COMMITTED) {
            throw new PersimmonStatementRestart("a row of table " + table.name() + " changed after the statement read it");
        }
    }

    /** Equal values of a column of type {@code t}, whatever Java class the plan gave a number in. */
    private static boolean same(Object stored, Object scanned, SqlType t) {
        if (stored == null || scanned == null) {
            return stored == scanned;
        }
        if (stored.equals(scanned)) {
            return true;
        }
        if (stored instanceof Number a && scanned instanceof Number b) {
            if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
                return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
            }
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        if (t == SqlType.CHAR) {
            return stored.toString().stripTrailing().equals(scanned.toString().stripTrailing());
        }
        return false;
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
