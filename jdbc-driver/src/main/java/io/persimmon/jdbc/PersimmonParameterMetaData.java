package io.persimmon.jdbc;

import io.persimmon.sql.api.ParameterInfo;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** The parameters of a prepared statement, as the SQL layer describes them in {@link ParameterInfo}. */
final class PersimmonParameterMetaData implements ParameterMetaData, JdbcWrapper {
    private final List<ParameterInfo> parameters;

    PersimmonParameterMetaData(List<ParameterInfo> parameters) {
        this.parameters = parameters;
    }

    private ParameterInfo parameter(int i) throws SQLException {
        if (i < 1 || i > parameters.size()) {
            throw new SQLException("parameter index " + i + " is out of range 1.." + parameters.size(), "07009");
        }
        return parameters.get(i - 1);
    }

    @Override public int getParameterCount() { return parameters.size(); }
    @Override public int isNullable(int i) throws SQLException { parameter(i); return parameterNullableUnknown; }

    @Override
    public boolean isSigned(int i) throws SQLException {
        return switch (parameter(i).jdbcType()) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                 Types.REAL, Types.FLOAT, Types.DOUBLE -> true;
            default -> false;
        };
    }

    @Override public int getPrecision(int i) throws SQLException { return parameter(i).precision(); }
    @Override public int getScale(int i) throws SQLException { return parameter(i).scale(); }
    @Override public int getParameterType(int i) throws SQLException { return parameter(i).jdbcType(); }
    @Override public String getParameterTypeName(int i) throws SQLException { return parameter(i).typeName(); }

    @Override
    public String getParameterClassName(int i) throws SQLException {
        return JdbcValues.standardClassName(parameter(i).jdbcType());
    }

    @Override public int getParameterMode(int i) throws SQLException { parameter(i); return parameterModeIn; }
}
