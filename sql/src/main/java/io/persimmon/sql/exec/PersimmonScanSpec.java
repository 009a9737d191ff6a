package io.persimmon.sql.exec;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.db.Index;
import io.persimmon.engine.db.KeyRange;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.SqlType;
import io.persimmon.sql.schema.PersimmonTypes;

import org.apache.calcite.DataContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a {@link io.persimmon.sql.rel.PersimmonTableScan} reads: the table, through its primary key
 * ({@code index} null) or a secondary index, the rows whose first key columns equal
 * {@code prefix} and whose next key column is one of {@code points} or between {@code low} and
 * {@code high}; in key order or its reverse. Bounds are only ever a superset of what the query
 * asks for: the plan keeps its filter above the scan.
 */
public final class PersimmonScanSpec {
    final Table table;
    final Index index;
    private final SqlType[] columnTypes;
    private final boolean convert;
    private final SqlType[] keyTypes;
    private final List<PersimmonOperand> prefix;
    private final List<PersimmonOperand> points;
    private final PersimmonOperand low;
    private final PersimmonOperand high;
    final boolean descending;

    public PersimmonScanSpec(Table table, Index index, int[] keyColumns, List<PersimmonOperand> prefix,
                             List<PersimmonOperand> points, PersimmonOperand low, PersimmonOperand high,
                             boolean descending) {
        this.table = table;
        this.index = index;
        List<Column> columns = table.definition().columns();
        this.columnTypes = columns.stream().map(c -> c.type().type()).toArray(SqlType[]::new);
        this.convert = Arrays.stream(columnTypes).anyMatch(PersimmonTypes::needsConversion);
        this.keyTypes = Arrays.stream(keyColumns).mapToObj(i -> columnTypes[i]).toArray(SqlType[]::new);
        this.prefix = List.copyOf(prefix);
        this.points = points == null ? null : List.copyOf(points);
        this.low = low;
        this.high = high;
        this.descending = descending;
    }

    /** A row as the engine returned it, in Calcite's representation (the array is the scan's own). */
    Object[] toCalcite(Object[] row) {
        if (convert) {
            for (int i = 0; i < row.length; i++) {
                row[i] = PersimmonValues.engineToCalcite(row[i], columnTypes[i]);
            }
        }
        return row;
    }

    /**
     * The key ranges to scan, in scan order; empty when no row can match. Bounds are inclusive
     * even for {@code <} and {@code >}, and a value the key column cannot hold exactly is rounded
     * to the nearest one it can: either way the range holds every row that matches.
     */
    List<KeyRange> ranges(DataContext root) {
        return ranges(root, null);
    }

    /** The key ranges for one outer row of an index join. */
    List<KeyRange> ranges(DataContext root, Object[] row) {
        try {
            return exactRanges(root, row);
        } catch (PersimmonException e) {
            return List.of(KeyRange.ALL); // a value no key can hold: the filter above decides
        }
    }

    private List<KeyRange> exactRanges(DataContext root, Object[] row) {
        Object[] eq = new Object[prefix.size() + 1];
        for (int i = 0; i < prefix.size(); i++) {
            eq[i] = prefix.get(i).value(root, row);
            if (eq[i] == null) {
                return List.of(); // col = NULL is never true
            }
            eq[i] = PersimmonValues.calciteToEngine(eq[i], keyTypes[i]);
        }
        int n = prefix.size();
        if (points != null) {
            List<byte[]> keys = new ArrayList<>();
            for (PersimmonOperand p : points) {
                Object v = p.value(root, row);
                if (v != null) {
                    eq[n] = PersimmonValues.calciteToEngine(v, keyTypes[n]);
                    keys.add(encode(eq, n + 1));
                }
            }
            keys.sort(descending ? (a, b) -> Arrays.compareUnsigned(b, a) : Arrays::compareUnsigned);
            List<KeyRange> ranges = new ArrayList<>();
            byte[] last = null;
            for (byte[] k : keys) {
                if (last == null || !Arrays.equals(last, k)) {
                    ranges.add(KeyRange.prefix(k));
                }
                last = k;
            }
            return ranges;
        }
        byte[] base = n == 0 ? null : encode(eq, n);
        byte[] lo = bound(root, row, low, eq, n, base);
        byte[] hi = bound(root, row, high, eq, n, base);
        if ((low != null && low.value(root, row) == null) || (high != null && high.value(root, row) == null)) {
            return List.of(); // col < NULL is never true
        }
        return List.of(new KeyRange(lo, true, hi, true));
    }

    private byte[] bound(DataContext root, Object[] row, PersimmonOperand op, Object[] eq, int n, byte[] base) {
        if (op == null) {
            return base;
        }
        Object v = op.value(root, row);
        if (v == null) {
            return base;
        }
        eq[n] = PersimmonValues.calciteToEngine(v, keyTypes[n]);
        return encode(eq, n + 1);
    }

    private byte[] encode(Object[] values, int count) {
        Object[] v = Arrays.copyOf(values, count);
        return index == null ? table.keyPrefix(v) : index.prefix(v);
    }
}
