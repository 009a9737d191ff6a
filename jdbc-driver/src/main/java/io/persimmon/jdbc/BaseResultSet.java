package io.persimmon.jdbc;

import io.persimmon.sql.api.ColumnInfo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every result set of the driver shares: a forward-only, read-only cursor over rows whose
 * columns are described by {@link ColumnInfo}, with every getter and JDBC's standard conversions
 * ({@link JdbcValues}). Subclasses say how to move to the next row, read a column of it, and
 * release what they hold.
 */
abstract class BaseResultSet implements ResultSet, JdbcWrapper {
    final List<ColumnInfo> columns;
    private final Statement statement;
    private Map<String, Integer> labels;
    private int row;
    private boolean afterLast;
    private boolean wasNull;
    private boolean closed;
    /** Why it was closed when not by the application (the end of its transaction), for the message. */
    private String closedBecause;
    private int fetchSize;

    BaseResultSet(List<ColumnInfo> columns, Statement statement) {
        this.columns = List.copyOf(columns);
        this.statement = statement;
    }

    /** Moves to the next row; false at the end. */
    abstract boolean advance() throws SQLException;

    /** Column {@code index} (0-based) of the current row, in the SQL API's classes. */
    abstract Object value(int index) throws SQLException;

    /** Releases what the rows hold (called once, by close or at the end of the rows). */
    abstract void release() throws SQLException;

    // ------------------------------------------------------------------ cursor

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) {
            return false;
        }
        if (advance()) {
            row++;
            return true;
        }
        afterLast = true;
        release();
        return false;
    }

    @Override
    public void close() throws SQLException {
        if (!closed) {
            closed = true;
            if (!afterLast) {
                release();
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the result set is closed" + (closedBecause == null ? "" : closedBecause), "HY010");
        }
    }

    /** Closes it for {@code reason} (" by ..."), which a later use names. */
    void closeBecause(String reason) throws SQLException {
        if (!closed) {
            closedBecause = reason;
            close();
        }
    }

    private Object raw(int columnIndex) throws SQLException {
        checkOpen();
        if (row == 0 || afterLast) {
            throw new SQLException(row == 0 ? "next() was not called: there is no current row"
                    : "the result set is past its last row", "24000");
        }
        if (columnIndex < 1 || columnIndex > columns.size()) {
            throw new SQLException("column index " + columnIndex + " is out of range 1.." + columns.size(), "07009");
        }
        Object v = value(columnIndex - 1);
        wasNull = v == null;
        return v;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        if (labels == null) {
            Map<String, Integer> m = new java.util.HashMap<>();
            for (int i = columns.size() - 1; i >= 0; i--) { // the first of equal labels wins
                m.put(columns.get(i).label().toUpperCase(Locale.ROOT), i + 1);
            }
            labels = m;
        }
        Integer i = columnLabel == null ? null : labels.get(columnLabel.toUpperCase(Locale.ROOT));
        if (i == null) {
            throw new SQLException("no column labelled " + columnLabel + " in this result", "42S22");
        }
        return i;
    }

    // ------------------------------------------------------------------ getters by index

    @Override
    public String getString(int i) throws SQLException {
        Object v = raw(i);
        return v == null ? null : JdbcValues.toText(v);
    }

    @Override
    public boolean getBoolean(int i) throws SQLException {
        Object v = raw(i);
        return v != null && JdbcValues.toBoolean(v);
    }

    @Override
    public byte getByte(int i) throws SQLException {
        Object v = raw(i);
        return v == null ? 0 : (byte) JdbcValues.toLong(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
    }

    @Override
    public short getShort(int i) throws SQLException {
        Object v = raw(i);
        return v == null ? 0 : (short) JdbcValues.toLong(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
    }

    @Override
    public int getInt(int i) throws SQLException {
        Object v = raw(i);
        return v == null ? 0 : (int) JdbcValues.toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
    }

    @Override
    public long getLong(int i) throws SQLException {
        Object v = raw(i);
        return v == null ? 0 : JdbcValues.toLong(v, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
    }

    @Override
    public float getFloat(int i) throws SQLException {
        Object v = raw(i);
        return v == null ? 0 : JdbcValues.toFloat(v);
    }

    @Override
    public double getDouble(int i) throws SQLException {
        Object v = raw(i);
        return v == null ? 0 : JdbcValues.toDouble(v);
    }

    @Override
    public BigDecimal getBigDecimal(int i) throws SQLException {
        Object v = raw(i);
        return v == null ? null : JdbcValues.toBigDecimal(v);
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int i, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(i);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int i) throws SQLException {
        Object v = raw(i);
        return v == null ? null : JdbcValues.toBytes(v);
    }

    @Override
    public Date getDate(int i) throws SQLException {
        return getDate(i, null);
    }

    @Override
    public Date getDate(int i, Calendar cal) throws SQLException {
        Object v = raw(i);
        return v == null ? null : JdbcValues.sqlDate(JdbcValues.toLocalDate(v), cal);
    }

    @Override
    public Time getTime(int i) throws SQLException {
        return getTime(i, null);
    }

    @Override
    public Time getTime(int i, Calendar cal) throws SQLException {
        Object v = raw(i);
        return v == null ? null : JdbcValues.sqlTime(JdbcValues.toLocalTime(v), cal);
    }

    @Override
    public Timestamp getTimestamp(int i) throws SQLException {
        return getTimestamp(i, null);
    }

    @Override
    public Timestamp getTimestamp(int i, Calendar cal) throws SQLException {
        Object v = raw(i);
        return v == null ? null : JdbcValues.sqlTimestamp(JdbcValues.toLocalDateTime(v), cal);
    }

    /** JDBC's standard classes: java.sql date/time types, Integer for SMALLINT. */
    @Override
    public Object getObject(int i) throws SQLException {
        return switch (raw(i)) {
            case null -> null;
            case Short s -> s.intValue();
            case Byte b -> b.intValue();
            case LocalDate d -> JdbcValues.sqlDate(d, null);
            case LocalTime t -> JdbcValues.sqlTime(t, null);
            case LocalDateTime t -> JdbcValues.sqlTimestamp(t, null);
            case byte[] b -> b.clone();
            case Object v -> v;
        };
    }

    @Override
    public <T> T getObject(int i, Class<T> type) throws SQLException {
        if (type == null) {
            throw Errors.invalid("getObject needs a class");
        }
        Object v = raw(i);
        if (v == null) {
            return null;
        }
        Object r;
        if (type == String.class) {
            r = JdbcValues.toText(v);
        } else if (type == Boolean.class) {
            r = JdbcValues.toBoolean(v);
        } else if (type == Byte.class) {
            r = getByte(i);
        } else if (type == Short.class) {
            r = getShort(i);
        } else if (type == Integer.class) {
            r = getInt(i);
        } else if (type == Long.class) {
            r = getLong(i);
        } else if (type == Float.class) {
            r = getFloat(i);
        } else if (type == Double.class) {
            r = getDouble(i);
        } else if (type == BigDecimal.class) {
            r = JdbcValues.toBigDecimal(v);
        } else if (type == BigInteger.class) {
            r = JdbcValues.toBigDecimal(v).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        } else if (type == byte[].class) {
            r = JdbcValues.toBytes(v);
        } else if (type == LocalDate.class) {
            r = JdbcValues.toLocalDate(v);
        } else if (type == LocalTime.class) {
            r = JdbcValues.toLocalTime(v);
        } else if (type == LocalDateTime.class) {
            r = JdbcValues.toLocalDateTime(v);
        } else if (type == Date.class) {
            r = getDate(i);
        } else if (type == Time.class) {
            r = getTime(i);
        } else if (type == Timestamp.class) {
            r = getTimestamp(i);
        } else if (type == java.time.OffsetDateTime.class) {
            r = inDefaultZone(v).toOffsetDateTime();
        } else if (type == java.time.ZonedDateTime.class) {
            r = inDefaultZone(v);
        } else if (type == java.time.Instant.class) {
            r = inDefaultZone(v).toInstant();
        } else if (type == java.util.Date.class) {
            r = new java.util.Date(inDefaultZone(v).toInstant().toEpochMilli());
        } else if (type == Object.class) {
            r = getObject(i);
        } else {
            throw new SQLException("cannot convert a " + v.getClass().getSimpleName() + " to " + type.getName(), "22018");
        }
        return type.cast(r);
    }

    /**
     * A DATE or TIMESTAMP (which have no zone) as the instant it shows in the JVM's default zone,
     * the zone {@link #getTimestamp(int)} reads it in: for {@code getObject} with OffsetDateTime,
     * ZonedDateTime, Instant or java.util.Date, which JPA providers ask for.
     */
    private static java.time.ZonedDateTime inDefaultZone(Object v) throws SQLException {
        return JdbcValues.toLocalDateTime(v).atZone(java.time.ZoneId.systemDefault());
    }

    @Override
    public Object getObject(int i, Map<String, Class<?>> map) throws SQLException {
        return getObject(i);
    }

    @Override
    public InputStream getBinaryStream(int i) throws SQLException {
        byte[] b = getBytes(i);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public InputStream getAsciiStream(int i) throws SQLException {
        String s = getString(i);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int i) throws SQLException {
        String s = getString(i);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_16BE));
    }

    @Override
    public Reader getCharacterStream(int i) throws SQLException {
        String s = getString(i);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public String getNString(int i) throws SQLException {
        return getString(i);
    }

    @Override
    public Reader getNCharacterStream(int i) throws SQLException {
        return getCharacterStream(i);
    }

    @Override
    public URL getURL(int i) throws SQLException {
        String s = getString(i);
        try {
            return s == null ? null : URI.create(s).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new SQLException("'" + s + "' is not a URL", "22018", e);
        }
    }

    @Override
    public Ref getRef(int i) throws SQLException {
        throw Errors.unsupported("REF");
    }

    @Override
    public Blob getBlob(int i) throws SQLException {
        throw Errors.unsupported("BLOB (read VARBINARY with getBytes)");
    }

    @Override
    public Clob getClob(int i) throws SQLException {
        throw Errors.unsupported("CLOB (read VARCHAR with getString)");
    }

    @Override
    public NClob getNClob(int i) throws SQLException {
        throw Errors.unsupported("NCLOB");
    }

    @Override
    public Array getArray(int i) throws SQLException {
        throw Errors.unsupported("ARRAY");
    }

    @Override
    public RowId getRowId(int i) throws SQLException {
        throw Errors.unsupported("ROWID");
    }

    @Override
    public SQLXML getSQLXML(int i) throws SQLException {
        throw Errors.unsupported("SQLXML");
    }

    // ------------------------------------------------------------------ getters by label

    @Override public String getString(String l) throws SQLException { return getString(findColumn(l)); }
    @Override public boolean getBoolean(String l) throws SQLException { return getBoolean(findColumn(l)); }
    @Override public byte getByte(String l) throws SQLException { return getByte(findColumn(l)); }
    @Override public short getShort(String l) throws SQLException { return getShort(findColumn(l)); }
    @Override public int getInt(String l) throws SQLException { return getInt(findColumn(l)); }
    @Override public long getLong(String l) throws SQLException { return getLong(findColumn(l)); }
    @Override public float getFloat(String l) throws SQLException { return getFloat(findColumn(l)); }
    @Override public double getDouble(String l) throws SQLException { return getDouble(findColumn(l)); }
    @Override public BigDecimal getBigDecimal(String l) throws SQLException { return getBigDecimal(findColumn(l)); }
    @Override @Deprecated
    public BigDecimal getBigDecimal(String l, int scale) throws SQLException { return getBigDecimal(findColumn(l), scale); }
    @Override public byte[] getBytes(String l) throws SQLException { return getBytes(findColumn(l)); }
    @Override public Date getDate(String l) throws SQLException { return getDate(findColumn(l)); }
    @Override public Date getDate(String l, Calendar c) throws SQLException { return getDate(findColumn(l), c); }
    @Override public Time getTime(String l) throws SQLException { return getTime(findColumn(l)); }
    @Override public Time getTime(String l, Calendar c) throws SQLException { return getTime(findColumn(l), c); }
    @Override public Timestamp getTimestamp(String l) throws SQLException { return getTimestamp(findColumn(l)); }
    @Override public Timestamp getTimestamp(String l, Calendar c) throws SQLException { return getTimestamp(findColumn(l), c); }
    @Override public Object getObject(String l) throws SQLException { return getObject(findColumn(l)); }
    @Override public <T> T getObject(String l, Class<T> t) throws SQLException { return getObject(findColumn(l), t); }
    @Override public Object getObject(String l, Map<String, Class<?>> m) throws SQLException { return getObject(findColumn(l), m); }
    @Override public InputStream getAsciiStream(String l) throws SQLException { return getAsciiStream(findColumn(l)); }
    @Override @Deprecated
    public InputStream getUnicodeStream(String l) throws SQLException { return getUnicodeStream(findColumn(l)); }
    @Override public InputStream getBinaryStream(String l) throws SQLException { return getBinaryStream(findColumn(l)); }
    @Override public Reader getCharacterStream(String l) throws SQLException { return getCharacterStream(findColumn(l)); }
    @Override public String getNString(String l) throws SQLException { return getNString(findColumn(l)); }
    @Override public Reader getNCharacterStream(String l) throws SQLException { return getNCharacterStream(findColumn(l)); }
    @Override public URL getURL(String l) throws SQLException { return getURL(findColumn(l)); }
    @Override public Ref getRef(String l) throws SQLException { return getRef(findColumn(l)); }
    @Override public Blob getBlob(String l) throws SQLException { return getBlob(findColumn(l)); }
    @Override public Clob getClob(String l) throws SQLException { return getClob(findColumn(l)); }
    @Override public NClob getNClob(String l) throws SQLException { return getNClob(findColumn(l)); }
    @Override public Array getArray(String l) throws SQLException { return getArray(findColumn(l)); }
    @Override public RowId getRowId(String l) throws SQLException { return getRowId(findColumn(l)); }
    @Override public SQLXML getSQLXML(String l) throws SQLException { return getSQLXML(findColumn(l)); }

    // ------------------------------------------------------------------ shape and position

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new PersimmonResultSetMetaData(columns);
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return afterLast ? 0 : row;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row == 0 && !afterLast;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return afterLast && row > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return row == 1 && !afterLast;
    }

    /** Optional for forward-only result sets, and not offered: it would need to read ahead. */
    @Override
    public boolean isLast() throws SQLException {
        throw Errors.unsupported("isLast on a forward-only result set");
    }

    @Override public void beforeFirst() throws SQLException { throw forwardOnly(); }
    @Override public void afterLast() throws SQLException { throw forwardOnly(); }
    @Override public boolean first() throws SQLException { throw forwardOnly(); }
    @Override public boolean last() throws SQLException { throw forwardOnly(); }
    @Override public boolean absolute(int r) throws SQLException { throw forwardOnly(); }
    @Override public boolean relative(int r) throws SQLException { throw forwardOnly(); }
    @Override public boolean previous() throws SQLException { throw forwardOnly(); }

    private SQLException forwardOnly() {
        return new SQLException("the result set is TYPE_FORWARD_ONLY", "24000");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD) {
            throw forwardOnly();
        }
    }

    @Override public int getFetchDirection() { return FETCH_FORWARD; }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw Errors.invalid("fetch size " + rows + " is negative");
        }
        fetchSize = rows; // a hint only: rows come straight from the engine's cursor
    }

    @Override public int getFetchSize() { return fetchSize; }
    @Override public int getType() { return TYPE_FORWARD_ONLY; }
    @Override public int getConcurrency() { return CONCUR_READ_ONLY; }
    @Override public int getHoldability() { return CLOSE_CURSORS_AT_COMMIT; }
    @Override public SQLWarning getWarnings() throws SQLException { checkOpen(); return null; }
    @Override public void clearWarnings() throws SQLException { checkOpen(); }
    @Override public String getCursorName() throws SQLException { throw Errors.unsupported("named cursors"); }

    @Override public boolean rowUpdated() throws SQLException { throw readOnly(); }
    @Override public boolean rowInserted() throws SQLException { throw readOnly(); }
    @Override public boolean rowDeleted() throws SQLException { throw readOnly(); }

    // ------------------------------------------------------------------ updates: read-only

    static SQLException readOnly() {
        return Errors.unsupported("updating a result set (CONCUR_UPDATABLE)");
    }

    @Override public void updateNull(int i) throws SQLException { throw readOnly(); }
    @Override public void updateBoolean(int i, boolean x) throws SQLException { throw readOnly(); }
    @Override public void updateByte(int i, byte x) throws SQLException { throw readOnly(); }
    @Override public void updateShort(int i, short x) throws SQLException { throw readOnly(); }
    @Override public void updateInt(int i, int x) throws SQLException { throw readOnly(); }
    @Override public void updateLong(int i, long x) throws SQLException { throw readOnly(); }
    @Override public void updateFloat(int i, float x) throws SQLException { throw readOnly(); }
    @Override public void updateDouble(int i, double x) throws SQLException { throw readOnly(); }
    @Override public void updateBigDecimal(int i, BigDecimal x) throws SQLException { throw readOnly(); }
    @Override public void updateString(int i, String x) throws SQLException { throw readOnly(); }
    @Override public void updateBytes(int i, byte[] x) throws SQLException { throw readOnly(); }
    @Override public void updateDate(int i, Date x) throws SQLException { throw readOnly(); }
    @Override public void updateTime(int i, Time x) throws SQLException { throw readOnly(); }
    @Override public void updateTimestamp(int i, Timestamp x) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(int i, InputStream x, int n) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(int i, InputStream x, int n) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(int i, Reader x, int n) throws SQLException { throw readOnly(); }
    @Override public void updateObject(int i, Object x, int s) throws SQLException { throw readOnly(); }
    @Override public void updateObject(int i, Object x) throws SQLException { throw readOnly(); }
    @Override public void updateNull(String l) throws SQLException { throw readOnly(); }
    @Override public void updateBoolean(String l, boolean x) throws SQLException { throw readOnly(); }
    @Override public void updateByte(String l, byte x) throws SQLException { throw readOnly(); }
    @Override public void updateShort(String l, short x) throws SQLException { throw readOnly(); }
    @Override public void updateInt(String l, int x) throws SQLException { throw readOnly(); }
    @Override public void updateLong(String l, long x) throws SQLException { throw readOnly(); }
    @Override public void updateFloat(String l, float x) throws SQLException { throw readOnly(); }
    @Override public void updateDouble(String l, double x) throws SQLException { throw readOnly(); }
    @Override public void updateBigDecimal(String l, BigDecimal x) throws SQLException { throw readOnly(); }
    @Override public void updateString(String l, String x) throws SQLException { throw readOnly(); }
    @Override public void updateBytes(String l, byte[] x) throws SQLException { throw readOnly(); }
    @Override public void updateDate(String l, Date x) throws SQLException { throw readOnly(); }
    @Override public void updateTime(String l, Time x) throws SQLException { throw readOnly(); }
    @Override public void updateTimestamp(String l, Timestamp x) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(String l, InputStream x, int n) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(String l, InputStream x, int n) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(String l, Reader x, int n) throws SQLException { throw readOnly(); }
    @Override public void updateObject(String l, Object x, int s) throws SQLException { throw readOnly(); }
    @Override public void updateObject(String l, Object x) throws SQLException { throw readOnly(); }
    @Override public void insertRow() throws SQLException { throw readOnly(); }
    @Override public void updateRow() throws SQLException { throw readOnly(); }
    @Override public void deleteRow() throws SQLException { throw readOnly(); }
    @Override public void refreshRow() throws SQLException { throw readOnly(); }
    @Override public void cancelRowUpdates() throws SQLException { throw readOnly(); }
    @Override public void moveToInsertRow() throws SQLException { throw readOnly(); }
    @Override public void moveToCurrentRow() throws SQLException { throw readOnly(); }
    @Override public void updateRef(int i, Ref x) throws SQLException { throw readOnly(); }
    @Override public void updateRef(String l, Ref x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(int i, Blob x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(String l, Blob x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(int i, Clob x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(String l, Clob x) throws SQLException { throw readOnly(); }
    @Override public void updateArray(int i, Array x) throws SQLException { throw readOnly(); }
    @Override public void updateArray(String l, Array x) throws SQLException { throw readOnly(); }
    @Override public void updateRowId(int i, RowId x) throws SQLException { throw readOnly(); }
    @Override public void updateRowId(String l, RowId x) throws SQLException { throw readOnly(); }
    @Override public void updateNString(int i, String x) throws SQLException { throw readOnly(); }
    @Override public void updateNString(String l, String x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(int i, NClob x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(String l, NClob x) throws SQLException { throw readOnly(); }
    @Override public void updateSQLXML(int i, SQLXML x) throws SQLException { throw readOnly(); }
    @Override public void updateSQLXML(String l, SQLXML x) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(int i, Reader x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(String l, Reader x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(int i, InputStream x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(int i, InputStream x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(int i, Reader x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(String l, InputStream x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(String l, InputStream x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(String l, Reader x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(int i, InputStream x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(String l, InputStream x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateClob(int i, Reader x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateClob(String l, Reader x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(int i, Reader x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(String l, Reader x, long n) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(int i, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNCharacterStream(String l, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(int i, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(int i, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(int i, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateAsciiStream(String l, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBinaryStream(String l, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateCharacterStream(String l, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(int i, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateBlob(String l, InputStream x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(int i, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateClob(String l, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(int i, Reader x) throws SQLException { throw readOnly(); }
    @Override public void updateNClob(String l, Reader x) throws SQLException { throw readOnly(); }
}
