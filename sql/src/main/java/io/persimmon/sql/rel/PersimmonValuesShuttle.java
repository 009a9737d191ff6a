package io.persimmon.sql.rel;

import io.persimmon.sql.exec.PersimmonValuesSpec;
import io.persimmon.sql.exec.PersimmonValuesSpec.Conversion;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.Util;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans every VALUES whose cells are literals and parameters as a {@link PersimmonValuesRel}
 * (its rows data, not code), in two places:
 *
 * <ul>
 *   <li>{@link #beforeSearch} on the logical plan: Calcite's SqlToRelConverter turns a VALUES
 *       with parameters into a UNION ALL of one projection per row over a one-row VALUES (a
 *       single row: that projection alone). Replaced before the planner's programs see it, as
 *       one leaf: a UNION of thousands of inputs also cost Calcite's HepPlanner time quadratic
 *       in their number (some 30 s for 1,000 rows).</li>
 *   <li>{@link #afterSearch} on the chosen plan: every EnumerableValues (literal rows), after
 *       Calcite's rules on Values (reducing filters and projections over them, trimming fields,
 *       uniqueness and order metadata) have had their say.</li>
 * </ul>
 *
 * A VALUES with any other cell (an expression such as {@code 1 + 1}, a literal of a type not
 * handled here) is left to Calcite.
 */
public final class PersimmonValuesShuttle {
    private PersimmonValuesShuttle() {}

    /** {@code logical} with each UNION ALL of constant rows, and each constant row, as a PersimmonValuesRel. */
    public static RelNode beforeSearch(RelNode logical) {
        return logical.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                if (other instanceof LogicalUnion || other instanceof LogicalProject) {
                    List<List<RexNode>> tuples = new ArrayList<>();
                    if (constantRows(other, tuples) && fold(other.getCluster(), tuples)) {
                        RelNode values = values(other, tuples);
                        if (values != null) {
                            return values;
                        }
                    }
                }
                return super.visit(other);
            }
        });
    }

    /** {@code best} with each EnumerableValues as a PersimmonValuesRel with its traits (it may be known sorted). */
    public static RelNode afterSearch(RelNode best) {
        return best.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                if (other instanceof EnumerableValues v) {
                    List<List<RexNode>> tuples = new ArrayList<>(v.getTuples().size());
                    v.getTuples().forEach(t -> tuples.add(List.copyOf(t)));
                    PersimmonValuesSpec spec = spec(v.getRowType(), tuples);
                    if (spec != null) {
                        return new PersimmonValuesRel(v.getCluster(), v.getTraitSet(), v.getRowType(), tuples, spec);
                    }
                }
                return super.visit(other);
            }
        });
    }

    private static RelNode values(RelNode replaced, List<List<RexNode>> tuples) {
        PersimmonValuesSpec spec = spec(replaced.getRowType(), tuples);
        if (spec == null) {
            return null;
        }
        return new PersimmonValuesRel(replaced.getCluster(),
                replaced.getCluster().traitSetOf(EnumerableConvention.INSTANCE), replaced.getRowType(), tuples, spec);
    }

    /**
     * Adds the rows of {@code n} to {@code tuples} if it is a UNION ALL (possibly nested) of constant rows,
     * a projection of literals and parameters over a one-row VALUES, or a literal VALUES.
     */
    private static boolean constantRows(RelNode n, List<List<RexNode>> tuples) {
        if (n instanceof Union u) {
            if (!u.all || u.getInputs().isEmpty()) {
                return false;
            }
            for (RelNode input : u.getInputs()) {
                if (!constantRows(input, tuples)) {
                    return false;
                }
            }
            return true;
        }
        if (n instanceof Project p) {
            if (!(p.getInput() instanceof Values v) || v.getTuples().size() != 1 || p.getProjects().isEmpty()) {
                return false;
            }
            List<RexNode> row = new ArrayList<>(p.getProjects().size());
            for (RexNode e : p.getProjects()) {
                RexNode cell = uncast(e);
                if (cell instanceof RexLiteral || cell instanceof RexDynamicParam) {
                    row.add(cell);
                } else if (foldable(e)) {
                    row.add(e); // evaluated by fold
                } else {
                    return false;
                }
            }
            tuples.add(row);
            return true;
        }
        if (n instanceof LogicalValues v) {
            v.getTuples().forEach(t -> tuples.add(List.copyOf(t)));
            return true;
        }
        return false;
    }

    /**
     * Whether {@code e} is a constant expression whose value is the same at every execution:
     * literals under deterministic functions that are not dynamic (CURRENT_DATE is, RAND() is
     * not deterministic), no parameter. Evaluated once, when the plan is made.
     */
    private static boolean foldable(RexNode e) {
        if (e instanceof RexLiteral) {
            return true;
        }
        return e instanceof RexCall c && c.getOperator().isDeterministic() && !c.getOperator().isDynamicFunction()
                && c.getOperands().stream().allMatch(PersimmonValuesShuttle::foldable);
    }

    /** Expressions evaluated per generated method: a few hundred fit well within the JVM's 64 KB of bytecode. */
    private static final int FOLD_BATCH = 200;

    /**
     * Replaces each cell of {@code tuples} that is an expression by its value, a literal, with
     * Calcite's RexExecutor (which compiles them as generated code would, in batches of
     * {@link #FOLD_BATCH}). False if an expression cannot be evaluated now (it fails, 1/0 or a
     * bad CAST: then the VALUES is left to Calcite and the error comes when the statement runs).
     */
    private static boolean fold(RelOptCluster cluster, List<List<RexNode>> tuples) {
        List<int[]> at = new ArrayList<>();
        List<RexNode> expressions = new ArrayList<>();
        for (int r = 0; r < tuples.size(); r++) {
            List<RexNode> row = tuples.get(r);
            for (int c = 0; c < row.size(); c++) {
                if (!(row.get(c) instanceof RexLiteral) && !(row.get(c) instanceof RexDynamicParam)) {
                    at.add(new int[] {r, c});
                    expressions.add(row.get(c));
                }
            }
        }
        if (expressions.isEmpty()) {
            return true;
        }
        RexExecutor executor = Util.first(cluster.getPlanner().getExecutor(), RexUtil.EXECUTOR);
        for (int from = 0; from < expressions.size(); from += FOLD_BATCH) {
            List<RexNode> batch = expressions.subList(from, Math.min(expressions.size(), from + FOLD_BATCH));
            List<RexNode> reduced = new ArrayList<>(batch.size());
            executor.reduce(cluster.getRexBuilder(), batch, reduced);
            for (int i = 0; i < batch.size(); i++) {
                RexNode value = uncast(reduced.get(i));
                if (!(value instanceof RexLiteral)) {
                    return false;
                }
                int[] cell = at.get(from + i);
                tuples.get(cell[0]).set(cell[1], value);
            }
        }
        return true;
    }

    /**
     * {@code e} without CASTs to the type it has, whose code changes nothing (Calcite writes some
     * literals so, {@code CAST(X'...':VARBINARY(n)):VARBINARY(n)}).
     */
    private static RexNode uncast(RexNode e) {
        while (e.getKind() == SqlKind.CAST && e instanceof RexCall c && c.getOperands().size() == 1
                && SqlTypeUtil.equalSansNullability(c.getType(), c.getOperands().get(0).getType())) {
            e = c.getOperands().get(0);
        }
        return e;
    }

    /** The rows with their cells in the representation of {@code rowType}'s fields, or null if a cell cannot be. */
    private static PersimmonValuesSpec spec(RelDataType rowType, List<List<RexNode>> tuples) {
        List<RelDataType> fields = rowType.getFieldList().stream().map(f -> f.getType()).toList();
        if (fields.isEmpty()) {
            return null; // rows of no column (Calcite's LIST format): left to EnumerableValues
        }
        List<Object[]> rows = new ArrayList<>(tuples.size());
        for (List<RexNode> t : tuples) {
            if (t.size() != fields.size()) {
                return null;
            }
            Object[] row = new Object[t.size()];
            for (int i = 0; i < row.length; i++) {
                Object cell = cell(t.get(i), fields.get(i));
                if (cell == UNSUPPORTED) {
                    return null;
                }
                row[i] = cell;
            }
            rows.add(row);
        }
        return new PersimmonValuesSpec(List.copyOf(rows));
    }

    private static final Object UNSUPPORTED = new Object();

    /**
     * A cell as Calcite's generated code would have produced it for a field of type {@code field}
     * (RexToLixTranslator: translateLiteral, visitDynamicParam), or UNSUPPORTED.
     */
    static Object cell(RexNode n, RelDataType field) {
        SqlTypeName f = field.getSqlTypeName();
        if (n instanceof RexDynamicParam p) {
            return parameter(p, f);
        }
        if (!(n instanceof RexLiteral literal)) {
            return UNSUPPORTED;
        }
        if (literal.isNull()) {
            return null;
        }
        SqlTypeName l = literal.getType().getSqlTypeName();
        if (SqlTypeFamily.NUMERIC.getTypeNames().contains(f)) {
            if (!SqlTypeFamily.NUMERIC.getTypeNames().contains(l)) {
                return UNSUPPORTED;
            }
            if ((f == SqlTypeName.REAL || f == SqlTypeName.FLOAT || f == SqlTypeName.DOUBLE)
                    && literal.getValue() instanceof Number number) {
                // NaN and the infinities have no BigDecimal: the literal's own number, as generated code reads it
                double v = number.doubleValue();
                return f == SqlTypeName.REAL ? (Object) (float) v : (Object) v;
            }
            BigDecimal d = literal.getValueAs(BigDecimal.class);
            return switch (f) {
                case TINYINT -> d.byteValue();
                case SMALLINT -> d.shortValue();
                case INTEGER -> d.intValue();
                case BIGINT -> d.longValue();
                case REAL -> d.floatValue();
                case FLOAT, DOUBLE -> d.doubleValue();
                case DECIMAL -> d;
                default -> UNSUPPORTED;
            };
        }
        return switch (f) {
            case CHAR, VARCHAR -> l == SqlTypeName.CHAR || l == SqlTypeName.VARCHAR
                    ? literal.getValueAs(String.class) : UNSUPPORTED;
            case BINARY, VARBINARY -> l == SqlTypeName.BINARY || l == SqlTypeName.VARBINARY
                    ? literal.getValueAs(ByteString.class) : UNSUPPORTED;
            case BOOLEAN -> l == f ? literal.getValueAs(Boolean.class) : UNSUPPORTED;
            case DATE, TIME -> l == f ? literal.getValueAs(Integer.class) : UNSUPPORTED;
            case TIMESTAMP -> l == f ? literal.getValueAs(Long.class) : UNSUPPORTED;
            default -> UNSUPPORTED;
        };
    }

    private static Object parameter(RexDynamicParam p, SqlTypeName f) {
        RelDataType type = p.getType();
        SqlTypeName t = type.getSqlTypeName();
        int n = type.getPrecision();
        if (SqlTypeFamily.NUMERIC.getTypeNames().contains(f)) {
            if (!SqlTypeFamily.NUMERIC.getTypeNames().contains(t)) {
                return UNSUPPORTED;
            }
            Conversion c = switch (f) {
                case TINYINT -> Conversion.BYTE;
                case SMALLINT -> Conversion.SHORT;
                case INTEGER -> Conversion.INT;
                case BIGINT -> Conversion.LONG;
                case REAL -> Conversion.FLOAT;
                case FLOAT, DOUBLE -> Conversion.DOUBLE;
                case DECIMAL -> Conversion.DECIMAL;
                default -> null;
            };
            return c == null ? UNSUPPORTED : new PersimmonValuesSpec.Parameter(p.getIndex(), c, 0);
        }
        boolean chars = (f == SqlTypeName.CHAR || f == SqlTypeName.VARCHAR)
                && (t == SqlTypeName.CHAR || t == SqlTypeName.VARCHAR);
        boolean bytes = (f == SqlTypeName.BINARY || f == SqlTypeName.VARBINARY)
                && (t == SqlTypeName.BINARY || t == SqlTypeName.VARBINARY);
        if (chars || bytes) {
            // as generated code: a parameter is cut to its type's length, and padded to it if CHAR(n) or BINARY(n)
            Conversion c = n < 0 ? Conversion.NONE
                    : t == SqlTypeName.CHAR || t == SqlTypeName.BINARY ? Conversion.TRUNCATE_OR_PAD
                    : Conversion.TRUNCATE;
            return new PersimmonValuesSpec.Parameter(p.getIndex(), c, n);
        }
        return t == f && (f == SqlTypeName.BOOLEAN || f == SqlTypeName.DATE || f == SqlTypeName.TIME
                || f == SqlTypeName.TIMESTAMP) ? new PersimmonValuesSpec.Parameter(p.getIndex(), Conversion.NONE, 0)
                : UNSUPPORTED;
    }
}
