package io.persimmon.sql.schema;

import io.persimmon.engine.row.ColumnType;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.RoundingMode;

/**
 * Calcite's type system as Persimmon stores values: DECIMAL up to 38 digits, rounded half up on
 * assignment (Calcite's default truncates and stops at 19 digits), strings and binaries up to the
 * engine's maximum length, fractional seconds up to 6 digits in declared types.
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
    public RoundingMode roundingMode() {
        return RoundingMode.HALF_UP;
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
