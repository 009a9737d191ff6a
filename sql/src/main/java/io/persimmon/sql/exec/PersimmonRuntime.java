package io.persimmon.sql.exec;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * The entry points of Persimmon's operators in generated code: each takes the execution's
 * {@link DataContext} and the spec the planner stashed, and reaches the session's transaction
 * through {@link PersimmonDataContext#execution}.
 */
public final class PersimmonRuntime {
    private PersimmonRuntime() {}

    /** The rows a scan reads (an array of the table's columns each). */
    public static Enumerable<Object[]> scan(DataContext root, PersimmonScanSpec spec) {
        return new PersimmonScanEnumerable(root, spec);
    }

    /** An index nested-loop join of the outer rows with the spec's inner table. */
    public static Enumerable<Object[]> indexJoin(DataContext root, PersimmonJoinSpec spec, Enumerable<Object[]> outer) {
        return spec.join(root, outer);
    }

    /**
     * At most {@code fetch} rows after skipping {@code offset} (null: none), never reading a row
     * past the last one returned (Linq4j's {@code take} reads one more, which for a locking read
     * would lock it).
     */
    public static <T> Enumerable<T> limit(DataContext root, Enumerable<T> input, PersimmonOperand offset,
                                          PersimmonOperand fetch) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<T> enumerator() {
                long skip = offset == null ? 0 : ((Number) offset.value(root, null)).longValue();
                long take = fetch == null ? Long.MAX_VALUE : ((Number) fetch.value(root, null)).longValue();
                Enumerator<T> e = input.enumerator();
                return new Enumerator<>() {
                    private long skipped;
                    private long taken;

                    @Override
                    public T current() {
                        return e.current();
                    }

                    @Override
                    public boolean moveNext() {
                        for (; skipped < skip; skipped++) {
                            if (!e.moveNext()) {
                                return false;
                            }
                        }
                        if (taken >= take || !e.moveNext()) {
                            return false;
                        }
                        taken++;
                        return true;
                    }

                    @Override
                    public void reset() {
                        e.reset();
                        skipped = 0;
                        taken = 0;
                    }

                    @Override
                    public void close() {
                        e.close();
                    }
                };
            }
        };
    }

    /** The rows of a VALUES, its parameters read from {@code root}. */
    public static Enumerable<Object[]> values(DataContext root, PersimmonValuesSpec spec) {
        return spec.enumerable(root);
    }

    /** The rows of a one-column VALUES, each its value (Calcite's SCALAR format). */
    public static Enumerable<Object> scalarValues(DataContext root, PersimmonValuesSpec spec) {
        return spec.enumerable(root).select(row -> row[0]);
    }

    /** One row: the count of rows the change made, computed when first enumerated. */
    public static Enumerable<Long> modify(DataContext root, PersimmonModifySpec spec, Enumerable<?> input) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Long> enumerator() {
                return Linq4j.singletonEnumerator(spec.execute(root, input));
            }
        };
    }
}
