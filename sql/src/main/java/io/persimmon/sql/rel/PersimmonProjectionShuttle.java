package io.persimmon.sql.rel;

import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Projection push-down, applied to the chosen plan: a {@link PersimmonTableScan}, or the inner
 * side of a {@link PersimmonIndexJoin}, under a projection ({@code EnumerableCalc} or
 * {@code EnumerableProject}, possibly through filters and limits) or an aggregate is narrowed to the
 * columns that projection or aggregate and those filters use, so the engine decodes only them;
 * their field references are renumbered.
 * A filter on a column the projection drops keeps it in the scan: the scan produces the union. A
 * An aggregate over a calc that passes on more fields than the aggregate uses has the calc keep
 * only those first. A scan with nothing above that says which columns are used (under a join or
 * a sort) stays whole, as do the scans under an UPDATE or DELETE, which reads and compares whole rows.
 *
 * <p>This runs after the cost-based search, and after {@link PersimmonOrderShuttle} (which reads
 * field positions as table positions), rather than as a planner rule: Calcite's metadata takes a
 * table scan's fields for the table's (unique keys, collations and column origins come from the
 * table's statistics by position), so a narrowed scan in the search would be misjudged.
 */
public final class PersimmonProjectionShuttle extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
        if (other instanceof TableModify modify && (modify.isUpdate() || modify.isDelete())) {
            return other;
        }
        RelNode node = super.visit(other);
        if (node instanceof EnumerableCalc || node instanceof EnumerableProject || node instanceof Aggregate) {
            RelNode narrowed = narrow(node);
            if (narrowed == null && node instanceof Aggregate aggregate) {
                narrowed = trimCalc(aggregate);
            }
            if (narrowed != null) {
                return narrowed;
            }
        }
        return node;
    }

    /**
     * An aggregate over a calc that passes on fields the aggregate does not use (as a filter with
     * {@code proj#0..n} does): the calc keeps only the fields used, and what it reads is narrowed
     * in turn; null if there is no such calc.
     */
    private static RelNode trimCalc(Aggregate aggregate) {
        if (!(aggregate.getInput() instanceof EnumerableCalc calc)) {
            return null;
        }
        int[] used = uses(aggregate).toArray();
        int count = calc.getRowType().getFieldCount();
        if (used.length == count || used.length == 0) {
            return null;
        }
        RexProgram p = calc.getProgram();
        List<RexNode> projects = Arrays.stream(used).mapToObj(i -> p.expandLocalRef(p.getProjectList().get(i))).toList();
        RexNode condition = p.getCondition() == null ? null : p.expandLocalRef(p.getCondition());
        List<String> names = Arrays.stream(used).mapToObj(i -> calc.getRowType().getFieldNames().get(i)).toList();
        RexProgram q = RexProgram.create(calc.getInput().getRowType(), projects, condition, names,
                calc.getCluster().getRexBuilder());
        RelNode trimmed = calc.copy(calc.getTraitSet().replace(RelCollations.EMPTY), calc.getInput(), q);
        RelNode narrowed = narrow(trimmed);
        int[] map = new int[count];
        renumber(map, 0, used);
        return renumbered(aggregate, narrowed == null ? trimmed : narrowed, map);
    }

    /** {@code aggregate} over {@code input}, whose field {@code map[i]} is its old input's field {@code i}. */
    private static RelNode renumbered(Aggregate aggregate, RelNode input, int[] map) {
        Mappings.TargetMapping mapping = Mappings.target(i -> map[i] < 0 ? null : map[i], map.length,
                input.getRowType().getFieldCount());
        return aggregate.copy(aggregate.getTraitSet(), input, renumber(aggregate.getGroupSet(), map),
                aggregate.getGroupSets().stream().map(g -> renumber(g, map)).toList(),
                aggregate.getAggCallList().stream().map(c -> c.transform(mapping)).toList());
    }

    /** {@code top} over a narrowed scan or index join, or null if there is none to narrow. */
    private static RelNode narrow(RelNode top) {
        List<RelNode> between = new ArrayList<>(); // filters and limits, which pass their input's fields on
        RelNode n = top.getInput(0);
        while (n instanceof EnumerableFilter || n instanceof PersimmonLimit) {
            between.add(n);
            n = n.getInput(0);
        }
        ImmutableBitSet.Builder used = ImmutableBitSet.builder();
        used.addAll(uses(top));
        between.stream().filter(b -> b instanceof Filter)
                .forEach(f -> used.addAll(RelOptUtil.InputFinder.bits(((Filter) f).getCondition())));
        int[] map = new int[n.getRowType().getFieldCount()];
        RelNode input;
        if (n instanceof PersimmonTableScan scan && scan.columns() == null) {
            int[] columns = kept(used.build(), 0, map.length, scan.access().keyColumns());
            if (columns == null) {
                return null;
            }
            input = scan.withColumns(columns);
            renumber(map, 0, columns);
        } else if (n instanceof PersimmonIndexJoin join && join.innerColumns() == null) {
            int outer = join.getInput().getRowType().getFieldCount();
            int[] columns = kept(used.build(), outer, map.length - outer, join.access().keyColumns());
            if (columns == null) {
                return null;
            }
            input = join.withInnerColumns(columns);
            for (int i = 0; i < outer; i++) {
                map[i] = i;
            }
            renumber(map, outer, columns);
        } else {
            return null;
        }
        RexShuttle renumbered = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(map[ref.getIndex()], ref.getType());
            }
        };
        for (int i = between.size() - 1; i >= 0; i--) {
            input = between.get(i) instanceof Filter f ? f.copy(f.getTraitSet(), input, f.getCondition().accept(renumbered))
                    : between.get(i).copy(between.get(i).getTraitSet(), List.of(input));
        }
        if (top instanceof EnumerableCalc calc) {
            RexProgram p = calc.getProgram();
            List<RexNode> projects = p.getProjectList().stream().map(r -> p.expandLocalRef(r).accept(renumbered)).toList();
            RexNode condition = p.getCondition() == null ? null : p.expandLocalRef(p.getCondition()).accept(renumbered);
            RexProgram q = RexProgram.create(input.getRowType(), projects, condition, calc.getRowType(),
                    calc.getCluster().getRexBuilder());
            return calc.copy(calc.getTraitSet(), input, q);
        }
        if (top instanceof Aggregate aggregate) {
            return renumbered(aggregate, input, map);
        }
        EnumerableProject project = (EnumerableProject) top;
        return project.copy(project.getTraitSet(), input,
                project.getProjects().stream().map(e -> e.accept(renumbered)).toList(), project.getRowType());
    }

    private static ImmutableBitSet renumber(ImmutableBitSet fields, int[] map) {
        return ImmutableBitSet.of(fields.asList().stream().map(i -> map[i]).toList());
    }

    /** The fields of its input a projection or aggregate reads. */
    private static ImmutableBitSet uses(RelNode top) {
        if (top instanceof Aggregate aggregate) {
            ImmutableBitSet.Builder b = ImmutableBitSet.builder().addAll(aggregate.getGroupSet());
            aggregate.getGroupSets().forEach(b::addAll);
            for (AggregateCall c : aggregate.getAggCallList()) {
                b.addAll(c.getArgList());
                if (c.filterArg >= 0) {
                    b.set(c.filterArg);
                }
                c.getCollation().getFieldCollations().forEach(f -> b.set(f.getFieldIndex()));
            }
            return b.build();
        }
        if (top instanceof EnumerableCalc calc) {
            RexProgram p = calc.getProgram();
            List<RexNode> expressions = new ArrayList<>(p.getProjectList().stream().map(p::expandLocalRef).toList());
            if (p.getCondition() != null) {
                expressions.add(p.expandLocalRef(p.getCondition()));
            }
            return RelOptUtil.InputFinder.bits(expressions, null);
        }
        return RelOptUtil.InputFinder.bits(((EnumerableProject) top).getProjects(), null);
    }

    /**
     * The table positions to keep of the {@code count} table columns that start at field
     * {@code first}, ascending, or null when every one is used. None used (COUNT(*)) keeps the
     * first key column, which the engine decodes anyway.
     */
    private static int[] kept(ImmutableBitSet used, int first, int count, int[] key) {
        int[] columns = used.get(first, first + count).shift(-first).toArray();
        if (columns.length == count) {
            return null;
        }
        if (columns.length == 0) {
            columns = new int[] {key.length > 0 ? key[0] : 0};
        }
        return columns;
    }

    /** Field {@code first + columns[i]} becomes {@code first + i}. */
    private static void renumber(int[] map, int first, int[] columns) {
        Arrays.fill(map, first, map.length, -1);
        for (int i = 0; i < columns.length; i++) {
            map[first + columns[i]] = first + i;
        }
    }
}
