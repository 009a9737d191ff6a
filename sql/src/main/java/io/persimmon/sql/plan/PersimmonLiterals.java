package io.persimmon.sql.plan;

import io.persimmon.sql.parser.PersimmonParserConfig;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Literal parameterization, so that statements that differ only in literals share a plan: the
 * numbers and strings of a statement without parameters become {@code ?}, and the plan of that
 * text is used with the literals as values, if each parameter's inferred type holds its literal
 * exactly (otherwise the statement is planned as written).
 *
 * <p>Left as written, because a parameter there would change what the statement means or how
 * it is planned: the select list, GROUP BY and ORDER BY (ordinals), LIMIT / OFFSET, IN lists
 * (their literals become key lookups), typed literals (DATE '...', INTERVAL ...) and anything in
 * DDL.
 */
public final class PersimmonLiterals {
    /** A statement with its literals turned into parameters: the new text and the literals, in order. */
    public record Parameterized(String sql, List<SqlLiteral> literals) {}

    private final List<SqlLiteral> literals = new ArrayList<>();

    private PersimmonLiterals() {}

    /** The parameterized form of {@code node} (changed in place), or null when it has no literal to take. */
    static Parameterized parameterize(SqlNode node) {
        PersimmonLiterals p = new PersimmonLiterals();
        SqlNode changed;
        try {
            changed = p.walk(node);
        } catch (UnsupportedOperationException | AssertionError e) {
            return null; // a node that cannot be changed in place: plan the statement as written
        }
        return p.literals.isEmpty() ? null : new Parameterized(PersimmonParserConfig.toSql(changed), p.literals);
    }

    private SqlNode walk(SqlNode n) {
        if (n == null) {
            return null;
        }
        if (n instanceof SqlNumericLiteral || n instanceof SqlCharStringLiteral) {
            literals.add((SqlLiteral) n);
            return new SqlDynamicParam(literals.size() - 1, n.getParserPosition());
        }
        if (n instanceof SqlSelect s) {
            s.setFrom(walk(s.getFrom()));
            s.setWhere(walk(s.getWhere()));
            s.setHaving(walk(s.getHaving()));
            return s;
        }
        if (n instanceof SqlOrderBy o) {
            return new SqlOrderBy(o.getParserPosition(), walk(o.query), o.orderList, o.offset, o.fetch);
        }
        if (n instanceof SqlNodeList list) {
            for (int i = 0; i < list.size(); i++) {
                list.set(i, walk(list.get(i)));
            }
            return list;
        }
        if (n instanceof SqlCall c) {
            if (c.getKind() == SqlKind.IN || c.getKind() == SqlKind.NOT_IN) {
                c.setOperand(0, walk(c.operand(0)));
                return c;
            }
            if (c.getKind() == SqlKind.AS) {
                c.setOperand(0, walk(c.operand(0)));
                return c;
            }
            return SqlCalls.rewriteOperands(c, this::walk);
        }
        return n;
    }

    /**
     * The literals as parameter values in the API's classes, or null if some parameter's type
     * does not hold its literal exactly (then the parameterized plan is not used).
     */
    static List<Object> values(List<SqlLiteral> literals, List<RelDataType> types) {
        if (literals.size() != types.size()) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            Object v = value(literals.get(i), types.get(i));
            if (v == null) {
                return null;
            }
            values.add(v);
        }
        return values;
    }

    private static Object value(SqlLiteral literal, RelDataType type) {
        SqlTypeName t = type.getSqlTypeName();
        if (literal instanceof SqlCharStringLiteral s) {
            String text = s.getValueAs(String.class);
            boolean fits = t == SqlTypeName.VARCHAR || t == SqlTypeName.CHAR && text.length() <= type.getPrecision();
            return fits ? text : null;
        }
        BigDecimal d = literal.getValueAs(BigDecimal.class);
        return switch (t) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> d.stripTrailingZeros().scale() <= 0 && fitsIntegral(d, t) ? d : null;
            case DECIMAL -> d.scale() <= type.getScale()
                    && d.precision() - d.scale() <= type.getPrecision() - type.getScale() ? d : null;
            case REAL, FLOAT, DOUBLE -> d;
            default -> null;
        };
    }

    private static boolean fitsIntegral(BigDecimal d, SqlTypeName t) {
        long max = switch (t) {
            case TINYINT -> Byte.MAX_VALUE;
            case SMALLINT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        return d.abs().compareTo(BigDecimal.valueOf(max)) <= 0;
    }
}
