package io.persimmon.sql.rel;

import io.persimmon.engine.db.Index;
import io.persimmon.engine.db.Table;
import io.persimmon.sql.exec.PersimmonOperand;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * A join whose right side is a Persimmon table and whose equality conditions bind a prefix of its
 * primary key or of an index becomes a {@link PersimmonIndexJoin} (chosen by cost against the
 * hash and merge joins). For an inner join the whole condition stays as a filter above; a LEFT
 * join qualifies only when its condition is exactly those equalities, between columns of one type.
 * For an inner join whose right side is a filter over the table, the filter's equalities of key
 * columns with literals or parameters (through widening casts too) bind key columns as well, so
 * {@code s_w_id = ? AND s_i_id = ol_i_id} looks up (s_w_id, s_i_id); the filter moves above. A project of
 * columns over the table (Calcite trims the columns a query does not use) is looked through, above the
 * filter or without one, and so are widening casts of a column in it or in the join's equalities
 * (Calcite joins a SMALLINT with an INTEGER key as {@code CAST(small AS INTEGER) = key}, and an
 * INTEGER key with a BIGINT as {@code CAST(key AS BIGINT) = big}, the cast pushed into a project):
 * the lookup converts the outer value to the key's type, and one the key cannot hold matches
 * nothing. A LEFT join, which has no filter above to drop a row the lookup found, takes such
 * keys only between integer types, where the conversion finds exactly the equal keys.
 */
final class PersimmonIndexJoinRule extends RelRule<PersimmonRuleConfig> {
    static final PersimmonRuleConfig SCAN = config("PersimmonIndexJoinRule");
    static final PersimmonRuleConfig PROJECT_SCAN = config("PersimmonIndexJoinProjectRule", Project.class);
    static final PersimmonRuleConfig FILTER_SCAN = config("PersimmonIndexJoinFilterRule", Filter.class);
    /** The shape Calcite gives a filtered table whose unused columns it trimmed (TPC-C's STOCK in Stock-Level). */
    static final PersimmonRuleConfig PROJECT_FILTER_SCAN =
            config("PersimmonIndexJoinProjectFilterRule", Project.class, Filter.class);

    /** A join whose right input is {@code over[0]} over {@code over[1]} ... over a full scan of a Persimmon table. */
    @SafeVarargs
    private static PersimmonRuleConfig config(String name, Class<? extends RelNode>... over) {
        RelRule.OperandTransform right = b -> b.operand(PersimmonTableScan.class).predicate(s -> s.access().isFull())
                .noInputs();
        for (int i = over.length - 1; i >= 0; i--) {
            RelRule.OperandTransform input = right;
            Class<? extends RelNode> type = over[i];
            right = b -> b.operand(type).oneInput(input);
        }
        RelRule.OperandTransform inner = right;
        boolean filter = List.of(over).contains(Filter.class); // the inner side's filter moves above: inner joins only
        return new PersimmonRuleConfig(name, b0 -> b0.operand(Join.class)
                .predicate(j -> j.getJoinType() == JoinRelType.INNER || !filter && j.getJoinType() == JoinRelType.LEFT)
                .inputs(b1 -> b1.operand(RelNode.class).anyInputs(), inner), PersimmonIndexJoinRule::new);
    }

    private PersimmonIndexJoinRule(PersimmonRuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Join join = call.rel(0);
        Project project = null;
        Filter filter = null;
        for (int i = 2; i < call.rels.length - 1; i++) {
            if (call.rel(i) instanceof Project p) {
                project = p;
            } else if (call.rel(i) instanceof Filter f) {
                filter = f; // below any project: its condition reads the table's columns
            }
        }
        if (filter != null && (RexUtil.containsCorrelation(filter.getCondition())
                || !RexUtil.isDeterministic(filter.getCondition()))) {
            return; // evaluated above the join, once per joined row: only a plain predicate on the row may move
        }
        List<RexNode> constants = filter == null ? List.of() : RelOptUtil.conjunctions(filter.getCondition());
        PersimmonTableScan scan = call.rel(call.rels.length - 1);
        boolean left = join.getJoinType() == JoinRelType.LEFT;
        KeyPairs info = KeyPairs.of(join);
        if (info.leftKeys.isEmpty() || left && !info.isEqui) {
            return;
        }
        int[] columns = new int[join.getRight().getRowType().getFieldCount()];
        for (int j = 0; j < columns.length; j++) {
            if (project == null) {
                columns[j] = j;
            } else if (PersimmonAccessPaths.uncast(project.getProjects().get(j)) instanceof RexInputRef r) {
                columns[j] = r.getIndex(); // a column, or a column under a widening cast (Calcite's for a join key)
            } else {
                return;
            }
        }
        List<Integer> innerKeys = info.rightKeys.stream().map(k -> columns[k]).toList();
        Table table = scan.persimmonTable().table();
        PersimmonAccess best = null;
        if (!table.definition().hasHiddenKey()) {
            best = bind(join, info, innerKeys, constants, scan, null, table.definition().primaryKey(), left);
        }
        for (Index index : table.indexes()) {
            PersimmonAccess a = bind(join, info, innerKeys, constants, scan, index, index.definition().columns(), left);
            if (a != null && (best == null || a.rows() * 1.5 < best.rows())) {
                best = a;
            }
        }
        if (best == null) {
            return;
        }
        RelNode outer = convert(join.getLeft(), join.getLeft().getTraitSet().replace(EnumerableConvention.INSTANCE));
        RelDataTypeFactory types = join.getCluster().getTypeFactory();
        RelDataTypeFactory.Builder rowType = types.builder().addAll(join.getLeft().getRowType().getFieldList());
        scan.getRowType().getFieldList().forEach(f -> rowType.add(f.getName(),
                left ? types.createTypeWithNullability(f.getType(), true) : f.getType()));
        RelNode lookups = new PersimmonIndexJoin(outer, scan.getTable(), scan.persimmonTable(), best,
                join.getJoinType(), rowType.uniquify().build());
        RelBuilder builder = call.builder().push(lookups);
        int outerCount = join.getLeft().getRowType().getFieldCount();
        if (filter != null) {
            builder.filter(RexUtil.shift(filter.getCondition(), outerCount)); // the inner side's own filter
        }
        List<RexNode> fields = new ArrayList<>();
        for (int i = 0; i < outerCount; i++) {
            fields.add(builder.field(i));
        }
        List<RelDataTypeField> joined = join.getRowType().getFieldList();
        for (int j = 0; j < columns.length; j++) {
            RexNode column = builder.field(outerCount + columns[j]);
            boolean cast = project != null && !(project.getProjects().get(j) instanceof RexInputRef);
            fields.add(cast ? builder.getRexBuilder().makeAbstractCast(joined.get(outerCount + j).getType(), column)
                    : column);
        }
        builder.project(fields, join.getRowType().getFieldNames(), true);
        if (!left) {
            builder.filter(join.getCondition());
        }
        call.transformTo(builder.build());
    }

    /**
     * The equalities of a join's condition between an outer field and an inner one, each possibly
     * under a cast that keeps every value ({@link PersimmonAccessPaths#uncast}: Calcite compares a
     * SMALLINT with an INTEGER as {@code CAST(small AS INTEGER) = int}), as pairs of field
     * positions ({@code rightKeys} counted from the inner side's first field); {@code isEqui} when
     * the condition is nothing else.
     */
    private record KeyPairs(List<Integer> leftKeys, List<Integer> rightKeys, boolean isEqui) {
        static KeyPairs of(Join join) {
            int outerCount = join.getLeft().getRowType().getFieldCount();
            List<Integer> outer = new ArrayList<>();
            List<Integer> inner = new ArrayList<>();
            boolean equi = true;
            for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
                if (c.getKind() == SqlKind.EQUALS && c instanceof RexCall call
                        && PersimmonAccessPaths.uncast(call.getOperands().get(0)) instanceof RexInputRef a
                        && PersimmonAccessPaths.uncast(call.getOperands().get(1)) instanceof RexInputRef b
                        && (a.getIndex() < outerCount) != (b.getIndex() < outerCount)) {
                    outer.add(Math.min(a.getIndex(), b.getIndex()));
                    inner.add(Math.max(a.getIndex(), b.getIndex()) - outerCount);
                } else {
                    equi = false;
                }
            }
            return new KeyPairs(outer, inner, equi);
        }
    }

    /**
     * The lookup of {@code key}'s prefix bound by the join's equalities and by the inner side's
     * filter conjuncts that compare a key column with a literal or parameter ({@code constants}),
     * or null if no join equality is among them.
     */
    private static PersimmonAccess bind(Join join, KeyPairs info, List<Integer> innerKeys, List<RexNode> constants,
                                        PersimmonTableScan scan, Index index, int[] key, boolean left) {
        Table table = scan.persimmonTable().table();
        List<PersimmonOperand> prefix = new ArrayList<>();
        List<RelDataTypeField> outerFields = join.getLeft().getRowType().getFieldList();
        List<RelDataTypeField> innerFields = scan.getRowType().getFieldList();
        int joined = 0;
        for (int column : key) {
            int pair = innerKeys.indexOf(column);
            if (pair < 0) {
                PersimmonOperand constant = PersimmonAccessPaths.equality(constants, column);
                if (constant == null) {
                    break;
                }
                prefix.add(constant);
                continue;
            }
            int outerField = info.leftKeys.get(pair);
            RelDataType outerType = outerFields.get(outerField).getType();
            RelDataType keyType = innerFields.get(column).getType();
            if (left && outerType.getSqlTypeName() != keyType.getSqlTypeName()
                    && !(PersimmonAccessPaths.isInteger(outerType) && PersimmonAccessPaths.isInteger(keyType))) {
                // Converted to the key's type, a value finds every equal key, and exactly those
                // among integers; otherwise maybe more (a VARCHAR padded to a CHAR key), which the
                // inner join's filter above drops but a LEFT join would return.
                break;
            }
            prefix.add(PersimmonOperand.field(outerField));
            joined++;
        }
        while (!prefix.isEmpty() && prefix.getLast().field() < 0) {
            prefix.removeLast(); // constants after the last join column: the filter above applies them
        }
        if (joined == 0 || left && prefix.size() != info.leftKeys.size()) {
            return null;
        }
        boolean unique = (index == null || index.isUnique()) && prefix.size() == key.length;
        double rows = unique ? 1 : index != null && prefix.size() == key.length ? scan.persimmonTable().rowsPerKey(index)
                : Math.max(1, Math.max(table.rowCount(), 1) * Math.pow(0.1, prefix.size()));
        return new PersimmonAccess(index, key, prefix, null, null, null, false, rows);
    }
}
