package io.persimmon.sql.rel;

import io.persimmon.sql.schema.PersimmonTable;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalTableModify;

/** Turns a logical INSERT, UPDATE or DELETE on a Persimmon table into a {@link PersimmonTableModify}. */
final class PersimmonModifyRule extends ConverterRule {
    static final Config CONFIG = Config.INSTANCE
            .withConversion(LogicalTableModify.class, m -> m.getTable().unwrap(PersimmonTable.class) != null,
                    Convention.NONE, EnumerableConvention.INSTANCE, "PersimmonModifyRule")
            .withRuleFactory(PersimmonModifyRule::new);

    private PersimmonModifyRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        LogicalTableModify m = (LogicalTableModify) rel;
        RelNode input = convert(m.getInput(), m.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
        return new PersimmonTableModify(m.getCluster(), m.getTraitSet().replace(EnumerableConvention.INSTANCE),
                m.getTable(), m.getCatalogReader(), input, m.getOperation(), m.getUpdateColumnList(),
                m.getSourceExpressionList(), m.isFlattened());
    }
}
