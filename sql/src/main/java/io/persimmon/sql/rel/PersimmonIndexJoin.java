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
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;

import java.util.List;

/**
 * An index nested-loop join: for each row of its input (the outer side), the rows of a Persimmon
 * table (the inner side) found by a key lookup whose values are outer columns. Rows are the outer
 * row followed by the inner one; a LEFT join pads an outer row without match with NULLs. The inner
 * row holds every column of the table, or after planning only those the plan above uses
 * ({@link PersimmonProjectionShuttle}; EXPLAIN lists them as {@code columns}).
 */
public final class PersimmonIndexJoin extends SingleRel implements EnumerableRel {
    private final RelOptTable innerTable;
    private final PersimmonTable inner;
    private final PersimmonAccess access;
    private final JoinRelType joinType;
    /** The row type with every inner column. */
    private final RelDataType wholeRowType;
    /** Positions in the inner table of the inner columns rows hold, ascending; null: all. */
    private final int[] innerColumns;

    PersimmonIndexJoin(RelNode outer, RelOptTable innerTable, PersimmonTable inner, PersimmonAccess access,
                       JoinRelType joinType, RelDataType rowType) {
        this(outer, innerTable, inner, access, joinType, rowType, null);
    }

    private PersimmonIndexJoin(RelNode outer, RelOptTable innerTable, PersimmonTable inner, PersimmonAccess access,
                               JoinRelType joinType, RelDataType wholeRowType, int[] innerColumns) {
        super(outer.getCluster(), outer.getCluster().traitSetOf(EnumerableConvention.INSTANCE), outer);
        this.innerTable = innerTable;
        this.inner = inner;
        this.access = access;
        this.joinType = joinType;
        this.wholeRowType = wholeRowType;
        this.innerColumns = innerColumns;
        this.rowType = narrowed(outer.getRowType().getFieldCount());
    }

    private RelDataType narrowed(int outerCount) {
        if (innerColumns == null) {
            return wholeRowType;
        }
        RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
        List<RelDataTypeField> fields = wholeRowType.getFieldList();
        for (int i = 0; i < outerCount; i++) {
            b.add(fields.get(i));
        }
        for (int c : innerColumns) {
            b.add(fields.get(outerCount + c));
        }
        return b.build();
    }

    /** How the inner table is read. */
    PersimmonAccess access() {
        return access;
    }

    /** Positions in the inner table of the inner columns rows hold, ascending; null: all. */
    int[] innerColumns() {
        return innerColumns == null ? null : innerColumns.clone();
    }

    /** The same join with inner rows of {@code columns} alone (positions in the inner table, ascending): after planning only. */
    PersimmonIndexJoin withInnerColumns(int[] columns) {
        return new PersimmonIndexJoin(getInput(), innerTable, inner, access, joinType, wholeRowType, columns.clone());
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new PersimmonIndexJoin(sole(inputs), innerTable, inner, access, joinType, wholeRowType, innerColumns);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("joinType", joinType.lowerName)
                .item("inner", innerTable.getQualifiedName())
                .itemIf("columns", PersimmonTableScan.columnNames(innerTable.getRowType(), innerColumns),
                        innerColumns != null)
                .item("access", access.describe());
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
        PersimmonJoinSpec spec = new PersimmonJoinSpec(access.spec(inner.table(), innerColumns),
                joinType == JoinRelType.LEFT);
        Expression stashed = implementor.stash(spec, PersimmonJoinSpec.class);
        builder.add(Expressions.return_(null,
                Expressions.call(PersimmonRuntime.class, "indexJoin", DataContext.ROOT, stashed, rows)));
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY, false);
        return implementor.result(physType, builder.toBlock());
    }
}
