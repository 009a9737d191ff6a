package io.persimmon.sql.rel;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;

/**
 * A filter over a full scan whose conjuncts bind a key prefix becomes the same filter over a
 * point lookup or range scan of that key ({@link PersimmonAccessPaths} chooses which). The filter
 * stays: the scan's bounds only narrow what it reads.
 */
final class PersimmonFilterScanRule extends RelRule<PersimmonRuleConfig> {
    static final PersimmonRuleConfig CONFIG = new PersimmonRuleConfig("PersimmonFilterScanRule",
            b0 -> b0.operand(Filter.class).oneInput(b1 -> b1.operand(PersimmonTableScan.class)
                    .predicate(s -> s.access().isFull()).noInputs()),
            c -> new PersimmonFilterScanRule(c));

    private PersimmonFilterScanRule(PersimmonRuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Filter filter = call.rel(0);
        PersimmonTableScan scan = call.rel(1);
        PersimmonAccess access = PersimmonAccessPaths.choose(scan.persimmonTable(), filter.getCondition(), null);
        if (access != null) {
            call.transformTo(filter.copy(filter.getTraitSet(), scan.withAccess(access), filter.getCondition()));
        }
    }
}
