package io.persimmon.jdbc;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.Index;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import io.persimmon.engine.row.SqlType;
import io.persimmon.sql.schema.PersimmonTableAttributes;
import io.persimmon.sql.schema.PersimmonTableAttributes.ForeignKeyText;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The catalog result sets of {@link PersimmonDatabaseMetaData}, read from the engine's catalog
 * (tables, their columns, primary keys and indexes; defaults and foreign keys from the attributes
 * the SQL layer keeps with each table, {@link PersimmonTableAttributes}) with the columns JDBC
 * prescribes. Every table is in the one schema {@value #SCHEMA}; there are no catalogs
 * (TABLE_CAT is null).
 */
final class CatalogResultSets {
    /** The schema every table is in. */
    static final String SCHEMA = "PUBLIC";

    private final Database database;

    CatalogResultSets(Database database) {
        this.database = database;
    }

    // ------------------------------------------------------------------ types

    /** The JDBC type ({@link Types}) of an engine type. */
    static int jdbcType(SqlType t) {
        return switch (t) {
            case BOOLEAN -> Types.BOOLEAN;
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DECIMAL -> Types.DECIMAL;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case CHAR -> Types.CHAR;
            case VARCHAR -> Types.VARCHAR;
            case VARBINARY -> Types.VARBINARY;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
        };
    }

    /**
     * COLUMN_SIZE as JDBC defines it: digits for numbers, characters for text, bytes for binary,
     * the length of the text form for dates and times.
     */
    static int columnSize(ColumnType t) {
        return switch (t.type()) {
            case BOOLEAN -> 1;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case DECIMAL -> t.precision();
            case REAL -> 7;
            case DOUBLE -> 15;
            case CHAR, VARCHAR, VARBINARY -> t.length();
            case DATE -> 10;
            case TIME -> 8 + (t.precision() > 0 ? t.precision() + 1 : 0);
            case TIMESTAMP -> 19 + (t.precision() > 0 ? t.precision() + 1 : 0);
        };
    }

    /** DECIMAL_DIGITS: the scale, the fractional-second digits, or null where it does not apply. */
    static Integer decimalDigits(ColumnType t) {
        return switch (t.type()) {
            case SMALLINT, INTEGER, BIGINT -> 0;
            case DECIMAL -> t.scale();
            case TIME, TIMESTAMP -> t.precision();
            default -> null;
        };
    }

    // ------------------------------------------------------------------ patterns

    /** Whether {@code value} matches the JDBC search pattern {@code pattern} (null: everything). */
    static boolean matches(String pattern, String value) {
        if (pattern == null) {
            return true;
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    /** Whether a catalog and schema argument select Persimmon's one schema. */
    private static boolean inScope(String catalog, String schemaPattern) {
        return (catalog == null || catalog.isEmpty()) && matches(schemaPattern, SCHEMA);
    }

    private List<Table> tables(String catalog, String schemaPattern, String tablePattern) throws SQLException {
        if (!inScope(catalog, schemaPattern)) {
            return List.of();
        }
        try {
            return database.tables().stream().filter(t -> matches(tablePattern, t.name())).toList();
        } catch (PersimmonException e) {
            throw Errors.of(e);
        }
    }

    /** What the SQL layer keeps with a table (defaults, foreign keys). */
    static PersimmonTableAttributes attributes(Table t) throws SQLException {
        try {
            return PersimmonTableAttributes.parse(t.definition().attributes());
        } catch (RuntimeException e) {
            throw new SQLException("the attributes of table " + t.name() + " cannot be read: " + e, "XX001", e);
        }
    }

    // ------------------------------------------------------------------ result sets

    ResultSet tables(String catalog, String schemaPattern, String tablePattern, String[] types) throws SQLException {
        boolean wantTables = types == null;
        for (String t : types == null ? new String[0] : types) {
            wantTables |= "TABLE".equalsIgnoreCase(t);
        }
        List<Object[]> rows = new ArrayList<>();
        if (wantTables) {
            for (Table t : tables(catalog, schemaPattern, tablePattern)) {
                rows.add(new Object[] {null, SCHEMA, t.name(), "TABLE", "", null, null, null, null, null});
            }
        }
        return new MemoryResultSet.Builder().text("TABLE_CAT").text("TABLE_SCHEM").text("TABLE_NAME")
                .text("TABLE_TYPE").text("REMARKS").text("TYPE_CAT").text("TYPE_SCHEM").text("TYPE_NAME")
                .text("SELF_REFERENCING_COL_NAME").text("REF_GENERATION").over(rows);
    }

    ResultSet columns(String catalog, String schemaPattern, String tablePattern, String columnPattern)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Table t : tables(catalog, schemaPattern, tablePattern)) {
            java.util.Map<String, String> defaults = attributes(t).defaults();
            List<Column> columns = t.definition().columns();
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                if (!matches(columnPattern, c.name())) {
                    continue;
                }
                ColumnType type = c.type();
                SqlType st = type.type();
                boolean text = st == SqlType.CHAR || st == SqlType.VARCHAR;
                rows.add(new Object[] {null, SCHEMA, t.name(), c.name(), jdbcType(st), st.name(), columnSize(type),
                        null, decimalDigits(type), 10,
                        c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                        "", defaults.get(c.name()), null, null, text ? type.length() * 4 : null, i + 1, c.nullable() ? "YES" : "NO",
                        null, null, null, null, "NO", "NO"});
            }
        }
        return new MemoryResultSet.Builder().text("TABLE_CAT").text("TABLE_SCHEM").text("TABLE_NAME")
                .text("COLUMN_NAME").integer("DATA_TYPE").text("TYPE_NAME").integer("COLUMN_SIZE")
                .integer("BUFFER_LENGTH").integer("DECIMAL_DIGITS").integer("NUM_PREC_RADIX").integer("NULLABLE")
                .text("REMARKS").text("COLUMN_DEF").integer("SQL_DATA_TYPE").integer("SQL_DATETIME_SUB")
                .integer("CHAR_OCTET_LENGTH").integer("ORDINAL_POSITION").text("IS_NULLABLE").text("SCOPE_CATALOG")
                .text("SCOPE_SCHEMA").text("SCOPE_TABLE").smallint("SOURCE_DATA_TYPE").text("IS_AUTOINCREMENT")
                .text("IS_GENERATEDCOLUMN").over(rows);
    }

    /** The name JDBC metadata gives a table's primary key. */
    static String primaryKeyName(Table t) {
        return "PK_" + t.name();
    }

    ResultSet primaryKeys(String catalog, String schema, String table) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Table t : tables(catalog, schema, null)) {
            if (table != null && !table.equals(t.name())) {
                continue;
            }
            TableDefinition d = t.definition();
            int[] key = d.primaryKey();
            for (int k = 0; k < key.length; k++) {
                rows.add(new Object[] {null, SCHEMA, t.name(), d.columns().get(key[k]).name(), (short) (k + 1),
                        primaryKeyName(t)});
            }
        }
        rows.sort(Comparator.comparing(r -> (String) r[3]));
        return new MemoryResultSet.Builder().text("TABLE_CAT").text("TABLE_SCHEM").text("TABLE_NAME")
                .text("COLUMN_NAME").smallint("KEY_SEQ").text("PK_NAME").over(rows);
    }

    /** The table's indexes, its primary key first as a unique index; ordered as JDBC asks. */
    ResultSet indexInfo(String catalog, String schema, String table, boolean unique) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Table t : tables(catalog, schema, null)) {
            if (table != null && !table.equals(t.name())) {
                continue;
            }
            TableDefinition d = t.definition();
            long cardinality = t.rowCount();
            if (!d.hasHiddenKey()) {
                addIndexRows(rows, t, primaryKeyName(t), d.primaryKey(), true, cardinality);
            }
            for (Index index : t.indexes()) {
                IndexDefinition id = index.definition();
                if (unique && !id.unique()) {
                    continue;
                }
                addIndexRows(rows, t, id.name(), id.columns(), id.unique(), cardinality);
            }
        }
        rows.sort(Comparator.<Object[], Boolean>comparing(r -> (Boolean) r[3])
                .thenComparing(r -> (String) r[5]).thenComparing(r -> (Short) r[7]));
        return new MemoryResultSet.Builder().text("TABLE_CAT").text("TABLE_SCHEM").text("TABLE_NAME")
                .bool("NON_UNIQUE").text("INDEX_QUALIFIER").text("INDEX_NAME").smallint("TYPE")
                .smallint("ORDINAL_POSITION").text("COLUMN_NAME").text("ASC_OR_DESC").bigint("CARDINALITY")
                .bigint("PAGES").text("FILTER_CONDITION").over(rows);
    }

    private static void addIndexRows(List<Object[]> rows, Table t, String name, int[] columns, boolean unique,
                                     long cardinality) {
        for (int k = 0; k < columns.length; k++) {
            rows.add(new Object[] {null, SCHEMA, t.name(), !unique, null, name, DatabaseMetaData.tableIndexOther,
                    (short) (k + 1), t.definition().columns().get(columns[k]).name(), "A", cardinality, null, null});
        }
    }

    /**
     * Foreign keys, one row per column, from the tables' attributes: those of {@code childTable}
     * (imported keys) and those that reference {@code parentTable} (exported keys); a null name
     * does not narrow. Ordered by the parent table for imported keys, by the child for exported.
     */
    ResultSet foreignKeys(String catalog, String schema, String parentTable, String childTable, boolean byChild)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Table child : tables(catalog, schema, null)) {
            if (childTable != null && !childTable.equals(child.name())) {
                continue;
            }
            for (ForeignKeyText fk : attributes(child).foreignKeys()) {
                if (parentTable != null && !parentTable.equals(fk.parent())) {
                    continue;
                }
                String referenced = referencedKeyName(fk);
                for (int k = 0; k < fk.columns().size(); k++) {
                    rows.add(new Object[] {null, SCHEMA, fk.parent(), fk.parentColumns().get(k), null, SCHEMA,
                            child.name(), fk.columns().get(k), (short) (k + 1),
                            (short) DatabaseMetaData.importedKeyNoAction, (short) DatabaseMetaData.importedKeyNoAction,
                            fk.name(), referenced, (short) DatabaseMetaData.importedKeyNotDeferrable});
                }
            }
        }
        int table = byChild ? 6 : 2;
        rows.sort(Comparator.<Object[], String>comparing(r -> (String) r[table]).thenComparing(r -> (String) r[11])
                .thenComparing(r -> (Short) r[8]));
        return foreignKeyColumns().over(rows);
    }

    /** The primary key or unique index a foreign key references, or null when none matches its columns. */
    private String referencedKeyName(ForeignKeyText fk) {
        Table parent = database.findTable(fk.parent()).orElse(null);
        if (parent == null) {
            return null;
        }
        List<Column> columns = parent.definition().columns();
        if (names(columns, parent.definition().primaryKey()).equals(fk.parentColumns())) {
            return primaryKeyName(parent);
        }
        for (Index index : parent.indexes()) {
            if (index.isUnique() && names(columns, index.definition().columns()).equals(fk.parentColumns())) {
                return index.name();
            }
        }
        return null;
    }

    private static List<String> names(List<Column> columns, int[] positions) {
        List<String> names = new ArrayList<>();
        for (int p : positions) {
            names.add(columns.get(p).name());
        }
        return names;
    }

    private static MemoryResultSet.Builder foreignKeyColumns() {
        return new MemoryResultSet.Builder().text("PKTABLE_CAT").text("PKTABLE_SCHEM").text("PKTABLE_NAME")
                .text("PKCOLUMN_NAME").text("FKTABLE_CAT").text("FKTABLE_SCHEM").text("FKTABLE_NAME")
                .text("FKCOLUMN_NAME").smallint("KEY_SEQ").smallint("UPDATE_RULE").smallint("DELETE_RULE")
                .text("FK_NAME").text("PK_NAME").smallint("DEFERRABILITY");
    }

    static ResultSet schemas(String catalog, String schemaPattern) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        if (inScope(catalog, schemaPattern)) {
            rows.add(new Object[] {SCHEMA, null});
        }
        return new MemoryResultSet.Builder().text("TABLE_SCHEM").text("TABLE_CATALOG").over(rows);
    }

    static ResultSet catalogs() throws SQLException {
        return new MemoryResultSet.Builder().text("TABLE_CAT").over(List.of());
    }

    static ResultSet tableTypes() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"TABLE"});
        return new MemoryResultSet.Builder().text("TABLE_TYPE").over(rows);
    }

    /** One row per SQL type the engine stores, ordered by DATA_TYPE. */
    static ResultSet typeInfo() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (SqlType t : SqlType.values()) {
            int precision = switch (t) {
                case DECIMAL -> ColumnType.MAX_DECIMAL_PRECISION;
                case CHAR, VARCHAR, VARBINARY -> ColumnType.MAX_LENGTH;
                case TIME -> 15;
                case TIMESTAMP -> 26;
                default -> columnSize(ColumnType.of(t));
            };
            String prefix = switch (t) {
                case CHAR, VARCHAR -> "'";
                case VARBINARY -> "X'";
                case DATE -> "DATE '";
                case TIME -> "TIME '";
                case TIMESTAMP -> "TIMESTAMP '";
                default -> null;
            };
            String params = switch (t) {
                case DECIMAL -> "PRECISION,SCALE";
                case CHAR, VARCHAR, VARBINARY -> "LENGTH";
                case TIME, TIMESTAMP -> "PRECISION";
                default -> null;
            };
            short maxScale = (short) (t == SqlType.DECIMAL ? ColumnType.MAX_DECIMAL_PRECISION
                    : t == SqlType.TIME || t == SqlType.TIMESTAMP ? ColumnType.MAX_FRACTIONAL_SECONDS : 0);
            rows.add(new Object[] {t.name(), jdbcType(t), precision, prefix, prefix == null ? null : "'", params,
                    (short) DatabaseMetaData.typeNullable, t == SqlType.CHAR || t == SqlType.VARCHAR,
                    (short) DatabaseMetaData.typeSearchable, false, false, false, t.name(), (short) 0, maxScale,
                    null, null, 10});
        }
        rows.sort(Comparator.comparing(r -> (Integer) r[1]));
        return new MemoryResultSet.Builder().text("TYPE_NAME").integer("DATA_TYPE").integer("PRECISION")
                .text("LITERAL_PREFIX").text("LITERAL_SUFFIX").text("CREATE_PARAMS").smallint("NULLABLE")
                .bool("CASE_SENSITIVE").smallint("SEARCHABLE").bool("UNSIGNED_ATTRIBUTE").bool("FIXED_PREC_SCALE")
                .bool("AUTO_INCREMENT").text("LOCAL_TYPE_NAME").smallint("MINIMUM_SCALE").smallint("MAXIMUM_SCALE")
                .integer("SQL_DATA_TYPE").integer("SQL_DATETIME_SUB").integer("NUM_PREC_RADIX").over(rows);
    }

    /** An empty result set with the given columns (all text), for what Persimmon does not have. */
    static ResultSet empty(String... labels) throws SQLException {
        MemoryResultSet.Builder b = new MemoryResultSet.Builder();
        for (String l : labels) {
            b.text(l.toUpperCase(Locale.ROOT));
        }
        return b.over(List.of());
    }
}
