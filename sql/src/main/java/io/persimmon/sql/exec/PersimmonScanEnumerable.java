package io.persimmon.sql.exec;

import io.persimmon.engine.db.KeyRange;
import io.persimmon.engine.db.RowCursor;
import io.persimmon.engine.db.Transaction;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;

import java.util.List;

/**
 * The rows of one {@link PersimmonScanSpec} in the execution's transaction, read lazily range by
 * range (so {@code LIMIT 1} reads one entry); a range that is one whole primary key is one point
 * get. Under FOR UPDATE each row is locked and re-read as the newest commit left it. Rows hold the
 * spec's columns, and the engine decodes only those.
 */
final class PersimmonScanEnumerable extends AbstractEnumerable<Object[]> {
    private final DataContext root;
    private final PersimmonScanSpec spec;

    PersimmonScanEnumerable(DataContext root, PersimmonScanSpec spec) {
        this.root = root;
        this.spec = spec;
    }

    @Override
    public Enumerator<Object[]> enumerator() {
        PersimmonExecution execution = PersimmonDataContext.execution(root);
        return new ScanEnumerator(execution, spec.ranges(root));
    }

    private final class ScanEnumerator implements Enumerator<Object[]> {
        private final PersimmonExecution execution;
        private final Transaction tx;
        private final List<KeyRange> ranges;
        private int next;
        private RowCursor cursor;
        private Object[] current;

        ScanEnumerator(PersimmonExecution execution, List<KeyRange> ranges) {
            this.execution = execution;
            this.tx = execution.transaction();
            this.ranges = ranges;
        }

        @Override
        public Object[] current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            while (true) {
                execution.check();
                if (spec.pointGets && cursor == null && next < ranges.size() && isPoint(ranges.get(next))) {
                    KeyRange r = ranges.get(next++);
                    Object[] row = execution.forUpdate() ? tx.getForUpdate(spec.table, r.low(), spec.selection)
                            : tx.get(spec.table, r.low(), spec.selection);
                    if (row == null) {
                        continue;
                    }
                    current = spec.toCalcite(row);
                    return true;
                }
                if (cursor == null) {
                    if (next >= ranges.size()) {
                        return false;
                    }
                    KeyRange r = ranges.get(next++);
                    cursor = spec.index == null ? tx.scan(spec.table, r, spec.descending, spec.selection)
                            : tx.scanIndex(spec.index, r, spec.descending, spec.selection);
                }
                if (!cursor.next()) {
                    cursor = null;
                    continue;
                }
                Object[] row = cursor.row();
                if (execution.forUpdate()) {
                    row = tx.getForUpdate(spec.table, cursor.key(), spec.selection);
                    if (row == null) {
                        continue; // deleted by a transaction that committed since the snapshot
                    }
                }
                current = spec.toCalcite(row);
                return true;
            }
        }

        /** A range of one key (not the whole table, which stands for a value no key can hold). */
        private static boolean isPoint(KeyRange r) {
            return r.low() != null && r.low() == r.high() && r.lowInclusive() && r.highInclusive();
        }

        @Override
        public void reset() {
            close();
            next = 0;
        }

        @Override
        public void close() {
            if (cursor != null) {
                cursor.close();
                cursor = null;
            }
            next = ranges.size();
        }
    }
}
