package io.persimmon.sql.exec;

import io.persimmon.engine.db.KeyRange;
import io.persimmon.engine.db.RowCursor;
import io.persimmon.engine.db.Transaction;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

import java.util.ArrayList;
import java.util.List;

/**
 * An index nested-loop join: for each outer row, the inner table's rows found through
 * {@code inner}, whose key operands are columns of the outer row; each match is the outer row
 * followed by the inner row (the inner scan's columns). A LEFT join emits an outer row without
 * match once, with NULLs.
 */
public final class PersimmonJoinSpec {
    private final PersimmonScanSpec inner;
    private final boolean left;

    public PersimmonJoinSpec(PersimmonScanSpec inner, boolean left) {
        this.inner = inner;
        this.left = left;
    }

    Enumerable<Object[]> join(DataContext root, Enumerable<Object[]> outer) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new JoinEnumerator(root, outer.enumerator());
            }
        };
    }

    private List<Object[]> matches(PersimmonExecution execution, DataContext root, Object[] outer) {
        Transaction tx = execution.transaction();
        List<Object[]> rows = new ArrayList<>(1);
        for (KeyRange r : inner.ranges(root, outer)) {
            try (RowCursor c = inner.index == null ? tx.scan(inner.table, r, false, inner.selection)
                    : tx.scanIndex(inner.index, r, false, inner.selection)) {
                while (c.next()) {
                    rows.add(concat(outer, inner.toCalcite(c.row())));
                }
            }
        }
        if (rows.isEmpty() && left) {
            rows.add(concat(outer, new Object[inner.width()]));
        }
        return rows;
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] row = new Object[a.length + b.length];
        System.arraycopy(a, 0, row, 0, a.length);
        System.arraycopy(b, 0, row, a.length, b.length);
        return row;
    }

    private final class JoinEnumerator implements Enumerator<Object[]> {
        private final DataContext root;
        private final PersimmonExecution execution;
        private final Enumerator<Object[]> outer;
        private List<Object[]> pending = List.of();
        private int position;
        private Object[] current;

        JoinEnumerator(DataContext root, Enumerator<Object[]> outer) {
            this.root = root;
            this.execution = PersimmonDataContext.execution(root);
            this.outer = outer;
        }

        @Override
        public Object[] current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            while (position >= pending.size()) {
                execution.check();
                if (!outer.moveNext()) {
                    return false;
                }
                pending = matches(execution, root, outer.current());
                position = 0;
            }
            current = pending.get(position++);
            return true;
        }

        @Override
        public void reset() {
            outer.reset();
            pending = List.of();
            position = 0;
        }

        @Override
        public void close() {
            outer.close();
        }
    }
}
