package io.persimmon.sql.plan;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;

import java.util.List;
import java.util.function.UnaryOperator;

/** In-place rewriting of parsed statements before validation. */
final class SqlCalls {
    private SqlCalls() {}

    /**
     * Replaces each operand of {@code call} by what {@code rewrite} makes of it, in place (only the
     * operands it changes, so calls that cannot set an operand are left alone when nothing changes).
     */
    static SqlCall rewriteOperands(SqlCall call, UnaryOperator<SqlNode> rewrite) {
        List<SqlNode> operands = call.getOperandList();
        for (int i = 0; i < operands.size(); i++) {
            SqlNode operand = operands.get(i);
            SqlNode changed = rewrite.apply(operand);
            if (changed != operand) {
                call.setOperand(i, changed);
            }
        }
        return call;
    }
}
