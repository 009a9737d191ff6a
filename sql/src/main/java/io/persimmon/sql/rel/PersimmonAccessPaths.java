package io.persimmon.sql.rel;

import io.persimmon.engine.db.Index;
import io.persimmon.engine.db.Table;
import io.persimmon.sql.exec.PersimmonOperand;
import io.persimmon.sql.schema.PersimmonTable;

import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import com.google.common.collect.Range;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses how to read a table for a filter (and, optionally, an order): among the primary key
 * and the secondary indexes, the one whose key prefix the filter's conjuncts bind best, by the
 * rows it would read (estimated from {@link Table#rowCount()}, and for an equality on every
 * column of a non-unique index from the engine's distinct-key estimate). Usable conjuncts compare a
 * column with a literal or a dynamic parameter: {@code =}, {@code <}, {@code <=}, {@code >},
 * {@code >=}, and {@code SEARCH} (IN and BETWEEN) with points or one range. The column may be
 * under a widening cast ({@link #widens}): Calcite compares a SMALLINT column with an INTEGER
 * value as {@code CAST(col AS INTEGER) = value}.
 */
final class PersimmonAccessPaths {
    private PersimmonAccessPaths() {}

    /**
     * The cheapest access, or null if no key is bound by the filter (and none gives the order).
     *
     * @param order field collations the rows must come in, or null for any order
     */
    static PersimmonAccess choose(PersimmonTable persimmonTable, RexNode condition, List<RelFieldCollation> order) {
        Table table = persimmonTable.table();
        List<RexNode> conjuncts = condition == null ? List.of() : RelOptUtil.conjunctions(condition);
        PersimmonAccess best = null;
        if (!table.definition().hasHiddenKey()) {
            best = better(best, bind(persimmonTable, null, table.definition().primaryKey(), conjuncts, order));
        }
        for (Index index : table.indexes()) {
            best = better(best, bind(persimmonTable, index, index.definition().columns(), conjuncts, order));
        }
        return best;
    }

    /** {@code access} read in the direction that gives {@code order}, or null if neither does. */
    static PersimmonAccess inOrder(PersimmonAccess access, List<RelFieldCollation> order) {
        if (access.keyColumns().length == 0) {
            return null;
        }
        Boolean descending = givesOrder(access, order);
        return descending == null ? null : access.withDescending(descending);
    }

    private static PersimmonAccess better(PersimmonAccess a, PersimmonAccess b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        double ca = a.index() == null ? a.rows() : a.rows() * 1.5;
        double cb = b.index() == null ? b.rows() : b.rows() * 1.5;
        return cb < ca ? b : a;
    }

    private static PersimmonAccess bind(PersimmonTable persimmonTable, Index index, int[] key,
                                        List<RexNode> conjuncts, List<RelFieldCollation> order) {
        double total = Math.max(persimmonTable.table().rowCount(), 1);
        boolean unique = index == null || index.isUnique();
        List<PersimmonOperand> prefix = new ArrayList<>();
        while (prefix.size() < key.length) {
            PersimmonOperand eq = equality(conjuncts, key[prefix.size()]);
            if (eq == null) {
                break;
            }
            prefix.add(eq);
        }
        int k = prefix.size();
        List<PersimmonOperand> points = null;
        PersimmonOperand low = null;
        PersimmonOperand high = null;
        double rows = total * Math.pow(0.1, k);
        if (k < key.length) {
            points = points(conjuncts, key[k]);
            if (points != null) {
                rows = unique && k + 1 == key.length ? points.size() : rows * 0.1 * points.size();
            } else {
                low = bound(conjuncts, key[k], true);
                high = bound(conjuncts, key[k], false);
                rows *= low != null && high != null ? 0.1 : low != null || high != null ? 0.3 : 1;
            }
        } else if (unique) {
            rows = 1;
        } else {
            rows = persimmonTable.rowsPerKey(index); // every column of a non-unique index bound
        }
        boolean bound = k > 0 || points != null || low != null || high != null;
        PersimmonAccess access = new PersimmonAccess(index, key, prefix, points, low, high, false,
                bound ? Math.max(1, rows) : total + 10);
        if (order != null) {
            Boolean descending = givesOrder(access, order);
            return descending == null ? null : access.withDescending(descending);
        }
        return bound ? access : null;
    }

    /** Whether reading {@code access} forwards (false) or backwards (true) gives {@code order}; null if neither. */
    private static Boolean givesOrder(PersimmonAccess access, List<RelFieldCollation> order) {
        if (order.isEmpty()) {
            return null;
        }
        boolean descending = order.getFirst().direction == RelFieldCollation.Direction.DESCENDING;
        int[] columns = access.orderedColumns();
        int[] whole = access.keyColumns();
        if (!matches(order, columns, descending) && !matches(order, whole, descending)) {
            return null;
        }
        return descending;
    }

    private static boolean matches(List<RelFieldCollation> order, int[] columns, boolean descending) {
        if (order.size() > columns.length) {
            return false;
        }
        for (int i = 0; i < order.size(); i++) {
            RelFieldCollation f = order.get(i);
            RelFieldCollation.NullDirection nulls = descending ? RelFieldCollation.NullDirection.LAST
                    : RelFieldCollation.NullDirection.FIRST;
            if (f.getFieldIndex() != columns[i] || f.direction.isDescending() != descending
                    || f.nullDirection != nulls) {
                return false;
            }
        }
        return true;
    }

    static PersimmonOperand equality(List<RexNode> conjuncts, int column) {
        for (RexNode c : conjuncts) {
            if (c.getKind() == SqlKind.EQUALS) {
                PersimmonOperand v = compared(c, column);
                if (v != null) {
                    return v;
                }
            }
            if (c.getKind() == SqlKind.SEARCH) {
                List<PersimmonOperand> p = points(List.of(c), column);
                if (p != null && p.size() == 1) {
                    return p.getFirst();
                }
            }
        }
        return null;
    }

    private static List<PersimmonOperand> points(List<RexNode> conjuncts, int column) {
        for (RexNode c : conjuncts) {
            Sarg<?> sarg = sarg(c, column);
            if (sarg != null && sarg.isPoints() && sarg.nullAs != RexUnknownAs.TRUE) {
                List<PersimmonOperand> points = new ArrayList<>();
                for (Range<?> r : sarg.rangeSet.asRanges()) {
                    points.add(PersimmonOperand.literal(value(r.lowerEndpoint())));
                }
                return points;
            }
        }
        return null;
    }

    /** A lower ({@code lower}) or upper bound on the column, inclusive or not (the scan is inclusive anyway). */
    private static PersimmonOperand bound(List<RexNode> conjuncts, int column, boolean lower) {
        for (RexNode c : conjuncts) {
            SqlKind kind = c.getKind();
            if (kind == SqlKind.LESS_THAN || kind == SqlKind.LESS_THAN_OR_EQUAL || kind == SqlKind.GREATER_THAN
                    || kind == SqlKind.GREATER_THAN_OR_EQUAL) {
                RexCall call = (RexCall) c;
                boolean columnLeft = isColumn(call.getOperands().get(0), column);
                PersimmonOperand v = compared(c, column);
                if (v == null) {
                    continue;
                }
                boolean greater = kind == SqlKind.GREATER_THAN || kind == SqlKind.GREATER_THAN_OR_EQUAL;
                if (greater == columnLeft ? lower : !lower) {
                    return v;
                }
            }
            Sarg<?> sarg = sarg(c, column);
            if (sarg != null && sarg.rangeSet.asRanges().size() == 1 && sarg.nullAs != RexUnknownAs.TRUE) {
                Range<?> r = sarg.rangeSet.span();
                if (lower && r.hasLowerBound()) {
                    return PersimmonOperand.literal(value(r.lowerEndpoint()));
                }
                if (!lower && r.hasUpperBound()) {
                    return PersimmonOperand.literal(value(r.upperEndpoint()));
                }
            }
        }
        return null;
    }

    /** Whether {@code n} is the column itself, or the column under a cast that keeps every value and its order. */
    static boolean isColumn(RexNode n, int column) {
        return uncast(n) instanceof RexInputRef r && r.getIndex() == column;
    }

    /**
     * {@code n} without a cast that keeps every value and its order ({@link #widens}, or to its own
     * type), or {@code n} itself: what a comparison of {@code n} compares, as a key lookup sees it.
     */
    static RexNode uncast(RexNode n) {
        if (n.getKind() == SqlKind.CAST && n instanceof RexCall c) {
            RexNode operand = c.getOperands().getFirst();
            if (sameType(operand.getType(), c.getType()) || widens(operand.getType(), c.getType())) {
                return operand;
            }
        }
        return n;
    }

    /**
     * Whether a CAST from {@code from} to {@code to} is lossless and order-preserving: an integer
     * type to an integer type at least as wide, or to a DECIMAL with as many integer digits; a
     * VARCHAR or CHAR to a VARCHAR at least as long.
     * Comparing the cast column with a value is then comparing the column with that value (which
     * the scan converts to the column's type, {@link io.persimmon.sql.exec.PersimmonScanSpec}).
     */
    static boolean widens(RelDataType from, RelDataType to) {
        if ((from.getSqlTypeName() == SqlTypeName.VARCHAR || from.getSqlTypeName() == SqlTypeName.CHAR)
                && to.getSqlTypeName() == SqlTypeName.VARCHAR) {
            // a parameter is typed VARCHAR of the longest length; compared with a CHAR(n) column it is
            // padded to n when bound (PersimmonCharParameters), so the cast CHAR keeps its stored form
            return to.getPrecision() >= from.getPrecision();
        }
        int digits = integerDigits(from.getSqlTypeName());
        if (digits == 0) {
            return false;
        }
        SqlTypeName target = to.getSqlTypeName();
        if (target == SqlTypeName.DECIMAL) {
            return to.getPrecision() - to.getScale() >= digits;
        }
        return integerDigits(target) >= digits;
    }

    private static boolean sameType(RelDataType a, RelDataType b) {
        return a.getSqlTypeName() == b.getSqlTypeName() && a.getPrecision() == b.getPrecision()
                && a.getScale() == b.getScale();
    }

    /** Whether {@code t} is an integer type (TINYINT, SMALLINT, INTEGER, BIGINT). */
    static boolean isInteger(RelDataType t) {
        return integerDigits(t.getSqlTypeName()) > 0;
    }

    private static int integerDigits(SqlTypeName t) {
        return switch (t) {
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            default -> 0;
        };
    }

    /** The operand a binary comparison compares {@code column} with, or null. */
    private static PersimmonOperand compared(RexNode c, int column) {
        RexCall call = (RexCall) c;
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        if (isColumn(a, column)) {
            return operand(b);
        }
        if (isColumn(b, column)) {
            return operand(a);
        }
        return null;
    }

    private static PersimmonOperand operand(RexNode n) {
        if (uncast(n) instanceof RexDynamicParam p) {
            return PersimmonOperand.parameter(p.getIndex()); // CAST(? AS INTEGER): the value is the parameter's
        }
        if (n instanceof RexLiteral l && !l.isNull() && l.getValue() != null) {
            return PersimmonOperand.literal(value(l.getValue()));
        }
        return null;
    }

    private static Sarg<?> sarg(RexNode c, int column) {
        if (c.getKind() == SqlKind.SEARCH && c instanceof RexCall call && isColumn(call.getOperands().get(0), column)
                && call.getOperands().get(1) instanceof RexLiteral l) {
            return l.getValueAs(Sarg.class);
        }
        return null;
    }

    /** A literal's value (as literals and Sargs hold it) in the representation of generated code. */
    static Object value(Object v) {
        if (v instanceof NlsString s) {
            return s.getValue();
        }
        if (v instanceof DateString d) {
            return d.getDaysSinceEpoch();
        }
        if (v instanceof TimeString t) {
            return t.getMillisOfDay();
        }
        if (v instanceof TimestampString t) {
            return t.getMillisSinceEpoch();
        }
        if (v instanceof ByteString b) {
            return b;
        }
        return v;
    }
}
