package io.persimmon.sql.rel;

import io.persimmon.sql.exec.PersimmonModifySpec;
import io.persimmon.sql.exec.PersimmonRuntime;
import io.persimmon.sql.schema.PersimmonTable;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;

import java.util.List;

/**
 * INSERT, UPDATE and DELETE on a Persimmon table, in the session's transaction: generated code
 * hands the input rows to {@link PersimmonRuntime#modify} with the stashed
 * {@link PersimmonModifySpec}; the one output row is the count of rows changed. (Calcite's own
 * EnumerableTableModify cannot UPDATE and compares rows by identity.)
 */
public final class PersimmonTableModify extends TableModify implements EnumerableRel {
    PersimmonTableModify(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table,
                         Prepare.CatalogReader catalogReader, RelNode input, Operation operation,
                         List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
        super(cluster, traitSet, table, catalogReader, input, operation, updateColumnList, sourceExpressionList,
                flattened);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new PersimmonTableModify(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs),
                getOperation(), getUpdateColumnList(), getSourceExpressionList(), isFlattened());
    }

    private PersimmonModifySpec spec() {
        PersimmonTable t = getTable().unwrapOrThrow(PersimmonTable.class);
        int[] updateColumns = new int[0];
        if (getOperation() == Operation.UPDATE) {
            List<String> names = getTable().getRowType().getFieldNames();
            updateColumns = getUpdateColumnList().stream().mapToInt(names::indexOf).toArray();
        }
        PersimmonModifySpec.Operation op = switch (getOperation()) {
            case INSERT -> PersimmonModifySpec.Operation.INSERT;
            case UPDATE -> PersimmonModifySpec.Operation.UPDATE;
            case DELETE -> PersimmonModifySpec.Operation.DELETE;
            default -> throw new UnsupportedOperationException(getOperation() + " on a Persimmon table");
        };
        return new PersimmonModifySpec(t.table(), op, updateColumns, t.constraints());
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder builder = new BlockBuilder();
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
        Expression source = builder.append("source", input.block);
        Expression rows = builder.append("rows", input.physType.convertTo(source, JavaRowFormat.ARRAY));
        Expression spec = implementor.stash(spec(), PersimmonModifySpec.class);
        builder.add(Expressions.return_(null,
                Expressions.call(PersimmonRuntime.class, "modify", DataContext.ROOT, spec, rows)));
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR);
        return implementor.result(physType, builder.toBlock());
    }
}
