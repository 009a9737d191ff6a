package io.persimmon.sql.rel;

import io.persimmon.sql.exec.PersimmonRuntime;
import io.persimmon.sql.exec.PersimmonValuesSpec;

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
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A VALUES whose cells are literals and parameters ({@link PersimmonValuesShuttle} plans every
 * such VALUES as one): its rows are a stashed {@link PersimmonValuesSpec}, not code. Calcite
 * compiles each cell of its EnumerableValues, and plans a VALUES with parameters (which a
 * multi-row INSERT of literals becomes, see {@code PersimmonLiterals}) as a UNION ALL of one
 * projection per row, into one method: past about 1,000 rows of 3 columns, or a binary literal of
 * some KB, that method exceeded the JVM's 64 KB of bytecode and the statement failed.
 */
public final class PersimmonValuesRel extends AbstractRelNode implements EnumerableRel {
    private final List<List<RexNode>> tuples;
    private final PersimmonValuesSpec spec;

    PersimmonValuesRel(RelOptCluster cluster, RelTraitSet traitSet, RelDataType rowType, List<List<RexNode>> tuples,
                       PersimmonValuesSpec spec) {
        super(cluster, traitSet);
        this.rowType = rowType;
        this.tuples = tuples;
        this.spec = spec;
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return traitSet.equals(getTraitSet()) ? this
                : new PersimmonValuesRel(getCluster(), traitSet, rowType, tuples, spec);
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        return tuples.size();
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        // as EnumerableValues writes its tuples, parameters as ?n
        return super.explainTerms(pw).item("tuples", tuples.stream()
                .map(t -> t.stream().map(RexNode::toString).collect(Collectors.joining(", ", "{ ", " }")))
                .collect(Collectors.joining(", ", "[", "]")));
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        // as EnumerableValues: an Object[] per row (ARRAY), or the value itself for one column (SCALAR)
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
        Expression stashed = implementor.stash(spec, PersimmonValuesSpec.class);
        BlockBuilder builder = new BlockBuilder();
        String method = physType.getFormat() == JavaRowFormat.SCALAR ? "scalarValues" : "values";
        builder.add(Expressions.return_(null,
                Expressions.call(PersimmonRuntime.class, method, DataContext.ROOT, stashed)));
        return implementor.result(physType, builder.toBlock());
    }
}
