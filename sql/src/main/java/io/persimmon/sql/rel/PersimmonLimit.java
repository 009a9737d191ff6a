package io.persimmon.sql.rel;

import io.persimmon.sql.exec.PersimmonOperand;
import io.persimmon.sql.exec.PersimmonRuntime;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

import java.util.List;

/**
 * LIMIT / OFFSET / FETCH ({@link PersimmonOrderShuttle} plans it for every one): unlike
 * EnumerableLimit, it stops reading its input at the last row it returns, so
 * {@code ORDER BY id DESC LIMIT 1} reads, and under FOR UPDATE locks, exactly one entry, and
 * {@code WHERE v = ? LIMIT 1} no row after the first match.
 */
public final class PersimmonLimit extends SingleRel implements EnumerableRel {
    private final RexNode offset;
    private final RexNode fetch;

    PersimmonLimit(RelNode input, RexNode offset, RexNode fetch) {
        super(input.getCluster(), input.getTraitSet(), input);
        this.offset = offset;
        this.fetch = fetch;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new PersimmonLimit(sole(inputs), offset, fetch);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).itemIf("offset", offset, offset != null).itemIf("fetch", fetch, fetch != null);
    }

    private static PersimmonOperand operand(RexNode n) {
        if (n == null) {
            return null;
        }
        return n instanceof RexDynamicParam p ? PersimmonOperand.parameter(p.getIndex())
                : PersimmonOperand.literal(((RexLiteral) n).getValueAs(Long.class));
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder builder = new BlockBuilder();
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
        Expression rows = builder.append("rows", input.block);
        Expression offsetOperand = offset == null ? Expressions.constant(null, PersimmonOperand.class)
                : implementor.stash(operand(offset), PersimmonOperand.class);
        Expression fetchOperand = fetch == null ? Expressions.constant(null, PersimmonOperand.class)
                : implementor.stash(operand(fetch), PersimmonOperand.class);
        builder.add(Expressions.return_(null, Expressions.call(PersimmonRuntime.class, "limit", DataContext.ROOT,
                rows, offsetOperand, fetchOperand)));
        return implementor.result(input.physType, builder.toBlock());
    }
}
