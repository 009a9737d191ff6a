package io.persimmon.sql.rel;

import io.persimmon.sql.exec.PersimmonRuntime;
import io.persimmon.sql.exec.PersimmonScanSpec;
import io.persimmon.sql.schema.PersimmonTable;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Persimmon table in the session's transaction, by the {@link PersimmonAccess} the rules
 * chose (every row by default). Generated code calls {@link PersimmonRuntime#scan} with the
 * stashed {@link PersimmonScanSpec}; rows are arrays of all the table's columns, in key order.
 */
public final class PersimmonTableScan extends TableScan implements EnumerableRel {
    private final PersimmonTable persimmonTable;
    private final PersimmonAccess access;

    private PersimmonTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
                               PersimmonTable persimmonTable, PersimmonAccess access) {
        super(cluster, traits, List.of(), table);
        this.persimmonTable = persimmonTable;
        this.access = access;
    }

    /** A scan of every row. */
    public static PersimmonTableScan create(RelOptCluster cluster, RelOptTable table, PersimmonTable persimmonTable) {
        return create(cluster, table, persimmonTable, PersimmonAccess.full(persimmonTable.table()));
    }

    static PersimmonTableScan create(RelOptCluster cluster, RelOptTable table, PersimmonTable persimmonTable,
                                     PersimmonAccess access) {
        List<RelCollation> collations = collations(access);
        RelTraitSet traits = cluster.traitSetOf(EnumerableConvention.INSTANCE)
                .replaceIfs(RelCollationTraitDef.INSTANCE, () -> collations);
        return new PersimmonTableScan(cluster, traits, table, persimmonTable, access);
    }

    /** The orders rows come in: the key's, and the key's after its equality prefix. */
    private static List<RelCollation> collations(PersimmonAccess access) {
        List<RelCollation> list = new ArrayList<>();
        if (access.keyColumns().length == 0) {
            list.add(RelCollations.EMPTY);
            return list;
        }
        list.add(keyCollation(access.keyColumns(), access.descending()));
        int[] ordered = access.orderedColumns();
        if (ordered.length > 0 && ordered.length < access.keyColumns().length) {
            list.add(keyCollation(ordered, access.descending()));
        }
        list.sort(null); // a composite trait must list its collations in their natural order
        return list;
    }

    /**
     * The collation of a key read forwards or backwards. The engine orders NULL first, as the
     * validator's NULL collation LOW does in ascending order.
     */
    public static RelCollation keyCollation(int[] columns, boolean descending) {
        List<RelFieldCollation> fields = new ArrayList<>();
        for (int c : columns) {
            fields.add(descending
                    ? new RelFieldCollation(c, RelFieldCollation.Direction.DESCENDING, RelFieldCollation.NullDirection.LAST)
                    : new RelFieldCollation(c, RelFieldCollation.Direction.ASCENDING, RelFieldCollation.NullDirection.FIRST));
        }
        return RelCollations.of(fields);
    }

    public PersimmonTable persimmonTable() {
        return persimmonTable;
    }

    public PersimmonAccess access() {
        return access;
    }

    /** The same scan reading by {@code other}. */
    public PersimmonTableScan withAccess(PersimmonAccess other) {
        return create(getCluster(), getTable(), persimmonTable, other);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new PersimmonTableScan(getCluster(), traitSet, getTable(), persimmonTable, access);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).itemIf("access", access.describe(), !access.isFull());
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        return access.rows();
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double rows = access.rows();
        double cpu = access.index() == null ? rows : rows * 1.5;
        return planner.getCostFactory().makeCost(rows, cpu, rows);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY, false);
        Expression spec = implementor.stash(access.spec(persimmonTable.table()), PersimmonScanSpec.class);
        return implementor.result(physType,
                Blocks.toBlock(Expressions.call(PersimmonRuntime.class, "scan", DataContext.ROOT, spec)));
    }
}
