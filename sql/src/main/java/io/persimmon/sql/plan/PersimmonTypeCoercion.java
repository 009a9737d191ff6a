package io.persimmon.sql.plan;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

import java.util.List;

/**
 * Calcite's implicit coercion, except for the values INSERT and UPDATE assign: when every source
 * column is of the target column's kind (character, number or binary), the values reach the
 * engine as they are and its assignment rules apply (a string too long is an error, a number is
 * rounded half up or refused when out of range). Calcite would cast them first, and its CAST
 * truncates strings silently.
 */
final class PersimmonTypeCoercion extends TypeCoercionImpl {
    PersimmonTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
        super(typeFactory, validator);
    }

    @Override
    public boolean querySourceCoercion(SqlValidatorScope scope, RelDataType sourceRowType,
                                       RelDataType targetRowType, SqlNode query) {
        if (assignedAsIs(sourceRowType.getFieldList(), targetRowType.getFieldList())) {
            return false;
        }
        return super.querySourceCoercion(scope, sourceRowType, targetRowType, query);
    }

    private static boolean assignedAsIs(List<RelDataTypeField> source, List<RelDataTypeField> target) {
        if (source.size() != target.size()) {
            return false;
        }
        for (int i = 0; i < source.size(); i++) {
            if (!sameKind(source.get(i).getType(), target.get(i).getType())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameKind(RelDataType s, RelDataType t) {
        SqlTypeName a = s.getSqlTypeName();
        SqlTypeName b = t.getSqlTypeName();
        if (a == b || a == SqlTypeName.NULL) {
            return true;
        }
        SqlTypeFamily fa = a.getFamily();
        SqlTypeFamily fb = b.getFamily();
        return fa != null && fa == fb && (fa == SqlTypeFamily.CHARACTER || fa == SqlTypeFamily.NUMERIC
                || fa == SqlTypeFamily.BINARY);
    }
}
