package io.persimmon.sql.rel;

import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

import java.util.ArrayList;
import java.util.List;

/**
 * ORDER BY served by a key's order, applied to the chosen plan: a sort whose input is a scan
 * (through filters and projections of columns) that can deliver the sort's order, by reading its
 * key forwards or backwards, is removed, and the scan reads in that direction; a LIMIT / OFFSET
 * of the sort becomes a {@link PersimmonLimit}. So {@code ORDER BY id DESC LIMIT 1} reads one entry. A full scan
 * without a bound may switch to an index in the sort's order only under a LIMIT. Every other
 * LIMIT / OFFSET (Calcite's {@code EnumerableLimit}, whose {@code take} reads one row past the
 * limit, and under FOR UPDATE locks it) becomes a {@link PersimmonLimit} as well.
 *
 * <p>This runs after the cost-based search rather than as a planner rule: the direction of a scan
 * is not a trait Calcite's metadata can see (it derives orders from the table's statistics), so
 * as a rule the descending variant lost to the ascending one in the trait bookkeeping.
 */
public final class PersimmonOrderShuttle extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
        if (other instanceof EnumerableLimit limit && limit.getInput() instanceof Sort sort && sort.fetch == null
                && sort.offset == null && !sort.getCollation().getFieldCollations().isEmpty()) {
            RelNode served = serve(sort, limit.offset, limit.fetch);
            if (served != null) {
                return served;
            }
        }
        RelNode node = super.visit(other);
        if (node instanceof Sort sort && !sort.getCollation().getFieldCollations().isEmpty()) {
            RelNode served = serve(sort, sort.offset, sort.fetch);
            if (served != null) {
                return served;
            }
        }
        if (node instanceof EnumerableLimit limit) {
            return new PersimmonLimit(limit.getInput(), limit.offset, limit.fetch); // reads no row past its last
        }
        return node;
    }

    private static RelNode serve(Sort sort, RexNode offset, RexNode fetch) {
        List<RelNode> chain = new ArrayList<>();
        List<RelFieldCollation> order = sort.getCollation().getFieldCollations();
        RelNode n = sort.getInput();
        while (!(n instanceof PersimmonTableScan)) {
            if (n instanceof EnumerableFilter) {
                chain.add(n);
            } else if (n instanceof EnumerableCalc calc) {
                order = map(order, calc.getProgram().getProjectList().stream()
                        .map(r -> calc.getProgram().expandLocalRef(r)).toList());
                chain.add(n);
            } else if (n instanceof EnumerableProject project) {
                order = map(order, project.getProjects());
                chain.add(n);
            } else {
                return null;
            }
            if (order == null) {
                return null;
            }
            n = n.getInput(0);
        }
        PersimmonTableScan scan = (PersimmonTableScan) n;
        if (scan.access().descending()) {
            return null;
        }
        PersimmonAccess access = PersimmonAccessPaths.inOrder(scan.access(), order);
        if (access == null && scan.access().isFull() && fetch != null) {
            access = PersimmonAccessPaths.choose(scan.persimmonTable(), null, order);
        }
        if (access == null) {
            return null;
        }
        RelNode rows = scan.withAccess(access);
        for (int i = chain.size() - 1; i >= 0; i--) {
            rows = chain.get(i).copy(chain.get(i).getTraitSet(), List.of(rows));
        }
        return offset != null || fetch != null ? new PersimmonLimit(rows, offset, fetch) : rows;
    }

    /** The order in terms of the input of a projection, or null if it sorts on a computed column. */
    private static List<RelFieldCollation> map(List<RelFieldCollation> order, List<RexNode> projects) {
        List<RelFieldCollation> mapped = new ArrayList<>();
        for (RelFieldCollation f : order) {
            if (!(projects.get(f.getFieldIndex()) instanceof RexInputRef r)) {
                return null;
            }
            mapped.add(f.withFieldIndex(r.getIndex()));
        }
        return mapped;
    }
}
