package io.persimmon.sql.plan;

import io.persimmon.engine.row.ColumnType;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * PAD SPACE comparison of parameters with CHAR(n) values. A string parameter is typed
 * VARCHAR of the longest length ({@link PersimmonValidator}), because generated code would cut a
 * CHAR(n) parameter to n characters, so that {@code c = ?} with {@code 'abcd'} would match a
 * stored {@code 'abc'}. Compared with a CHAR(n) value, its value is therefore brought to the
 * stored form before the statement runs: padded with spaces to n characters, or cut to n when
 * what lies beyond is only spaces; a longer value keeps its extra characters and so equals no
 * CHAR(n) value (as in H2 and the standard).
 */
public final class PersimmonCharParameters {
    private PersimmonCharParameters() {}

    /**
     * For each parameter of {@code validated}, the length n of the CHAR(n) operand it is compared
     * with ({@code =, <>, <, <=, >, >=}, IN lists, BETWEEN), or 0.
     */
    static List<Integer> lengths(SqlValidator validator, SqlNode validated, int parameterCount) {
        List<Integer> lengths = new ArrayList<>(Collections.nCopies(parameterCount, 0));
        validated.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind().belongsTo(SqlKind.COMPARISON) || call.getKind() == SqlKind.BETWEEN) {
                    List<SqlNode> operands = call.getOperandList();
                    int n = charLength(validator, operands);
                    if (n > 0) {
                        operands.forEach(o -> mark(o, n));
                    }
                }
                return super.visit(call);
            }

            private void mark(SqlNode operand, int n) {
                if (operand instanceof SqlDynamicParam p && p.getIndex() < lengths.size()) {
                    lengths.set(p.getIndex(), n);
                } else if (operand instanceof SqlNodeList list) {
                    list.forEach(o -> mark(o, n));
                }
            }
        });
        return List.copyOf(lengths);
    }

    /** The longest CHAR(n) among the operands that are not parameters (under casts), or 0. */
    private static int charLength(SqlValidator validator, List<SqlNode> operands) {
        int n = 0;
        for (SqlNode o : operands) {
            if (o == null || o instanceof SqlDynamicParam || o instanceof SqlNodeList) {
                continue;
            }
            if (o.getKind() == SqlKind.CAST && isParameterType(validator.getValidatedNodeTypeIfKnown(o))) {
                o = ((SqlCall) o).operand(0); // coercion cast CHAR(n) to the parameter's VARCHAR: still a CHAR(n) value
            }
            RelDataType t = validator.getValidatedNodeTypeIfKnown(o);
            if (t != null && t.getSqlTypeName() == SqlTypeName.CHAR) {
                n = Math.max(n, t.getPrecision());
            }
        }
        return n;
    }

    private static boolean isParameterType(RelDataType t) {
        return t != null && t.getSqlTypeName() == SqlTypeName.VARCHAR && t.getPrecision() == ColumnType.MAX_LENGTH;
    }

    /** {@code value} in the form a CHAR({@code length}) value compares with it (see the class comment). */
    public static Object pad(Object value, int length) {
        if (length <= 0 || !(value instanceof String s)) {
            return value;
        }
        int characters = s.codePointCount(0, s.length());
        if (characters < length) {
            return s + " ".repeat(length - characters);
        }
        int end = s.offsetByCodePoints(0, length);
        return s.substring(end).chars().allMatch(c -> c == ' ') ? s.substring(0, end) : s;
    }
}
