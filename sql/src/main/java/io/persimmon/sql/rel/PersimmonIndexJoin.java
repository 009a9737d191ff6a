package io.persimmon.sql.rel;

import io.persimmon.sql.exec.PersimmonJoinSpec;
import io.persimmon.sql.exec.PersimmonRuntime;
import io.persimmon.sql.schema.PersimmonTable;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

import java.util.List;

/**
 * An index nested-loop join: for each row of its input (the outer side), the rows of a Persimmon
 * table (the inner side) found by a key lookup whose values are outer columns. Rows are the outer
 * row followed by the inner one; a LEFT join pads an outer row without match with NULLs.
 */
public final class PersimmonIndexJoin extends SingleRel implements EnumerableRel {
    private final RelOptTable innerTable;
    private final PersimmonTable inner;
    private final PersimmonAccess access;
    private final JoinRelType joinType;

    PersimmonIndexJoin(RelNode outer, RelOptTable innerTable, PersimmonTable inner, PersimmonAccess access,
                       JoinRelType joinType, RelDataType rowType) {
        super(outer.getCluster(), outer.getCluster().traitSetOf(EnumerableConvention.INSTANCE), outer);
        this.innerTable = innerTable;
        this.inner = inner;
        this.access = access;
        this.joinType = joinType;
        this.rowType = rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new PersimmonIndexJoin(sole(inputs), innerTable, inner, access, joinType, rowType);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("joinType", joinType.lowerName)
                .item("inner", innerTable.getQualifiedName()).item("access", access.describe());
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        return mq.getRowCount(getInput()) * access.rows();
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double outer = mq.getRowCount(getInput());
        double rows = outer * access.rows();
        return planner.getCostFactory().makeCost(rows, outer * 2 + rows, outer);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder builder = new BlockBuilder();
        Result outer = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
        Expression source = builder.append("outer", outer.block);
        Expression rows = builder.append("outerRows", outer.physType.convertTo(source, JavaRowFormat.ARRAY));
        PersimmonJoinSpec spec = new PersimmonJoinSpec(access.spec(inner.table()),
                inner.table().definition().columns().size(), joinType == JoinRelType.LEFT);
        Expression stashed = implementor.stash(spec, PersimmonJoinSpec.class);
        builder.add(Expressions.return_(null,
                Expressions.call(PersimmonRuntime.class, "indexJoin", DataContext.ROOT, stashed, rows)));
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY, false);
        return implementor.result(physType, builder.toBlock());
    }
}
