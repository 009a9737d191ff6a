package io.persimmon.tools.dump;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A database's schema as the JDBC driver's {@link DatabaseMetaData} describes it: tables with
 * their columns (type, nullability, default), primary key, foreign keys and indexes. Unique
 * constraints are unique indexes in Persimmon (that is how CREATE TABLE keeps them), so they are
 * read, and written back, as {@code CREATE UNIQUE INDEX}.
 */
public record DumpSchema(List<Table> tables) {
    /** A column: {@code type} is its SQL type with parameters, {@code baseType} the bare name. */
    public record Column(String name, String type, String baseType, boolean nullable, String defaultSql) {}

    /** A foreign key: {@code columns} of the table reference {@code parentColumns} of {@code parent}. */
    public record ForeignKey(String name, List<String> columns, String parent, List<String> parentColumns) {
        public boolean selfReferencing(String table) {
            return parent.equals(table);
        }
    }

    /** A secondary index. */
    public record Index(String name, boolean unique, List<String> columns) {}

    /** A table; an empty {@code primaryKey} means the table has none (a hidden row id). */
    public record Table(String name, List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys,
                        List<Index> indexes) {
        public Column column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("table " + this.name + " has no column " + name));
        }

        public List<ForeignKey> selfReferences() {
            return foreignKeys.stream().filter(f -> f.selfReferencing(name)).toList();
        }
    }

    /** Reads every table of the connection's database, by name. */
    public static DumpSchema read(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> names = new ArrayList<>();
        try (ResultSet rows = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME"));
            }
        }
        names.sort(null);
        List<Table> tables = new ArrayList<>();
        for (String name : names) {
            tables.add(new Table(name, columns(meta, name), primaryKey(meta, name), foreignKeys(meta, name),
                    indexes(meta, name)));
        }
        return new DumpSchema(tables);
    }

    private static List<Column> columns(DatabaseMetaData meta, String table) throws SQLException {
        TreeMap<Integer, Column> columns = new TreeMap<>();
        try (ResultSet rows = meta.getColumns(null, null, escape(table), "%")) {
            while (rows.next()) {
                if (!rows.getString("TABLE_NAME").equals(table)) {
                    continue;
                }
                String base = rows.getString("TYPE_NAME");
                int size = rows.getInt("COLUMN_SIZE");
                int digits = rows.getInt("DECIMAL_DIGITS");
                String type = switch (base) {
                    case "DECIMAL" -> "DECIMAL(" + size + ", " + digits + ")";
                    case "CHAR", "VARCHAR", "VARBINARY" -> base + "(" + size + ")";
                    case "TIME", "TIMESTAMP" -> base + "(" + digits + ")";
                    default -> base;
                };
                columns.put(rows.getInt("ORDINAL_POSITION"), new Column(rows.getString("COLUMN_NAME"), type, base,
                        rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, rows.getString("COLUMN_DEF")));
            }
        }
        return List.copyOf(columns.values());
    }

    private static List<String> primaryKey(DatabaseMetaData meta, String table) throws SQLException {
        TreeMap<Short, String> key = new TreeMap<>();
        try (ResultSet rows = meta.getPrimaryKeys(null, null, table)) {
            while (rows.next()) {
                key.put(rows.getShort("KEY_SEQ"), rows.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(key.values());
    }

    private static List<ForeignKey> foreignKeys(DatabaseMetaData meta, String table) throws SQLException {
        Map<String, List<String[]>> byName = new TreeMap<>();
        try (ResultSet rows = meta.getImportedKeys(null, null, table)) {
            while (rows.next()) {
                byName.computeIfAbsent(rows.getString("FK_NAME"), k -> new ArrayList<>()).add(new String[] {
                        rows.getString("FKCOLUMN_NAME"), rows.getString("PKTABLE_NAME"),
                        rows.getString("PKCOLUMN_NAME"), String.valueOf(rows.getShort("KEY_SEQ"))});
            }
        }
        List<ForeignKey> keys = new ArrayList<>();
        byName.forEach((name, parts) -> {
            parts.sort((a, b) -> Integer.compare(Integer.parseInt(a[3]), Integer.parseInt(b[3])));
            keys.add(new ForeignKey(name, parts.stream().map(p -> p[0]).toList(), parts.getFirst()[1],
                    parts.stream().map(p -> p[2]).toList()));
        });
        return keys;
    }

    /** Secondary indexes by name; the primary key, which the driver lists as a unique index, is left out. */
    private static List<Index> indexes(DatabaseMetaData meta, String table) throws SQLException {
        Map<String, Boolean> unique = new TreeMap<>();
        Map<String, TreeMap<Short, String>> columns = new LinkedHashMap<>();
        try (ResultSet rows = meta.getIndexInfo(null, null, table, false, false)) {
            while (rows.next()) {
                String name = rows.getString("INDEX_NAME");
                unique.put(name, !rows.getBoolean("NON_UNIQUE"));
                columns.computeIfAbsent(name, k -> new TreeMap<>())
                        .put(rows.getShort("ORDINAL_POSITION"), rows.getString("COLUMN_NAME"));
            }
        }
        List<String> key = primaryKey(meta, table);
        List<Index> indexes = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : unique.entrySet()) {
            List<String> cols = List.copyOf(columns.get(e.getKey()).values());
            if (e.getKey().equals("PK_" + table) && e.getValue() && cols.equals(key)) {
                continue;
            }
            indexes.add(new Index(e.getKey(), e.getValue(), cols));
        }
        return indexes;
    }

    /** A table name as a JDBC search pattern that matches only itself. */
    private static String escape(String name) {
        return name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
