package io.persimmon.tools.dump;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of the rows of a table with a foreign key to itself. The SQL layer checks a foreign
 * key row by row as it inserts (one multi-row INSERT sees its own earlier rows), so a row must
 * come after the row it references. Rows keep their primary-key order, except that a row's
 * parent is pulled ahead of it. A row in a cycle of references (a row referencing itself, or
 * A → B → A, which only UPDATE can make) is inserted with that reference NULL and given it by an
 * UPDATE after the table's rows; that needs the columns to be nullable and the table to have a
 * primary key, else the dump is refused.
 */
final class SelfReferenceOrder {
    /** The rows to insert, in order, and the UPDATEs that restore references cut from cycles. */
    record Result(List<String[]> rows, List<String> updates) {}

    private SelfReferenceOrder() {}

    static Result of(DumpSchema.Table table, List<String[]> rows) throws DumpException {
        List<DumpSchema.ForeignKey> fks = table.selfReferences();
        List<String> names = table.columns().stream().map(DumpSchema.Column::name).toList();
        int[][] deps = new int[rows.size()][fks.size()];
        for (int k = 0; k < fks.size(); k++) {
            int[] childCols = positions(names, fks.get(k).columns());
            int[] parentCols = positions(names, fks.get(k).parentColumns());
            Map<List<String>, Integer> byParentKey = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                byParentKey.putIfAbsent(tuple(rows.get(i), parentCols), i);
            }
            for (int i = 0; i < rows.size(); i++) {
                List<String> ref = tuple(rows.get(i), childCols);
                Integer parent = ref.contains("NULL") ? null : byParentKey.get(ref);
                deps[i][k] = parent == null ? -1 : parent;
            }
        }
        int[] state = new int[rows.size()]; // 0 new, 1 on the path, 2 emitted
        int[] next = new int[rows.size()];
        BitSet[] cut = new BitSet[rows.size()];
        List<Integer> order = new ArrayList<>();
        for (int root = 0; root < rows.size(); root++) {
            if (state[root] != 0) {
                continue;
            }
            Deque<Integer> path = new ArrayDeque<>();
            path.push(root);
            state[root] = 1;
            while (!path.isEmpty()) {
                int t = path.peek();
                if (next[t] < fks.size()) {
                    int k = next[t]++;
                    int d = deps[t][k];
                    if (d >= 0 && state[d] == 0) {
                        state[d] = 1;
                        path.push(d);
                    } else if (d >= 0 && state[d] == 1) {
                        (cut[t] == null ? cut[t] = new BitSet() : cut[t]).set(k);
                    }
                } else {
                    path.pop();
                    state[t] = 2;
                    order.add(t);
                }
            }
        }
        List<String[]> ordered = new ArrayList<>();
        List<String> updates = new ArrayList<>();
        for (int i : order) {
            String[] row = rows.get(i);
            if (cut[i] == null) {
                ordered.add(row);
                continue;
            }
            String[] inserted = row.clone();
            for (int k = cut[i].nextSetBit(0); k >= 0; k = cut[i].nextSetBit(k + 1)) {
                DumpSchema.ForeignKey fk = fks.get(k);
                for (String c : fk.columns()) {
                    if (!table.column(c).nullable()) {
                        throw new DumpException("table " + table.name() + ": row " + Arrays.toString(row)
                                + " is in a cycle of references through foreign key " + fk.name()
                                + ", whose column " + c + " is NOT NULL: no order of INSERTs can load it");
                    }
                    inserted[names.indexOf(c)] = "NULL";
                }
                updates.add(update(table, names, row, fk));
            }
            ordered.add(inserted);
        }
        return new Result(ordered, updates);
    }

    private static String update(DumpSchema.Table table, List<String> names, String[] row, DumpSchema.ForeignKey fk)
            throws DumpException {
        if (table.primaryKey().isEmpty()) {
            throw new DumpException("table " + table.name() + " has rows in a cycle of references through foreign key "
                    + fk.name() + " but no primary key to name them in an UPDATE");
        }
        StringBuilder b = new StringBuilder("UPDATE ").append(ScriptWriter.name(table.name())).append(" SET ");
        for (int i = 0; i < fk.columns().size(); i++) {
            String c = fk.columns().get(i);
            b.append(i == 0 ? "" : ", ").append(ScriptWriter.name(c)).append(" = ").append(row[names.indexOf(c)]);
        }
        b.append(ScriptWriter.whereKey(table, row));
        return b.append(';').toString();
    }

    private static int[] positions(List<String> names, List<String> columns) {
        return columns.stream().mapToInt(names::indexOf).toArray();
    }

    private static List<String> tuple(String[] row, int[] columns) {
        List<String> t = new ArrayList<>(columns.length);
        for (int c : columns) {
            t.add(row[c]);
        }
        return t;
    }
}
