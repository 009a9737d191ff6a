package io.persimmon.sql.schema;

import io.persimmon.engine.row.ColumnType;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.RoundingMode;

/**
 * Calcite's type system as Persimmon stores values: DECIMAL up to 38 digits, rounded half up on
 * assignment (Calcite's default truncates and stops at 19 digits), strings and binaries up to the
 * engine's maximum length, fractional seconds up to 6 digits in declared types. SUM of an integer
 * column is a BIGINT and SUM of a DECIMAL has 38 digits, as in H2 and PostgreSQL (Calcite's default
 * keeps the argument's type, so SUM over a SMALLINT column overflowed past 32,767).
 */
public final class PersimmonTypeSystem extends RelDataTypeSystemImpl {
    /** The one instance. */
    public static final PersimmonTypeSystem INSTANCE = new PersimmonTypeSystem();

    private PersimmonTypeSystem() {}

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case DECIMAL -> ColumnType.MAX_DECIMAL_PRECISION;
            case CHAR, VARCHAR, BINARY, VARBINARY -> ColumnType.MAX_LENGTH;
            case TIME, TIMESTAMP -> ColumnType.MAX_FRACTIONAL_SECONDS;
            default -> super.getMaxPrecision(typeName);
        };
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? ColumnType.MAX_DECIMAL_PRECISION : super.getMaxScale(typeName);
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory types, RelDataType argument) {
        RelDataType sum = switch (argument.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> types.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL -> types.createSqlType(SqlTypeName.DECIMAL, ColumnType.MAX_DECIMAL_PRECISION, argument.getScale());
            default -> null;
        };
        return sum == null ? super.deriveSumType(types, argument)
                : types.createTypeWithNullability(sum, argument.isNullable());
    }

    @Override
    public RoundingMode roundingMode() {
        return RoundingMode.HALF_UP;
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
