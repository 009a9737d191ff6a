package io.persimmon.sql.schema;

import io.persimmon.sql.parser.PersimmonParserConfig;

import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;

import java.util.Map;

/**
 * The DEFAULT values of a table's columns, for Calcite's INSERT conversion: a column with a
 * DEFAULT gets its expression (cast to the column's type), others NULL.
 */
final class PersimmonDefaults extends NullInitializerExpressionFactory {
    private final Map<String, String> defaults;

    PersimmonDefaults(Map<String, String> defaults) {
        this.defaults = defaults;
    }

    private String defaultOf(RelOptTable table, int column) {
        return defaults.get(table.getRowType().getFieldList().get(column).getName());
    }

    @Override
    public ColumnStrategy generationStrategy(RelOptTable table, int iColumn) {
        return defaultOf(table, iColumn) != null ? ColumnStrategy.DEFAULT : super.generationStrategy(table, iColumn);
    }

    @Override
    public RexNode newColumnDefaultValue(RelOptTable table, int iColumn, InitializerContext context) {
        String sql = defaultOf(table, iColumn);
        if (sql == null) {
            return super.newColumnDefaultValue(table, iColumn, context);
        }
        RelDataType type = table.getRowType().getFieldList().get(iColumn).getType();
        SqlNode node = context.parseExpression(PersimmonParserConfig.CONFIG, sql);
        SqlNode validated = context.validateExpression(table.getRowType(), node);
        RexNode value = context.convertExpression(validated);
        RelDataType assigned = PersimmonAssignment.sourceType(context.getRexBuilder().getTypeFactory(), type, value.getType());
        return context.getRexBuilder().makeCast(assigned, value, true, false);
    }
}
