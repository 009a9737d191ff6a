package io.persimmon.jdbc;

import io.persimmon.sql.api.PreparedSql;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A prepared statement: the SQL layer's plan, and the parameter values the setters convert into
 * the classes the SQL layer takes ({@link JdbcValues#parameter}). Every parameter must be set
 * (null included) before an execution; values stay set between executions.
 */
final class PersimmonPreparedStatement extends PersimmonStatement implements PreparedStatement {
    /** Marks a parameter not set since the statement was prepared or its parameters cleared. */
    private static final Object UNSET = new Object();

    private final String sql;
    private final PreparedSql prepared;
    private final Object[] values;
    private final List<Object[]> batch = new ArrayList<>();

    PersimmonPreparedStatement(PersimmonConnection connection, String sql, PreparedSql prepared) {
        super(connection);
        this.sql = sql;
        this.prepared = prepared;
        this.values = new Object[prepared.parameters().size()];
        Arrays.fill(values, UNSET);
    }

    private void set(int index, Object value) throws SQLException {
        checkOpen();
        if (index < 1 || index > values.length) {
            throw new SQLException("parameter index " + index + " is out of range 1.." + values.length
                    + " of: " + sql, "07009");
        }
        values[index - 1] = value;
    }

    private List<Object> bound() throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == UNSET) {
                throw new SQLException("parameter " + (i + 1) + " is not set (use setNull for NULL) in: " + sql, "07001");
            }
        }
        return Arrays.asList(values.clone());
    }

    // ------------------------------------------------------------------ executing

    @Override
    public boolean execute() throws SQLException {
        checkOpen();
        return run(prepared, bound(), false);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        checkOpen();
        if (!prepared.isQuery()) {
            throw notAQuery(sql);
        }
        run(prepared, bound(), false);
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return clampCount(executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        checkOpen();
        if (prepared.isQuery()) {
            throw aQuery(sql);
        }
        run(prepared, bound(), false);
        return getLargeUpdateCount();
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        if (prepared.isQuery()) {
            throw aQuery(sql);
        }
        batch.add(bound().toArray());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<Object[]> rows = List.copyOf(batch);
        batch.clear();
        long[] counts = new long[rows.size()];
        for (int i = 0; i < counts.length; i++) {
            try {
                run(prepared, Arrays.asList(rows.get(i)), false);
                counts[i] = getLargeUpdateCount();
            } catch (SQLException e) {
                throw batchFailure(e, Arrays.copyOf(counts, i));
            }
        }
        return counts;
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(values, UNSET);
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return prepared.isQuery() ? new PersimmonResultSetMetaData(prepared.columns()) : null;
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new PersimmonParameterMetaData(prepared.parameters());
    }

    @Override
    void closeResources() {
        prepared.close();
    }

    private static SQLException notWithSql() {
        return new SQLException("a PreparedStatement runs its own SQL: call execute() without an argument", "HY000");
    }

    @Override public boolean execute(String s) throws SQLException { throw notWithSql(); }
    @Override public ResultSet executeQuery(String s) throws SQLException { throw notWithSql(); }
    @Override public int executeUpdate(String s) throws SQLException { throw notWithSql(); }
    @Override public long executeLargeUpdate(String s) throws SQLException { throw notWithSql(); }
    @Override public void addBatch(String s) throws SQLException { throw notWithSql(); }

    // ------------------------------------------------------------------ setters

    /** NULL of any type, {@code Types.NULL} and {@code Types.OTHER} included (as some clients pass). */
    @Override public void setNull(int i, int sqlType) throws SQLException { set(i, null); }
    @Override public void setNull(int i, int sqlType, String typeName) throws SQLException { set(i, null); }
    @Override public void setBoolean(int i, boolean x) throws SQLException { set(i, x); }
    @Override public void setByte(int i, byte x) throws SQLException { set(i, (short) x); }
    @Override public void setShort(int i, short x) throws SQLException { set(i, x); }
    @Override public void setInt(int i, int x) throws SQLException { set(i, x); }
    @Override public void setLong(int i, long x) throws SQLException { set(i, x); }
    @Override public void setFloat(int i, float x) throws SQLException { set(i, x); }
    @Override public void setDouble(int i, double x) throws SQLException { set(i, x); }
    @Override public void setBigDecimal(int i, BigDecimal x) throws SQLException { set(i, x); }
    @Override public void setString(int i, String x) throws SQLException { set(i, x); }
    @Override public void setNString(int i, String x) throws SQLException { set(i, x); }
    @Override public void setBytes(int i, byte[] x) throws SQLException { set(i, x == null ? null : x.clone()); }
    @Override public void setDate(int i, Date x) throws SQLException { set(i, JdbcValues.parameter(x, null)); }
    @Override public void setDate(int i, Date x, Calendar c) throws SQLException { set(i, JdbcValues.parameter(x, c)); }
    @Override public void setTime(int i, Time x) throws SQLException { set(i, JdbcValues.parameter(x, null)); }
    @Override public void setTime(int i, Time x, Calendar c) throws SQLException { set(i, JdbcValues.parameter(x, c)); }
    @Override public void setTimestamp(int i, Timestamp x) throws SQLException { set(i, JdbcValues.parameter(x, null)); }
    @Override public void setTimestamp(int i, Timestamp x, Calendar c) throws SQLException { set(i, JdbcValues.parameter(x, c)); }
    @Override public void setObject(int i, Object x) throws SQLException { set(i, JdbcValues.parameter(x, null)); }

    /** Converts {@code x} to {@code targetSqlType}'s class first; its scale is not changed. */
    @Override
    public void setObject(int i, Object x, int targetSqlType) throws SQLException {
        set(i, JdbcValues.parameter(x, targetSqlType, -1));
    }

    /** Converts {@code x} to {@code targetSqlType}'s class; a DECIMAL is rounded (half up) to {@code scale}. */
    @Override
    public void setObject(int i, Object x, int targetSqlType, int scale) throws SQLException {
        set(i, JdbcValues.parameter(x, targetSqlType, scale));
    }

    @Override
    public void setObject(int i, Object x, SQLType targetSqlType) throws SQLException {
        setObject(i, x, vendorType(targetSqlType));
    }

    @Override
    public void setObject(int i, Object x, SQLType targetSqlType, int scale) throws SQLException {
        setObject(i, x, vendorType(targetSqlType), scale);
    }

    private static int vendorType(SQLType type) throws SQLException {
        if (type == null || type.getVendorTypeNumber() == null) {
            throw Errors.invalid("unknown SQL type " + type);
        }
        return type.getVendorTypeNumber();
    }

    @Override
    public void setURL(int i, URL x) throws SQLException {
        set(i, x == null ? null : x.toString());
    }

    @Override
    public void setAsciiStream(int i, InputStream x, long length) throws SQLException {
        set(i, x == null ? null : new String(JdbcValues.readAll(x, length), StandardCharsets.US_ASCII));
    }

    @Override public void setAsciiStream(int i, InputStream x, int length) throws SQLException { setAsciiStream(i, x, (long) length); }
    @Override public void setAsciiStream(int i, InputStream x) throws SQLException { setAsciiStream(i, x, -1L); }

    @Override
    @Deprecated
    public void setUnicodeStream(int i, InputStream x, int length) throws SQLException {
        set(i, x == null ? null : new String(JdbcValues.readAll(x, length), StandardCharsets.UTF_16BE));
    }

    @Override
    public void setBinaryStream(int i, InputStream x, long length) throws SQLException {
        set(i, x == null ? null : JdbcValues.readAll(x, length));
    }

    @Override public void setBinaryStream(int i, InputStream x, int length) throws SQLException { setBinaryStream(i, x, (long) length); }
    @Override public void setBinaryStream(int i, InputStream x) throws SQLException { setBinaryStream(i, x, -1L); }

    @Override
    public void setCharacterStream(int i, Reader x, long length) throws SQLException {
        set(i, x == null ? null : JdbcValues.readAll(x, length));
    }

    @Override public void setCharacterStream(int i, Reader x, int length) throws SQLException { setCharacterStream(i, x, (long) length); }
    @Override public void setCharacterStream(int i, Reader x) throws SQLException { setCharacterStream(i, x, -1L); }
    @Override public void setNCharacterStream(int i, Reader x, long length) throws SQLException { setCharacterStream(i, x, length); }
    @Override public void setNCharacterStream(int i, Reader x) throws SQLException { setCharacterStream(i, x, -1L); }
    @Override public void setBlob(int i, Blob x) throws SQLException { set(i, JdbcValues.parameter(x, null)); }
    @Override public void setBlob(int i, InputStream x, long length) throws SQLException { setBinaryStream(i, x, length); }
    @Override public void setBlob(int i, InputStream x) throws SQLException { setBinaryStream(i, x, -1L); }
    @Override public void setClob(int i, Clob x) throws SQLException { set(i, JdbcValues.parameter(x, null)); }
    @Override public void setClob(int i, Reader x, long length) throws SQLException { setCharacterStream(i, x, length); }
    @Override public void setClob(int i, Reader x) throws SQLException { setCharacterStream(i, x, -1L); }
    @Override public void setNClob(int i, NClob x) throws SQLException { set(i, JdbcValues.parameter(x, null)); }
    @Override public void setNClob(int i, Reader x, long length) throws SQLException { setCharacterStream(i, x, length); }
    @Override public void setNClob(int i, Reader x) throws SQLException { setCharacterStream(i, x, -1L); }
    @Override public void setRef(int i, Ref x) throws SQLException { throw Errors.unsupported("REF"); }
    @Override public void setArray(int i, Array x) throws SQLException { throw Errors.unsupported("ARRAY"); }
    @Override public void setRowId(int i, RowId x) throws SQLException { throw Errors.unsupported("ROWID"); }
    @Override public void setSQLXML(int i, SQLXML x) throws SQLException { throw Errors.unsupported("SQLXML"); }

    @Override
    public String toString() {
        return "PersimmonPreparedStatement[" + sql + "]";
    }
}
