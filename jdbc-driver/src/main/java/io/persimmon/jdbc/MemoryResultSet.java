package io.persimmon.jdbc;

import io.persimmon.sql.api.ColumnInfo;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A result set over rows held in memory: what {@link PersimmonDatabaseMetaData} returns, and the
 * (empty) generated keys. Its columns are built with {@link Builder}.
 */
final class MemoryResultSet extends BaseResultSet {
    private final List<Object[]> rows;
    private int next;
    private Object[] current;

    MemoryResultSet(List<ColumnInfo> columns, List<Object[]> rows, Statement statement) {
        super(columns, statement);
        this.rows = rows;
    }

    @Override
    boolean advance() {
        if (next >= rows.size()) {
            return false;
        }
        current = rows.get(next++);
        return true;
    }

    @Override
    Object value(int index) {
        return current[index];
    }

    @Override
    void release() {
        current = null;
    }

    /** Columns of a result set that the driver makes itself (nullable unless said otherwise). */
    static final class Builder {
        private final List<ColumnInfo> columns = new ArrayList<>();

        Builder text(String label) {
            return add(label, Types.VARCHAR, "VARCHAR", 1024, 0, String.class);
        }

        Builder integer(String label) {
            return add(label, Types.INTEGER, "INTEGER", 10, 0, Integer.class);
        }

        Builder smallint(String label) {
            return add(label, Types.SMALLINT, "SMALLINT", 5, 0, Short.class);
        }

        Builder bigint(String label) {
            return add(label, Types.BIGINT, "BIGINT", 19, 0, Long.class);
        }

        Builder bool(String label) {
            return add(label, Types.BOOLEAN, "BOOLEAN", 1, 0, Boolean.class);
        }

        private Builder add(String label, int type, String typeName, int precision, int scale, Class<?> cls) {
            columns.add(new ColumnInfo(label, label, "", "", type, typeName, precision, scale,
                    ResultSetMetaData.columnNullableUnknown, cls.getName()));
            return this;
        }

        List<ColumnInfo> columns() {
            return List.copyOf(columns);
        }

        /** A result set of these columns over {@code rows} (each an array of one value per column). */
        MemoryResultSet over(List<Object[]> rows) throws SQLException {
            for (Object[] r : rows) {
                if (r.length != columns.size()) {
                    throw new SQLException("internal error: a metadata row of " + r.length + " values for "
                            + columns.size() + " columns", "XX000");
                }
            }
            return new MemoryResultSet(columns, rows, null);
        }
    }
}
