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
