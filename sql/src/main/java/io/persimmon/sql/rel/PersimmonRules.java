package io.persimmon.sql.rel;

import org.apache.calcite.plan.RelOptRule;

import java.util.List;

/**
 * Persimmon's planner rules (docs/sql.md describes each, with the plan it gives). ORDER BY served
 * by key order is applied after the search, by {@link PersimmonOrderShuttle}.
 */
public final class PersimmonRules {
    private PersimmonRules() {}

    /** INSERT, UPDATE, DELETE on a Persimmon table → {@link PersimmonTableModify}. */
    public static final RelOptRule MODIFY = PersimmonModifyRule.CONFIG.toRule();
    /** Filter on a key prefix → point lookup or range scan. */
    public static final RelOptRule FILTER_SCAN = PersimmonFilterScanRule.CONFIG.toRule();
    /** Join on an indexed key of the right side → index nested-loop join. */
    public static final RelOptRule INDEX_JOIN = PersimmonIndexJoinRule.SCAN.toRule();
    /** The same, when the right side projects columns of the table. */
    public static final RelOptRule INDEX_JOIN_PROJECT = PersimmonIndexJoinRule.PROJECT_SCAN.toRule();

    /** The same, when the right side filters the table (its constant key equalities join the lookup). */
    public static final RelOptRule INDEX_JOIN_FILTER = PersimmonIndexJoinRule.FILTER_SCAN.toRule();

    /** {@link #INDEX_JOIN_FILTER} through a project of the table's columns above the filter. */
    public static final RelOptRule INDEX_JOIN_PROJECT_FILTER = PersimmonIndexJoinRule.PROJECT_FILTER_SCAN.toRule();

    /** Every rule. */
    public static final List<RelOptRule> ALL = List.of(MODIFY, FILTER_SCAN, INDEX_JOIN, INDEX_JOIN_PROJECT,
            INDEX_JOIN_FILTER, INDEX_JOIN_PROJECT_FILTER);
}
