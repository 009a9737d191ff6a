package io.persimmon.sql.plan;

import io.persimmon.sql.api.ColumnInfo;
import io.persimmon.sql.api.ParameterInfo;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlNode;

import java.util.List;
import java.util.Map;

/**
 * A prepared statement as the plan cache keeps it, shared by every session: for a query or DML
 * statement the compiled code ({@code bindable}) and the objects it reads from its DataContext
 * ({@code stashed}) and its plan text ({@code explain}); for EXPLAIN the plan text of the statement
 * it explains; for DDL the parsed statement, executed as is.
 * Nothing in it belongs to a session or transaction. {@code bound}: for a statement written with
 * literals that runs the plan of its parameterized text, the literals (Calcite's representation),
 * else null. {@code charLengths}: per parameter, the n of the CHAR(n) value it is compared with, or 0
 * ({@link PersimmonCharParameters}).
 */
public record PersimmonPlan(Kind kind, long schemaVersion, Bindable<?> bindable, Map<String, Object> stashed,
                            List<ColumnInfo> columns, List<RelDataType> columnTypes,
                            List<ParameterInfo> parameters, List<RelDataType> parameterTypes,
                            boolean forUpdate, String explain, SqlNode ddl, List<Object> bound,
                            List<Integer> charLengths) {
    /** What executing the statement does. */
    public enum Kind {
        /** Returns rows. */
        QUERY,
        /** INSERT, UPDATE, DELETE: returns a count. */
        DML,
        /** EXPLAIN PLAN: returns the plan text. */
        EXPLAIN,
        /** Schema change, committed at once. */
        DDL,
        /** A parameterized text that could not be planned: texts like it are planned as written. */
        AS_WRITTEN
    }

    /** The plan of a text whose literals became parameters, with those literals as its values. */
    public PersimmonPlan bind(List<Object> values) {
        return new PersimmonPlan(kind, schemaVersion, bindable, stashed, columns, columnTypes, List.of(), parameterTypes,
                forUpdate, explain, ddl, List.copyOf(values), charLengths);
    }

    /** A parameter value given through the API, as the compiled code takes parameter {@code i}. */
    public Object parameterValue(int i, Object value) throws java.sql.SQLException {
        Object v = io.persimmon.sql.exec.PersimmonValues.apiToCalcite(value, parameterTypes.get(i));
        return i < charLengths.size() ? PersimmonCharParameters.pad(v, charLengths.get(i)) : v;
    }

    public boolean isQuery() {
        return kind == Kind.QUERY || kind == Kind.EXPLAIN;
    }
}
