package io.persimmon.sql.plan;

import io.persimmon.sql.schema.PersimmonAssignment;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Calcite's conversion to relational algebra, except for the VALUES of an INSERT: Calcite types
 * its rows as the target columns, which casts each cell to its column's type (a literal row as
 * data, an expression row by a CAST), and that CAST cuts strings and binary values silently. Here
 * the rows are typed as {@link PersimmonAssignment#sourceRowType} gives, so every value reaches
 * the engine whole and its assignment rules decide (22001, 22003, rounding).
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
    protected RelRoot convertQueryRecursive(SqlNode query, boolean top, RelDataType targetRowType) {
        if (targetRowType != null && query.getKind() == SqlKind.VALUES) {
            // only an INSERT passes its target columns' row type
            targetRowType = PersimmonAssignment.sourceRowType(typeFactory, targetRowType,
                    validator.getValidatedNodeType(query));
        }
        return super.convertQueryRecursive(query, top, targetRowType);
    }
}
