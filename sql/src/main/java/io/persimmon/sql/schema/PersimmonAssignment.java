package io.persimmon.sql.schema;

import io.persimmon.engine.row.ColumnType;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * The one rule for values that INSERT, UPDATE and a column's DEFAULT assign to a column: they
 * reach the engine in a type that holds them whole, and the engine's assignment rules decide
 * (a string or binary value too long: 22001, except trailing spaces, which are cut; a number
 * rounded half up to the column's scale, or 22003 when out of range; each message names the
 * table and column).
 *
 * <p>Calcite, left to itself, casts such a value to the column's type, and its CAST cuts strings
 * and binary values silently ({@code 'abcd'} into VARCHAR(3) stored {@code 'abc'}) and wraps a
 * SMALLINT literal. So wherever Calcite would cast a value to the column's type implicitly (the
 * validator's coercion of an INSERT or UPDATE source, SqlToRelConverter's typing of an INSERT's
 * VALUES, a DEFAULT), it casts to {@link #sourceType} instead. A CAST the user writes is the
 * user's and truncates, as the SQL standard, PostgreSQL and H2 have it.
 */
public final class PersimmonAssignment {
    private PersimmonAssignment() {}

    /**
     * The type a value of type {@code source} has on its way into a column of type {@code target}
     * (nullable as {@code target}): a character column takes VARCHAR of the longer of both
     * lengths (of the longest length from a value of another kind, which becomes its text); a
     * binary column VARBINARY likewise; a numeric column from a number the number's own type;
     * any other pair, or an untyped NULL, the column's type (Calcite's cast applies).
     */
    public static RelDataType sourceType(RelDataTypeFactory f, RelDataType target, RelDataType source) {
        SqlTypeName s = source.getSqlTypeName();
        RelDataType type;
        if (s == SqlTypeName.NULL) {
            return target;
        } else if (SqlTypeUtil.isCharacter(target)) {
            int n = SqlTypeUtil.isCharacter(source) ? Math.max(target.getPrecision(), source.getPrecision())
                    : ColumnType.MAX_LENGTH;
            type = f.createTypeWithCharsetAndCollation(f.createSqlType(SqlTypeName.VARCHAR, n),
                    target.getCharset(), target.getCollation());
        } else if (SqlTypeUtil.isBinary(target)) {
            int n = SqlTypeUtil.isBinary(source) ? Math.max(target.getPrecision(), source.getPrecision())
                    : ColumnType.MAX_LENGTH;
            type = f.createSqlType(SqlTypeName.VARBINARY, n);
        } else if (SqlTypeUtil.isNumeric(target) && SqlTypeUtil.isNumeric(source)) {
            type = source;
        } else {
            return target;
        }
        return f.createTypeWithNullability(type, target.isNullable());
    }

    /** {@link #sourceType} field by field, with {@code target}'s field names. */
    public static RelDataType sourceRowType(RelDataTypeFactory f, RelDataType target, RelDataType source) {
        List<RelDataTypeField> t = target.getFieldList();
        List<RelDataTypeField> s = source.getFieldList();
        if (t.size() != s.size()) {
            return target;
        }
        List<RelDataType> types = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            types.add(sourceType(f, t.get(i).getType(), s.get(i).getType()));
        }
        return f.createTypeWithNullability(f.createStructType(types, target.getFieldNames()), target.isNullable());
    }
}
