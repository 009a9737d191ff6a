package io.persimmon.sql.plan;

import io.persimmon.engine.row.ColumnType;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Calcite's validator, except that a parameter inferred as {@code CHAR(n)}, {@code VARCHAR(n)} or
 * {@code VARBINARY(n)} is typed VARCHAR or VARBINARY of the longest length instead: generated code
 * truncates a parameter to its type's length, so {@code INSERT ... VALUES (?)} with a string too
 * long for the column would be cut silently rather than refused by the engine (22001), and
 * {@code WHERE c = ?} would match a prefix. Compared with a CHAR(n) value such a parameter is
 * padded when bound ({@link PersimmonCharParameters}).
 */
final class PersimmonValidator extends SqlValidatorImpl {
    PersimmonValidator(SqlOperatorTable opTab, SqlValidatorCatalogReader catalogReader,
                       RelDataTypeFactory typeFactory, Config config) {
        super(opTab, catalogReader, typeFactory, config);
    }

    @Override
    protected void inferUnknownTypes(RelDataType inferredType, SqlValidatorScope scope, SqlNode node) {
        if (node instanceof SqlDynamicParam) {
            SqlTypeName name = inferredType.getSqlTypeName();
            if (name == SqlTypeName.CHAR || name == SqlTypeName.VARCHAR || name == SqlTypeName.VARBINARY) {
                name = name == SqlTypeName.VARBINARY ? name : SqlTypeName.VARCHAR;
                RelDataTypeFactory f = getTypeFactory();
                inferredType = f.createTypeWithNullability(f.createSqlType(name, ColumnType.MAX_LENGTH),
                        inferredType.isNullable());
            }
        }
        super.inferUnknownTypes(inferredType, scope, node);
    }
}
