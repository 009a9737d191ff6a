package io.persimmon.engine.catalog;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import io.persimmon.engine.row.SqlType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte form of definitions, used inside DDL redo records and the catalog block. Big-endian
 * ({@link DataOutputStream}); strings as modified UTF-8 with a 2-byte length.
 *
 * <pre>
 * table:  name, column count (4), per column [name, type name, length (4), precision (4),
 *         scale (4), nullable (1)], key column count (4), key column positions (4 each),
 *         attributes length (4), attributes (UTF-8), added defaults length (4), added defaults
 *         (one row of the column types, row.RowCodec: the value older rows read for each column)
 * index:  name, table name, column count (4), column positions (4 each), unique (1)
 * </pre>
 */
public final class CatalogCodec {
    private CatalogCodec() {}

    public static void writeTable(DataOutputStream out, TableDefinition t) throws IOException {
        out.writeUTF(t.name());
        out.writeInt(t.columns().size());
        for (Column c : t.columns()) {
            out.writeUTF(c.name());
            out.writeUTF(c.type().type().name());
            out.writeInt(c.type().length());
            out.writeInt(c.type().precision());
            out.writeInt(c.type().scale());
            out.writeBoolean(c.nullable());
        }
        writeInts(out, t.primaryKey());
        byte[] attributes = t.attributes().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(attributes.length);
        out.write(attributes);
        ColumnType[] types = types(t.columns());
        byte[] defaults = io.persimmon.engine.row.RowCodec.encode(t.addedDefaults().toArray(), types);
        out.writeInt(defaults.length);
        out.write(defaults);
    }

    public static TableDefinition readTable(DataInputStream in) throws IOException {
        String name = in.readUTF();
        int n = count(in.readInt());
        List<Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String column = in.readUTF();
            SqlType type;
            try {
                type = SqlType.valueOf(in.readUTF());
            } catch (IllegalArgumentException e) {
                throw new PersimmonException(ErrorCode.CORRUPT, "catalog names an unknown column type for " + name + "." + column);
            }
            ColumnType ct = new ColumnType(type, in.readInt(), in.readInt(), in.readInt());
            columns.add(new Column(column, ct, in.readBoolean()));
        }
        int[] key = readInts(in);
        int length = in.readInt();
        if (length < 0 || length > (64 << 20)) {
            throw new PersimmonException(ErrorCode.CORRUPT, "catalog entry of table " + name + " has attributes of " + length + " bytes");
        }
        byte[] attributes = in.readNBytes(length);
        if (attributes.length != length) {
            throw new java.io.EOFException();
        }
        int defaultsLength = in.readInt();
        if (defaultsLength < 0 || defaultsLength > (64 << 20)) {
            throw new PersimmonException(ErrorCode.CORRUPT, "catalog entry of table " + name + " has defaults of " + defaultsLength + " bytes");
        }
        byte[] defaults = in.readNBytes(defaultsLength);
        if (defaults.length != defaultsLength) {
            throw new java.io.EOFException();
        }
        ColumnType[] types = types(columns);
        Object[] added = io.persimmon.engine.row.RowCodec.decode(defaults, 0, defaults.length, types);
        return new TableDefinition(name, columns, key, new String(attributes, java.nio.charset.StandardCharsets.UTF_8),
                java.util.Arrays.asList(added));
    }

    /** The columns' types, in a plain loop (the catalog is read at every open, first thing in a JVM). */
    private static ColumnType[] types(List<Column> columns) {
        ColumnType[] types = new ColumnType[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = columns.get(i).type();
        }
        return types;
    }

    public static void writeIndex(DataOutputStream out, IndexDefinition d) throws IOException {
        out.writeUTF(d.name());
        out.writeUTF(d.table());
        writeInts(out, d.columns());
        out.writeBoolean(d.unique());
    }

    public static IndexDefinition readIndex(DataInputStream in) throws IOException {
        return new IndexDefinition(in.readUTF(), in.readUTF(), readInts(in), in.readBoolean());
    }

    /** Bytes built by {@code writer}. */
    public static byte[] bytes(IoWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads {@code bytes} with {@code reader}; a short or malformed input is CORRUPT. */
    public static <T> T read(byte[] bytes, IoReader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return reader.read(in);
        } catch (IOException | RuntimeException e) {
            if (e instanceof PersimmonException p) {
                throw p;
            }
            throw new PersimmonException(ErrorCode.CORRUPT, "a catalog entry cannot be decoded: " + e);
        }
    }

    @FunctionalInterface
    public interface IoWriter {
        void write(DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    public interface IoReader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[count(in.readInt())];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static int count(int n) {
        if (n < 0 || n > 100_000) {
            throw new PersimmonException(ErrorCode.CORRUPT, "catalog entry has a count of " + n);
        }
        return n;
    }
}
