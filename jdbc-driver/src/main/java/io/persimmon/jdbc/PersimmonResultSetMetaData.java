package io.persimmon.jdbc;

import io.persimmon.sql.api.ColumnInfo;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** The columns of a result, as the SQL layer describes them in {@link ColumnInfo}. */
final class PersimmonResultSetMetaData implements ResultSetMetaData, JdbcWrapper {
    private final List<ColumnInfo> columns;

    PersimmonResultSetMetaData(List<ColumnInfo> columns) {
        this.columns = columns;
    }

    private ColumnInfo column(int i) throws SQLException {
        if (i < 1 || i > columns.size()) {
            throw new SQLException("column index " + i + " is out of range 1.." + columns.size(), "07009");
        }
        return columns.get(i - 1);
    }

    @Override public int getColumnCount() { return columns.size(); }
    @Override public boolean isAutoIncrement(int i) throws SQLException { column(i); return false; }

    @Override
    public boolean isCaseSensitive(int i) throws SQLException {
        int t = column(i).jdbcType();
        return t == Types.CHAR || t == Types.VARCHAR;
    }

    @Override public boolean isSearchable(int i) throws SQLException { column(i); return true; }
    @Override public boolean isCurrency(int i) throws SQLException { column(i); return false; }
    @Override public int isNullable(int i) throws SQLException { return column(i).nullable(); }

    @Override
    public boolean isSigned(int i) throws SQLException {
        return switch (column(i).jdbcType()) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                 Types.REAL, Types.FLOAT, Types.DOUBLE -> true;
            default -> false;
        };
    }

    @Override
    public int getColumnDisplaySize(int i) throws SQLException {
        ColumnInfo c = column(i);
        return switch (c.jdbcType()) {
            case Types.BOOLEAN -> 5;
            case Types.DECIMAL, Types.NUMERIC -> c.precision() + (c.scale() > 0 ? 2 : 1); // sign and point
            case Types.SMALLINT -> 6;
            case Types.INTEGER -> 11;
            case Types.BIGINT -> 20;
            case Types.REAL -> 15;
            case Types.FLOAT, Types.DOUBLE -> 24;
            case Types.VARBINARY, Types.BINARY -> Math.max(c.precision(), 0) * 2;
            case Types.DATE, Types.TIME, Types.TIMESTAMP -> getPrecision(i);
            default -> Math.max(c.precision(), 1);
        };
    }

    /**
     * As JDBC defines it: digits for numbers, characters for text, bytes for binary, and for DATE,
     * TIME(p) and TIMESTAMP(p) the length of their text ({@code 2024-02-29 13:14:15.123} is 23);
     * the SQL layer gives the fractional-second digits there, which {@link #getScale} returns.
     */
    @Override
    public int getPrecision(int i) throws SQLException {
        ColumnInfo c = column(i);
        int fraction = Math.max(c.precision(), 0);
        return switch (c.jdbcType()) {
            case Types.DATE -> 10;
            case Types.TIME -> 8 + (fraction > 0 ? fraction + 1 : 0);
            case Types.TIMESTAMP -> 19 + (fraction > 0 ? fraction + 1 : 0);
            default -> c.precision();
        };
    }

    /** The scale of a DECIMAL, the fractional-second digits of a TIME or TIMESTAMP, else 0. */
    @Override
    public int getScale(int i) throws SQLException {
        ColumnInfo c = column(i);
        return switch (c.jdbcType()) {
            case Types.TIME, Types.TIMESTAMP -> Math.max(c.precision(), 0);
            default -> c.scale();
        };
    }

    @Override public String getColumnLabel(int i) throws SQLException { return column(i).label(); }

    @Override
    public String getColumnName(int i) throws SQLException {
        ColumnInfo c = column(i);
        return c.columnName() == null || c.columnName().isEmpty() ? c.label() : c.columnName();
    }

    @Override public String getSchemaName(int i) throws SQLException { return nonNull(column(i).schemaName()); }
    @Override public String getTableName(int i) throws SQLException { return nonNull(column(i).tableName()); }
    @Override public String getCatalogName(int i) throws SQLException { column(i); return ""; }
    @Override public int getColumnType(int i) throws SQLException { return column(i).jdbcType(); }
    @Override public String getColumnTypeName(int i) throws SQLException { return column(i).typeName(); }
    @Override public boolean isReadOnly(int i) throws SQLException { column(i); return true; }
    @Override public boolean isWritable(int i) throws SQLException { column(i); return false; }
    @Override public boolean isDefinitelyWritable(int i) throws SQLException { column(i); return false; }

    /** The class {@link java.sql.ResultSet#getObject(int)} returns for the column. */
    @Override
    public String getColumnClassName(int i) throws SQLException {
        return JdbcValues.standardClassName(column(i).jdbcType());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
