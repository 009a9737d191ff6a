package io.persimmon.sql.schema;

import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import io.persimmon.engine.row.SqlType;
import io.persimmon.sql.PersimmonErrors;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.type.SqlTypeName;

import java.sql.SQLException;

/**
 * Engine column types to Calcite types and back. FLOAT is stored as DOUBLE; DECIMAL without a
 * precision is DECIMAL(38, 0); VARCHAR and VARBINARY without a length take the engine's maximum;
 * TIME without a precision is TIME(0), TIMESTAMP is TIMESTAMP(6).
 */
public final class PersimmonTypes {
    private PersimmonTypes() {}

    /** The Calcite type of an engine column. */
    public static RelDataType toCalcite(RelDataTypeFactory f, Column column) {
        return f.createTypeWithNullability(toCalcite(f, column.type()), column.nullable());
    }

    /** The Calcite type (NOT NULL) of an engine column type. */
    public static RelDataType toCalcite(RelDataTypeFactory f, ColumnType t) {
        return switch (t.type()) {
            case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
            case SMALLINT -> f.createSqlType(SqlTypeName.SMALLINT);
            case INTEGER -> f.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, t.precision(), t.scale());
            case REAL -> f.createSqlType(SqlTypeName.REAL);
            case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
            case CHAR -> f.createSqlType(SqlTypeName.CHAR, t.length());
            case VARCHAR -> f.createSqlType(SqlTypeName.VARCHAR, t.length());
            case VARBINARY -> f.createSqlType(SqlTypeName.VARBINARY, t.length());
            case DATE -> f.createSqlType(SqlTypeName.DATE);
            case TIME -> f.createSqlType(SqlTypeName.TIME, t.precision());
            case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, t.precision());
        };
    }

    /** The engine type of a column declared in DDL. */
    public static ColumnType fromSpec(SqlDataTypeSpec spec) throws SQLException {
        SqlTypeName name = SqlTypeName.get(spec.getTypeName().getSimple());
        if (name == null) {
            throw PersimmonErrors.unsupported("data type " + spec.getTypeName().getSimple());
        }
        int p = spec.getTypeNameSpec() instanceof org.apache.calcite.sql.SqlBasicTypeNameSpec b ? b.getPrecision() : -1;
        int s = spec.getTypeNameSpec() instanceof org.apache.calcite.sql.SqlBasicTypeNameSpec b ? b.getScale() : -1;
        return fromCalcite(name, p, s);
    }

    /** The engine type for a Calcite type (CREATE TABLE AS: the query's column types). */
    public static ColumnType fromCalcite(RelDataType type) throws SQLException {
        return fromCalcite(type.getSqlTypeName(), type.getPrecision(), type.getScale());
    }

    private static ColumnType fromCalcite(SqlTypeName name, int precision, int scale) throws SQLException {
        boolean noP = precision == RelDataType.PRECISION_NOT_SPECIFIED;
        return switch (name) {
            case BOOLEAN -> ColumnType.BOOLEAN;
            case TINYINT, SMALLINT -> ColumnType.SMALLINT;
            case INTEGER -> ColumnType.INTEGER;
            case BIGINT -> ColumnType.BIGINT;
            case DECIMAL -> ColumnType.decimal(noP ? ColumnType.MAX_DECIMAL_PRECISION : precision,
                    scale == RelDataType.SCALE_NOT_SPECIFIED ? 0 : scale);
            case REAL -> ColumnType.REAL;
            case FLOAT, DOUBLE -> ColumnType.DOUBLE;
            case CHAR -> ColumnType.character(noP ? 1 : precision);
            case VARCHAR -> ColumnType.varchar(noP ? ColumnType.MAX_LENGTH : Math.min(precision, ColumnType.MAX_LENGTH));
            case BINARY, VARBINARY -> ColumnType.varbinary(noP ? ColumnType.MAX_LENGTH : Math.min(precision, ColumnType.MAX_LENGTH));
            case DATE -> ColumnType.DATE;
            case TIME -> ColumnType.time(noP ? 0 : Math.min(precision, ColumnType.MAX_FRACTIONAL_SECONDS));
            case TIMESTAMP -> ColumnType.timestamp(noP ? ColumnType.MAX_FRACTIONAL_SECONDS
                    : Math.min(precision, ColumnType.MAX_FRACTIONAL_SECONDS));
            case NULL -> ColumnType.varchar(ColumnType.MAX_LENGTH);
            default -> throw PersimmonErrors.unsupported("a column of type " + name);
        };
    }

    /** Whether the engine type is one whose values Calcite represents differently (see PersimmonValues). */
    public static boolean needsConversion(SqlType t) {
        return t == SqlType.TIME || t == SqlType.TIMESTAMP || t == SqlType.VARBINARY;
    }
}
