package io.persimmon.sql.rel;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Sort;

/**
 * ORDER BY served by a key's order: a sort over a scan (or over a filter over a scan) whose order
 * is that of a key (after its equality prefix), forwards or backwards, becomes that scan read in
 * that direction, under a LIMIT if the sort had one. So {@code ORDER BY id DESC LIMIT 1} reads
 * one entry.
 */
final class PersimmonSortScanRule extends RelRule<PersimmonRuleConfig> {
    static final PersimmonRuleConfig SCAN = new PersimmonRuleConfig("PersimmonSortScanRule",
            b0 -> b0.operand(Sort.class).predicate(s -> !s.getCollation().getFieldCollations().isEmpty())
                    .oneInput(b1 -> b1.operand(PersimmonTableScan.class).predicate(s -> s.access().isFull()).noInputs()),
            c -> new PersimmonSortScanRule(c));

    static final PersimmonRuleConfig FILTER_SCAN = new PersimmonRuleConfig("PersimmonSortFilterScanRule",
            b0 -> b0.operand(Sort.class).predicate(s -> !s.getCollation().getFieldCollations().isEmpty())
                    .oneInput(b1 -> b1.operand(Filter.class).oneInput(b2 -> b2.operand(PersimmonTableScan.class)
                            .predicate(s -> s.access().isFull()).noInputs())),
            c -> new PersimmonSortScanRule(c));

    private PersimmonSortScanRule(PersimmonRuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Sort sort = call.rel(0);
        Filter filter = call.rels.length == 3 ? call.rel(1) : null;
        PersimmonTableScan scan = call.rel(call.rels.length - 1);
        PersimmonAccess access = PersimmonAccessPaths.choose(scan.persimmonTable().table(),
                filter == null ? null : filter.getCondition(), sort.getCollation().getFieldCollations());
        if (access == null) {
            return;
        }
        RelNode rows = scan.withAccess(access);
        if (filter != null) {
            rows = filter.copy(filter.getTraitSet(), rows, filter.getCondition());
        }
        rows = convert(rows, rows.getTraitSet().replace(EnumerableConvention.INSTANCE).replace(sort.getCollation()));
        if (sort.offset != null || sort.fetch != null) {
            rows = EnumerableLimit.create(rows, sort.offset, sort.fetch);
        }
        call.transformTo(rows);
    }
}
