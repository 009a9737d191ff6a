package io.persimmon.sql.rel;

import org.apache.calcite.plan.RelOptRule;

import java.util.List;

/** Persimmon's planner rules (docs/sql.md describes each, with the plan it gives). */
public final class PersimmonRules {
    private PersimmonRules() {}

    /** INSERT, UPDATE, DELETE on a Persimmon table → {@link PersimmonTableModify}. */
    public static final RelOptRule MODIFY = PersimmonModifyRule.CONFIG.toRule();
    /** Filter on a key prefix → point lookup or range scan. */
    public static final RelOptRule FILTER_SCAN = PersimmonFilterScanRule.CONFIG.toRule();
    /** ORDER BY a key → the scan in key order, forwards or backwards. */
    public static final RelOptRule SORT_SCAN = PersimmonSortScanRule.SCAN.toRule();
    /** ORDER BY a key after a filter → the filtered scan in key order. */
    public static final RelOptRule SORT_FILTER_SCAN = PersimmonSortScanRule.FILTER_SCAN.toRule();

    /** Every rule. */
    public static final List<RelOptRule> ALL = List.of(MODIFY, FILTER_SCAN, SORT_SCAN, SORT_FILTER_SCAN);
}
