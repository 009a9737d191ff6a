package io.persimmon.sql.plan;

import io.persimmon.sql.schema.PersimmonAssignment;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

import java.util.ArrayList;
import java.util.List;

/**
 * Calcite's implicit coercion, except for the values INSERT and UPDATE assign
 * ({@link PersimmonAssignment}): a source column of the target column's kind (character, number
 * or binary) is not cast at all, and one of another kind is cast to the type
 * {@link PersimmonAssignment#sourceType} gives (a number assigned to a VARCHAR(3) becomes a
 * VARCHAR of the longest length, so its text reaches the engine whole), not to the column's type:
 * Calcite's CAST truncates strings silently, and the engine's assignment rules apply instead.
 */
final class PersimmonTypeCoercion extends TypeCoercionImpl {
    PersimmonTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
        super(typeFactory, validator);
    }

    @Override
    public boolean querySourceCoercion(SqlValidatorScope scope, RelDataType sourceRowType,
                                       RelDataType targetRowType, SqlNode query) {
        List<RelDataTypeField> source = sourceRowType.getFieldList();
        List<RelDataTypeField> target = targetRowType.getFieldList();
        if (source.size() != target.size()) {
            return super.querySourceCoercion(scope, sourceRowType, targetRowType, query);
        }
        List<RelDataType> types = new ArrayList<>(source.size());
        boolean asIs = true;
        for (int i = 0; i < source.size(); i++) {
            RelDataType s = source.get(i).getType();
            RelDataType t = target.get(i).getType();
            boolean same = sameKind(s, t);
            asIs &= same;
            types.add(same ? s : PersimmonAssignment.sourceType(factory, t, s));
        }
        if (asIs) {
            return false; // the validator then checks only that the kinds may be assigned
        }
        return super.querySourceCoercion(scope, sourceRowType,
                factory.createStructType(types, targetRowType.getFieldNames()), query);
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
