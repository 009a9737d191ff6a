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
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a Persimmon table in the session's transaction, by the {@link PersimmonAccess} the rules
 * chose (every row by default). Generated code calls {@link PersimmonRuntime#scan} with the
 * stashed {@link PersimmonScanSpec}; rows are arrays of the table's columns, in key order.
 *
 * <p>During planning a scan produces every column. After it, {@link PersimmonProjectionShuttle}
 * narrows a scan to the columns the plan above uses ({@link #columns()}): its rows then hold
 * those alone and the engine decodes only them (and the keys it reads by). Only then, because
 * Calcite's metadata takes a {@link TableScan}'s fields for the table's (its keys, collations and
 * column origins by position), so a narrowed scan must never meet the planner.
 */
public final class PersimmonTableScan extends TableScan implements EnumerableRel {
    private final PersimmonTable persimmonTable;
    private final PersimmonAccess access;
    /** Positions in the table of the columns rows hold, ascending; null: every column. */
    private final int[] columns;

    private PersimmonTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
                               PersimmonTable persimmonTable, PersimmonAccess access, int[] columns) {
        super(cluster, traits, List.of(), table);
        this.persimmonTable = persimmonTable;
        this.access = access;
        this.columns = columns;
    }

    /** A scan of every row. */
    public static PersimmonTableScan create(RelOptCluster cluster, RelOptTable table, PersimmonTable persimmonTable) {
        return create(cluster, table, persimmonTable, PersimmonAccess.full(persimmonTable.table()));
    }

    static PersimmonTableScan create(RelOptCluster cluster, RelOptTable table, PersimmonTable persimmonTable,
                                     PersimmonAccess access) {
        return create(cluster, table, persimmonTable, access, null);
    }

    private static PersimmonTableScan create(RelOptCluster cluster, RelOptTable table, PersimmonTable persimmonTable,
                                             PersimmonAccess access, int[] columns) {
        List<RelCollation> collations = collations(access, columns);
        RelTraitSet traits = cluster.traitSetOf(EnumerableConvention.INSTANCE)
                .replaceIfs(RelCollationTraitDef.INSTANCE, () -> collations);
        return new PersimmonTableScan(cluster, traits, table, persimmonTable, access, columns);
    }

    /**
     * The orders rows come in: the key's, and the key's after its equality prefix; for a narrowed
     * scan, of each the longest leading part whose columns it produces, in its own positions.
     */
    private static List<RelCollation> collations(PersimmonAccess access, int[] columns) {
        List<RelCollation> list = new ArrayList<>();
        if (access.keyColumns().length > 0) {
            add(list, access.keyColumns(), access.descending(), columns);
            int[] ordered = access.orderedColumns();
            if (ordered.length > 0 && ordered.length < access.keyColumns().length) {
                add(list, ordered, access.descending(), columns);
            }
        }
        if (list.isEmpty()) {
            list.add(RelCollations.EMPTY);
        }
        list.sort(null); // a composite trait must list its collations in their natural order
        return list;
    }

    private static void add(List<RelCollation> list, int[] key, boolean descending, int[] columns) {
        int[] positions = key;
        if (columns != null) {
            int n = 0;
            while (n < key.length && Arrays.binarySearch(columns, key[n]) >= 0) {
                n++;
            }
            positions = new int[n];
            for (int i = 0; i < n; i++) {
                positions[i] = Arrays.binarySearch(columns, key[i]);
            }
        }
        RelCollation c = keyCollation(positions, descending);
        if (positions.length > 0 && !list.contains(c)) {
            list.add(c);
        }
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

    /** Positions in the table of the columns rows hold, ascending; null: every column. */
    public int[] columns() {
        return columns == null ? null : columns.clone();
    }

    /** The same scan reading by {@code other}. */
    public PersimmonTableScan withAccess(PersimmonAccess other) {
        return create(getCluster(), getTable(), persimmonTable, other, columns);
    }

    /** The same scan producing only {@code produced} (positions in the table, ascending): after planning only. */
    PersimmonTableScan withColumns(int[] produced) {
        return create(getCluster(), getTable(), persimmonTable, access, produced.clone());
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new PersimmonTableScan(getCluster(), traitSet, getTable(), persimmonTable, access, columns);
    }

    @Override
    public RelDataType deriveRowType() {
        RelDataType whole = table.getRowType();
        if (columns == null) {
            return whole;
        }
        RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
        for (int c : columns) {
            b.add(whole.getFieldList().get(c));
        }
        return b.build();
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).itemIf("columns", columnNames(table.getRowType(), columns), columns != null)
                .itemIf("access", access.describe(), !access.isFull());
    }

    /** The names of {@code columns} of {@code rowType}, as EXPLAIN shows a narrowed scan's (null: none). */
    static List<String> columnNames(RelDataType rowType, int[] columns) {
        return columns == null ? null : Arrays.stream(columns).mapToObj(c -> rowType.getFieldNames().get(c)).toList();
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
        Expression spec = implementor.stash(access.spec(persimmonTable.table(), columns), PersimmonScanSpec.class);
        return implementor.result(physType,
                Blocks.toBlock(Expressions.call(PersimmonRuntime.class, "scan", DataContext.ROOT, spec)));
    }
}
