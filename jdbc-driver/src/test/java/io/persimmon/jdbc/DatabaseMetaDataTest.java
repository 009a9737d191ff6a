package io.persimmon.jdbc;

import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.DatabaseOptions;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Database metadata read from a real engine catalog (tables made through the engine's API). */
class DatabaseMetaDataTest {
    @TempDir
    Path dir;
    Database db;
    DatabaseMetaData md;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("md.pool"), DatabaseOptions.defaults()
                .withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS)).withLog(1, 1 << 20));
        TableDefinition orders = TableDefinition.of("ORDERS", List.of(
                Column.notNull("W_ID", ColumnType.INTEGER),
                Column.notNull("O_ID", ColumnType.BIGINT),
                Column.nullable("CUSTOMER", ColumnType.varchar(16)),
                Column.nullable("AMOUNT", ColumnType.decimal(12, 2)),
                Column.nullable("ENTERED", ColumnType.timestamp(6)),
                Column.nullable("CODE", ColumnType.character(3))), "W_ID", "O_ID");
        db.createTable(orders);
        db.createIndex(IndexDefinition.of("ORDERS_CUSTOMER", orders, false, "CUSTOMER", "W_ID"));
        db.createIndex(IndexDefinition.of("ORDERS_CODE", orders, true, "CODE"));
        db.createTable(TableDefinition.of("LOG_LINES", List.of(Column.nullable("LINE", ColumnType.varchar(100)))));
        md = new PersimmonDatabaseMetaData(null, db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static List<List<Object>> all(ResultSet rs, String... labels) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (String l : labels) {
                    row.add(rs.getObject(l));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void shouldListTablesAsTypeTable() throws SQLException {
        assertEquals(List.of(List.of("LOG_LINES", "TABLE"), List.of("ORDERS", "TABLE")),
                all(md.getTables(null, null, "%", null), "TABLE_NAME", "TABLE_TYPE"));
        assertEquals(List.of(List.of("ORDERS", "PUBLIC")),
                all(md.getTables(null, "PUBLIC", "ORD%", new String[] {"TABLE"}), "TABLE_NAME", "TABLE_SCHEM"));
        assertEquals(List.of(List.of("LOG_LINES")), all(md.getTables(null, null, "LOG\\_LINES", null), "TABLE_NAME"));
        assertEquals(List.of(), all(md.getTables(null, null, "LOG\\_LINE", null), "TABLE_NAME"));
        assertEquals(List.of(), all(md.getTables(null, null, null, new String[] {"VIEW"}), "TABLE_NAME"));
        assertEquals(List.of(), all(md.getTables(null, "OTHER", null, null), "TABLE_NAME"));
        ResultSetMetaData rsmd = md.getTables(null, null, null, null).getMetaData();
        assertEquals(10, rsmd.getColumnCount());
        assertEquals("REF_GENERATION", rsmd.getColumnLabel(10));
    }

    @Test
    void shouldDescribeColumnsWithExactTypes() throws SQLException {
        List<List<Object>> rows = all(md.getColumns(null, null, "ORDERS", null), "COLUMN_NAME", "DATA_TYPE",
                "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE", "IS_NULLABLE", "ORDINAL_POSITION");
        assertEquals(6, rows.size());
        assertEquals(List.of("W_ID", Types.INTEGER, "INTEGER", 10, 0, DatabaseMetaData.columnNoNulls, "NO", 1), rows.get(0));
        assertEquals(List.of("CUSTOMER", Types.VARCHAR, "VARCHAR", 16, DatabaseMetaData.columnNullable, "YES", 3),
                withoutNull(rows.get(2)));
        assertEquals(List.of("AMOUNT", Types.DECIMAL, "DECIMAL", 12, 2, DatabaseMetaData.columnNullable, "YES", 4), rows.get(3));
        assertEquals(List.of("ENTERED", Types.TIMESTAMP, "TIMESTAMP", 26, 6, DatabaseMetaData.columnNullable, "YES", 5),
                rows.get(4));
        assertEquals(List.of("CODE", Types.CHAR, "CHAR", 3, DatabaseMetaData.columnNullable, "YES", 6), withoutNull(rows.get(5)));
        assertEquals(List.of(List.of("LINE")), all(md.getColumns(null, null, "LOG%", "L%"), "COLUMN_NAME"),
                "the hidden row id of a table without a key is not a column");
        assertEquals(24, md.getColumns(null, null, null, null).getMetaData().getColumnCount());
    }

    private static List<Object> withoutNull(List<Object> row) {
        return row.stream().filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void shouldListPrimaryKeyColumnsWithTheirSequence() throws SQLException {
        assertEquals(List.of(List.of("O_ID", 2, "PK_ORDERS"), List.of("W_ID", 1, "PK_ORDERS")),
                all(md.getPrimaryKeys(null, null, "ORDERS"), "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
        assertEquals(List.of(), all(md.getPrimaryKeys(null, null, "LOG_LINES"), "COLUMN_NAME"));
    }

    @Test
    void shouldListIndexesWithThePrimaryKeyAsAUniqueOne() throws SQLException {
        assertEquals(List.of(
                        List.of(false, "ORDERS_CODE", 1, "CODE"),
                        List.of(false, "PK_ORDERS", 1, "W_ID"),
                        List.of(false, "PK_ORDERS", 2, "O_ID"),
                        List.of(true, "ORDERS_CUSTOMER", 1, "CUSTOMER"),
                        List.of(true, "ORDERS_CUSTOMER", 2, "W_ID")),
                all(md.getIndexInfo(null, null, "ORDERS", false, true), "NON_UNIQUE", "INDEX_NAME", "ORDINAL_POSITION",
                        "COLUMN_NAME"));
        assertEquals(3, all(md.getIndexInfo(null, null, "ORDERS", true, true), "INDEX_NAME").size());
    }

    @Test
    void shouldGiveEmptyForeignKeysWithTheirColumns() throws SQLException {
        for (ResultSet rs : List.of(md.getImportedKeys(null, null, "ORDERS"), md.getExportedKeys(null, null, "ORDERS"))) {
            assertEquals(14, rs.getMetaData().getColumnCount());
            assertEquals("FKCOLUMN_NAME", rs.getMetaData().getColumnLabel(8));
            assertFalse(rs.next());
        }
    }

    @Test
    void shouldDescribeSchemasTypesAndCapabilities() throws SQLException {
        assertEquals(List.of(List.of("PUBLIC")), all(md.getSchemas(), "TABLE_SCHEM"));
        assertEquals(List.of(), all(md.getCatalogs(), "TABLE_CAT"));
        assertEquals(List.of(List.of("TABLE")), all(md.getTableTypes(), "TABLE_TYPE"));
        List<List<Object>> types = all(md.getTypeInfo(), "TYPE_NAME", "DATA_TYPE");
        assertEquals(13, types.size());
        assertTrue(types.contains(List.of("DECIMAL", Types.DECIMAL)));
        assertTrue(types.contains(List.of("VARBINARY", Types.VARBINARY)));
        assertEquals("Persimmon", md.getDatabaseProductName());
        assertFalse(md.getDatabaseProductVersion().isEmpty());
        assertTrue(md.supportsTransactions());
        assertTrue(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED));
        assertTrue(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ));
        assertFalse(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE));
        assertEquals(Connection.TRANSACTION_READ_COMMITTED, md.getDefaultTransactionIsolation());
        assertEquals("\"", md.getIdentifierQuoteString());
        assertTrue(md.storesUpperCaseIdentifiers());
        assertFalse(md.storesMixedCaseIdentifiers());
        assertTrue(md.storesMixedCaseQuotedIdentifiers());
    }
}
