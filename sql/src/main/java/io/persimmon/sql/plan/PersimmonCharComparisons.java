package io.persimmon.sql.plan;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;

/**
 * PAD SPACE comparison of CHAR(n) values in the whole plan, as the standard, H2 and PostgreSQL
 * compare them: the shorter string is taken as padded with spaces. Calcite's generated code
 * compares the strings as they are, so a CHAR(3) {@code 'ab '} (stored padded) equalled no
 * {@code 'ab'}: in an IN list, a select-list comparison, a CASE, or against a VARCHAR column.
 * Parameters are brought to the CHAR form when bound ({@link PersimmonCharParameters}); here the
 * rest: a string literal compared with a CHAR(n) value is padded to n (so that a key lookup on
 * the column still applies), and any other comparison that involves a CHAR value (with a
 * VARCHAR, a CHAR of another length, a longer literal) compares both sides without their trailing
 * spaces, which is the same for every character above the space. IN lists (SEARCH) over a CHAR value are expanded into
 * their comparisons first.
 */
final class PersimmonCharComparisons extends RelHomogeneousShuttle {
    private final RexShuttle pad;

    PersimmonCharComparisons(RexBuilder rexBuilder) {
        this.pad = new Pad(rexBuilder);
    }

    @Override
    public RelNode visit(RelNode other) {
        return super.visit(other).accept(pad);
    }

    private static final class Pad extends RexShuttle {
        private final RexBuilder rexBuilder;

        Pad(RexBuilder rexBuilder) {
            this.rexBuilder = rexBuilder;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            if (call.getKind() == SqlKind.SEARCH && charLength(call.getOperands().get(0)) > 0) {
                return RexUtil.expandSearch(rexBuilder, null, call).accept(this);
            }
            RexCall visited = (RexCall) super.visitCall(call);
            if (!visited.getKind().belongsTo(SqlKind.COMPARISON) || visited.getOperands().size() != 2) {
                return visited;
            }
            RexNode a = visited.getOperands().get(0);
            RexNode b = visited.getOperands().get(1);
            int an = charLength(a);
            int bn = charLength(b);
            boolean aLiteral = a instanceof RexLiteral;
            boolean bLiteral = b instanceof RexLiteral;
            if ((an == 0 && bn == 0) || (aLiteral && bLiteral) || !isString(a.getType()) || !isString(b.getType())
                    || isParameter(a) || isParameter(b)) {
                return visited; // a parameter is brought to the CHAR form when bound (PersimmonCharParameters)
            }
            if (bLiteral && an > 0 && fits((RexLiteral) b, an)) {
                return rexBuilder.makeCall(visited.getOperator(), a, padded((RexLiteral) b, an));
            }
            if (aLiteral && bn > 0 && fits((RexLiteral) a, bn)) {
                return rexBuilder.makeCall(visited.getOperator(), padded((RexLiteral) a, bn), b);
            }
            if (an > 0 && an == bn) {
                return visited; // both padded to the same length: compared as they are
            }
            List<RexNode> operands = new ArrayList<>(2);
            operands.add(an > 0 || aLiteral ? trimmed(a) : a);
            operands.add(bn > 0 || bLiteral ? trimmed(b) : b);
            return rexBuilder.makeCall(visited.getOperator(), operands);
        }

        /**
         * n when {@code value} is a CHAR(n) value, also under a cast to a string type no shorter
         * (Calcite compares a CHAR column as {@code CAST(c AS VARCHAR(n))}); 0 otherwise. A
         * literal is never a CHAR value here: it is what gets padded.
         */
        private static int charLength(RexNode value) {
            if (value instanceof RexLiteral) {
                return 0;
            }
            if (value.getType().getSqlTypeName() == SqlTypeName.CHAR) {
                return value.getType().getPrecision();
            }
            if (value.getKind() == SqlKind.CAST && isString(value.getType())) {
                RexNode inner = ((RexCall) value).getOperands().get(0);
                RelDataType t = inner.getType();
                if (t.getSqlTypeName() == SqlTypeName.CHAR && !(inner instanceof RexLiteral)
                        && value.getType().getPrecision() >= t.getPrecision()) {
                    return t.getPrecision();
                }
            }
            return 0;
        }

        /** A dynamic parameter, also under a cast. */
        private static boolean isParameter(RexNode value) {
            RexNode v = value.getKind() == SqlKind.CAST ? ((RexCall) value).getOperands().get(0) : value;
            return v instanceof RexDynamicParam;
        }

        /** A string literal no longer than {@code n}. */
        private static boolean fits(RexLiteral literal, int n) {
            String s = literal.getValueAs(String.class);
            return s != null && s.length() <= n;
        }

        /** The literal padded with spaces to {@code n} characters, its type as long. */
        private RexNode padded(RexLiteral literal, int n) {
            String s = literal.getValueAs(String.class);
            RelDataType t = literal.getType();
            RelDataType type = rexBuilder.getTypeFactory().createTypeWithNullability(
                    rexBuilder.getTypeFactory().createTypeWithCharsetAndCollation(
                            rexBuilder.getTypeFactory().createSqlType(t.getSqlTypeName(), Math.max(n, t.getPrecision())),
                            t.getCharset(), t.getCollation()), t.isNullable());
            return rexBuilder.makeLiteral(s + " ".repeat(n - s.length()), type, false);
        }

        /** The value without its trailing spaces (a literal's cut here, not at run time). */
        private RexNode trimmed(RexNode value) {
            if (value instanceof RexLiteral literal && literal.getValueAs(String.class) != null) {
                String v = literal.getValueAs(String.class);
                int end = v.length();
                while (end > 0 && v.charAt(end - 1) == ' ') {
                    end--;
                }
                return rexBuilder.makeLiteral(v.substring(0, end), literal.getType(), false);
            }
            return rexBuilder.makeCall(SqlStdOperatorTable.TRIM, rexBuilder.makeFlag(SqlTrimFunction.Flag.TRAILING),
                    rexBuilder.makeLiteral(" "), value);
        }

        private static boolean isString(RelDataType t) {
            return SqlTypeFamily.CHARACTER.contains(t);
        }
    }
}
