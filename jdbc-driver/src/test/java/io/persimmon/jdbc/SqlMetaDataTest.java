package io.persimmon.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;

import static io.persimmon.jdbc.DatabaseMetaDataTest.all;
import static org.junit.jupiter.api.Assertions.*;

/** Metadata of tables made with SQL DDL, read through a connection as sqlline and DBeaver do. */
class SqlMetaDataTest {
    @TempDir
    Path dir;
    Connection c;
    DatabaseMetaData md;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:persimmon:" + dir.resolve("m.pool") + ";mode=process");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE warehouse (w_id INT PRIMARY KEY, w_name VARCHAR(10) DEFAULT 'main')");
            s.execute("CREATE TABLE district (d_w_id INT NOT NULL, d_id INT NOT NULL, \"Mixed\" DOUBLE, "
                    + "PRIMARY KEY (d_w_id, d_id), "
                    + "CONSTRAINT fk_district_w FOREIGN KEY (d_w_id) REFERENCES warehouse (w_id))");
            s.execute("CREATE INDEX district_mixed ON district (\"Mixed\")");
        }
        md = c.getMetaData();
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void shouldStoreUnquotedNamesInUpperCaseAndKeepQuotedOnes() throws SQLException {
        assertEquals(List.of(List.of("DISTRICT"), List.of("WAREHOUSE")),
                all(md.getTables(null, "PUBLIC", "%", new String[] {"TABLE"}), "TABLE_NAME"));
        assertEquals(List.of(List.of("D_W_ID", Types.INTEGER), List.of("D_ID", Types.INTEGER),
                        List.of("Mixed", Types.DOUBLE)),
                all(md.getColumns(null, null, "DISTRICT", "%"), "COLUMN_NAME", "DATA_TYPE"));
        assertEquals(List.of(List.of("W_NAME", "'main'")),
                all(md.getColumns(null, null, "WAREHOUSE", "W_NAME"), "COLUMN_NAME", "COLUMN_DEF"));
        assertTrue(md.getURL().startsWith("jdbc:persimmon:"));
        assertSame(c, md.getConnection());
    }

    @Test
    void shouldListKeysAndIndexesOfSqlTables() throws SQLException {
        assertEquals(List.of(List.of("D_ID", 2), List.of("D_W_ID", 1)),
                all(md.getPrimaryKeys(null, null, "DISTRICT"), "COLUMN_NAME", "KEY_SEQ"));
        assertEquals(List.of(List.of("DISTRICT_MIXED", "Mixed")),
                all(md.getIndexInfo(null, null, "DISTRICT", false, true), "INDEX_NAME", "COLUMN_NAME")
                        .stream().filter(r -> r.get(0).equals("DISTRICT_MIXED")).toList());
    }

    @Test
    void shouldListForeignKeysBothWays() throws SQLException {
        List<Object> expected = List.of("WAREHOUSE", "W_ID", "DISTRICT", "D_W_ID", 1, "FK_DISTRICT_W", "PK_WAREHOUSE");
        String[] labels = {"PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "FK_NAME", "PK_NAME"};
        assertEquals(List.of(expected), all(md.getImportedKeys(null, null, "DISTRICT"), labels));
        assertEquals(List.of(expected), all(md.getExportedKeys(null, null, "WAREHOUSE"), labels));
        assertEquals(List.of(expected), all(md.getCrossReference(null, null, "WAREHOUSE", null, null, "DISTRICT"), labels));
        assertEquals(List.of(), all(md.getImportedKeys(null, null, "WAREHOUSE"), labels));
        assertEquals(List.of(), all(md.getExportedKeys(null, null, "DISTRICT"), labels));
    }

    @Test
    void shouldSayWhereNullsSortAsTheyDo() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO warehouse VALUES (1, NULL), (2, 'b')");
            assertEquals(List.of(Arrays.asList((Object) null), List.of("b")),
                    all(s.executeQuery("SELECT w_name FROM warehouse ORDER BY w_name"), "W_NAME"));
            assertEquals(List.of(List.of("b"), Arrays.asList((Object) null)),
                    all(s.executeQuery("SELECT w_name FROM warehouse ORDER BY w_name DESC"), "W_NAME"));
        }
        assertTrue(md.nullsAreSortedLow(), "NULL first ascending and last descending is sorting low");
        assertFalse(md.nullsAreSortedHigh());
        assertFalse(md.nullsAreSortedAtStart());
        assertFalse(md.nullsAreSortedAtEnd());
    }

    @Test
    void shouldGiveDateAndTimeResultColumnsTheLengthOfTheirText() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE happening (d DATE, t TIME, t3 TIME(3), ts TIMESTAMP, ts3 TIMESTAMP(3), ts0 TIMESTAMP(0))");
            s.execute("INSERT INTO happening VALUES (DATE '2024-02-29', TIME '13:14:15', TIME '13:14:15.123', "
                    + "TIMESTAMP '2024-02-29 13:14:15.123', TIMESTAMP '2024-02-29 13:14:15.123', TIMESTAMP '2024-02-29 13:14:15')");
            try (ResultSet rs = s.executeQuery("SELECT * FROM happening")) {
                ResultSetMetaData rm = rs.getMetaData();
                int[] precision = {10, 8, 12, 26, 23, 19};
                int[] scale = {0, 0, 3, 6, 3, 0};
                assertTrue(rs.next());
                for (int i = 1; i <= precision.length; i++) {
                    assertEquals(precision[i - 1], rm.getPrecision(i), rm.getColumnName(i));
                    assertEquals(scale[i - 1], rm.getScale(i), rm.getColumnName(i));
                    assertEquals(precision[i - 1], rm.getColumnDisplaySize(i), rm.getColumnName(i));
                    assertTrue(rs.getString(i).length() <= rm.getColumnDisplaySize(i), rs.getString(i));
                }
            }
            assertEquals(List.of(List.of("D", 10), List.of("T", 8), List.of("T3", 12), List.of("TS", 26),
                            List.of("TS3", 23), List.of("TS0", 19)),
                    all(md.getColumns(null, null, "HAPPENING", null), "COLUMN_NAME", "COLUMN_SIZE"));
        }
    }

    @Test
    void shouldListAsKeywordsTheReservedWordsANameMustBeQuotedFor() throws SQLException {
        List<String> keywords = List.of(md.getSQLKeywords().split(","));
        assertTrue(keywords.containsAll(List.of("LIMIT", "OFFSET", "ROW", "MONDAY", "SHOW", "RANK")), keywords.toString());
        try (Statement s = c.createStatement()) {
            for (String word : List.of("monday", "show", "rank")) {
                // what a tool that quotes only listed keywords meets: unquoted, a reserved word is refused
                assertEquals("42000", assertThrows(SQLException.class,
                        () -> s.execute("CREATE TABLE k_" + word + " (" + word + " INT)")).getSQLState(), word);
                s.execute("CREATE TABLE k_" + word + " (\"" + word.toUpperCase(java.util.Locale.ROOT) + "\" INT)");
            }
        }
    }

    @Test
    void shouldRefuseCatalogQueriesOnceTheConnectionIsClosed() throws SQLException {
        assertEquals(2, all(md.getTables(null, null, "%", null), "TABLE_NAME").size());
        c.close(); // the last connection: the database closes with it
        for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                () -> md.getTables(null, null, "%", null), () -> md.getColumns(null, null, "DISTRICT", null),
                () -> md.getPrimaryKeys(null, null, "DISTRICT"), () -> md.getIndexInfo(null, null, "DISTRICT", false, true),
                () -> md.getImportedKeys(null, null, "DISTRICT"), () -> md.getExportedKeys(null, null, "WAREHOUSE"))) {
            assertEquals("08003", assertThrows(SQLException.class, call).getSQLState());
        }
    }
}
