package io.persimmon.sql.plan;

import io.persimmon.sql.schema.PersimmonAssignment;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;

import java.math.BigDecimal;
import java.util.List;

/**
 * Calcite's conversion to relational algebra, except for the VALUES of an INSERT: Calcite types
 * its rows as the target columns, which casts each cell to its column's type (a literal row as
 * data, an expression row by a CAST), and that CAST cuts strings and binary values silently. Here
 * the rows are typed as {@link PersimmonAssignment#sourceRowType} gives, so every value reaches
 * the engine whole and its assignment rules decide (22001, 22003, rounding). Every VALUES of a
 * statement also has the exact number literals of its approximate columns made approximate
 * ({@link #approximateExactLiterals}).
 */
final class PersimmonSqlToRelConverter extends SqlToRelConverter {
    private final SqlValidator validator;

    PersimmonSqlToRelConverter(RelOptTable.ViewExpander viewExpander, SqlValidator validator,
                               Prepare.CatalogReader catalogReader, RelOptCluster cluster,
                               SqlRexConvertletTable convertletTable, Config config) {
        super(viewExpander, validator, catalogReader, cluster, convertletTable, config);
        this.validator = validator;
    }

    @Override
    public RelRoot convertQuery(SqlNode query, boolean needsValidation, boolean top) {
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.VALUES) {
                    approximateExactLiterals(call, validator.getValidatedNodeType(call));
                }
                return super.visit(call);
            }
        });
        return super.convertQuery(query, needsValidation, top);
    }

    @Override
    protected RelRoot convertQueryRecursive(SqlNode query, boolean top, RelDataType targetRowType) {
        if (targetRowType != null && query.getKind() == SqlKind.VALUES) {
            // only an INSERT passes its target columns' row type
            targetRowType = PersimmonAssignment.sourceRowType(typeFactory, targetRowType,
                    validator.getValidatedNodeType(query));
        }
        return super.convertQueryRecursive(query, top, targetRowType);
    }

    /**
     * Makes each exact number literal of a VALUES column of an approximate type (REAL, FLOAT,
     * DOUBLE) an approximate literal of the same value: the value the column gives it anyway. Calcite keeps such a cell as it was
     * written, so one column of its Values held a BigDecimal ({@code 3}) next to a Double
     * ({@code 1e3}), and its collation metadata, which compares the cells of a column, failed
     * with a ClassCastException ({@code VALUES (1, 1e3), (2, 3)}: XX000).
     */
    private static void approximateExactLiterals(SqlCall values, RelDataType rowType) {
        List<RelDataTypeField> fields = rowType.getFieldList();
        for (SqlNode row : values.getOperandList()) {
            if (row.getKind() != SqlKind.ROW || ((SqlCall) row).operandCount() != fields.size()) {
                continue;
            }
            SqlCall call = (SqlCall) row;
            for (int i = 0; i < fields.size(); i++) {
                if (call.operand(i) instanceof SqlNumericLiteral n && n.isExact()
                        && SqlTypeUtil.isApproximateNumeric(fields.get(i).getType())) {
                    BigDecimal value = n.getValueAs(BigDecimal.class);
                    call.setOperand(i, SqlLiteral.createApproxNumeric(value.toString(), n.getParserPosition()));
                }
            }
        }
    }
}
