package io.persimmon.sql.rel;

import io.persimmon.engine.db.Index;
import io.persimmon.engine.db.Table;
import io.persimmon.sql.exec.PersimmonOperand;
import io.persimmon.sql.exec.PersimmonScanSpec;

import java.util.Arrays;
import java.util.List;

/**
 * How a {@link PersimmonTableScan} reaches its rows: through the primary key ({@code index} null)
 * or a secondary index, all of them or those whose first key columns equal {@code prefix} and
 * whose next one is among {@code points} or within {@code low}..{@code high}; ascending or
 * descending.
 *
 * @param keyColumns the table's column positions of the key (primary key or index columns)
 * @param rows       estimated rows read
 */
public record PersimmonAccess(Index index, int[] keyColumns, List<PersimmonOperand> prefix,
                              List<PersimmonOperand> points, PersimmonOperand low, PersimmonOperand high,
                              boolean descending, double rows) {
    /** Every row in primary-key order. */
    public static PersimmonAccess full(Table table) {
        return new PersimmonAccess(null, table.definition().primaryKey(), List.of(), null, null, null, false,
                Math.max(table.rowCount(), 1) + 10);
    }

    /** Whether this reads every row, in primary-key order. */
    public boolean isFull() {
        return index == null && prefix.isEmpty() && points == null && low == null && high == null && !descending;
    }

    public PersimmonAccess withDescending(boolean d) {
        return new PersimmonAccess(index, keyColumns, prefix, points, low, high, d, rows);
    }

    /** The key columns after those fixed by the equality prefix (unless points follow). */
    int[] orderedColumns() {
        return points == null ? Arrays.copyOfRange(keyColumns, prefix.size(), keyColumns.length) : keyColumns;
    }

    /** What the runtime needs to read rows of {@code columns} (positions in the table; null: all). */
    PersimmonScanSpec spec(Table table, int[] columns) {
        return new PersimmonScanSpec(table, index, keyColumns, prefix, points, low, high, descending, columns);
    }

    /** The explain text: which key and which part of it. */
    String describe() {
        StringBuilder b = new StringBuilder(index == null ? "PRIMARY KEY" : index.name());
        if (!prefix.isEmpty()) {
            b.append(" = ").append(prefix);
        }
        if (points != null) {
            b.append(" IN ").append(points);
        }
        if (low != null || high != null) {
            b.append(" RANGE [").append(low == null ? "" : low).append(", ").append(high == null ? "" : high).append("]");
        }
        if (descending) {
            b.append(" DESC");
        }
        return b.toString();
    }
}
