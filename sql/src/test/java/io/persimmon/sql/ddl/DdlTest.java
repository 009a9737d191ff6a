package io.persimmon.sql.ddl;

import io.persimmon.engine.db.Table;
import io.persimmon.engine.row.ColumnType;
import io.persimmon.sql.SqlTestSupport;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DdlTest extends SqlTestSupport {
    @Test
    void shouldCreateEveryColumnType() throws Exception {
        exec("CREATE TABLE alltypes (b BOOLEAN, s SMALLINT, i INT, l BIGINT, d DECIMAL(12, 2), r REAL, f FLOAT,"
                + " x DOUBLE, c CHAR(3), v VARCHAR(10), vb VARBINARY(4), dt DATE, tm TIME, ts TIMESTAMP)");
        Table t = sql.database().table("ALLTYPES");
        List<ColumnType> types = t.definition().columns().stream().map(c -> c.type()).toList();
        assertEquals("[BOOLEAN, SMALLINT, INTEGER, BIGINT, DECIMAL(12,2), REAL, DOUBLE, DOUBLE, CHAR(3), VARCHAR(10),"
                + " VARBINARY(4), DATE, TIME(0), TIMESTAMP(6)]", types.toString());
        assertTrue(t.definition().hasHiddenKey());
        exec("INSERT INTO alltypes VALUES (TRUE, 1, 2, 3, 4.555, 1.5, 2.5, 3.5, 'ab', 'vee', X'0102',"
                + " DATE '2024-02-29', TIME '13:14:15', TIMESTAMP '2024-02-29 13:14:15.123')");
        List<Object> row = query("SELECT * FROM alltypes").getFirst();
        assertEquals(List.of(true, (short) 1, 2, 3L, new BigDecimal("4.56"), 1.5f, 2.5, 3.5, "ab ", "vee"),
                row.subList(0, 10));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) row.get(10));
        assertEquals(List.of(LocalDate.of(2024, 2, 29), LocalTime.of(13, 14, 15),
                LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000)), row.subList(11, 14));
    }

    @Test
    void shouldTakeParametersOfEveryType() throws Exception {
        exec("CREATE TABLE p (id INT PRIMARY KEY, d DECIMAL(5, 1), dt DATE, ts TIMESTAMP, vb VARBINARY(4))");
        exec("INSERT INTO p VALUES (?, ?, ?, ?, ?)", 1, new BigDecimal("1.25"), LocalDate.of(1969, 12, 31),
                LocalDateTime.of(1960, 1, 1, 0, 0, 0, 5_000_000), new byte[] {9});
        List<Object> row = query("SELECT d, dt, ts, vb FROM p WHERE id = ?", 1L).getFirst();
        assertEquals(new BigDecimal("1.3"), row.get(0));
        assertEquals(LocalDate.of(1969, 12, 31), row.get(1));
        assertEquals(LocalDateTime.of(1960, 1, 1, 0, 0, 0, 5_000_000), row.get(2));
        assertArrayEquals(new byte[] {9}, (byte[]) row.get(3));
    }

    @Test
    void shouldDeclarePrimaryKeysInlineOrAsConstraint() throws Exception {
        exec("CREATE TABLE a (id INT PRIMARY KEY, v INT)");
        exec("CREATE TABLE b (x INT, y INT, v INT, PRIMARY KEY (y, x))");
        assertArrayEquals(new int[] {0}, sql.database().table("A").definition().primaryKey());
        assertArrayEquals(new int[] {1, 0}, sql.database().table("B").definition().primaryKey());
        exec("INSERT INTO b VALUES (1, 2, 3)");
        assertState("23505", () -> exec("INSERT INTO b VALUES (1, 2, 4)"));
        assertEquals(1, exec("INSERT INTO b VALUES (2, 1, 4)"));
    }

    @Test
    void shouldApplyDefaults() throws Exception {
        exec("CREATE TABLE d (id INT PRIMARY KEY, n INT DEFAULT 7 NOT NULL, s VARCHAR(5) DEFAULT 'x', z INT DEFAULT NULL)");
        exec("INSERT INTO d (id) VALUES (1)");
        exec("INSERT INTO d (id, s) VALUES (2, 'y')");
        assertEquals(List.of("1, 7, x, null", "2, 7, y, null"), text("SELECT * FROM d ORDER BY id"));
    }

    @Test
    void shouldRefuseMissingNotNullColumn() throws Exception {
        exec("CREATE TABLE d (id INT PRIMARY KEY, n INT NOT NULL)");
        assertState("23502", () -> exec("INSERT INTO d (id) VALUES (1)"));
        assertState("23502", () -> exec("INSERT INTO d VALUES (1, ?)", (Object) null));
    }

    @Test
    void shouldMakeUniqueConstraintsUniqueIndexes() throws Exception {
        exec("CREATE TABLE u (id INT PRIMARY KEY, a INT UNIQUE, b INT, c INT, CONSTRAINT uq_bc UNIQUE (b, c))");
        assertTrue(sql.database().findIndex("UQ_BC").orElseThrow().isUnique());
        assertEquals(2, sql.database().table("U").indexes().size());
        exec("INSERT INTO u VALUES (1, 1, 1, 1)");
        assertState("23505", () -> exec("INSERT INTO u VALUES (2, 1, 2, 2)"));
        assertState("23505", () -> exec("INSERT INTO u VALUES (3, 3, 1, 1)"));
        assertEquals(1, exec("INSERT INTO u VALUES (4, 4, 1, 2)"));
    }

    @Test
    void shouldDropTablesAndIndexes() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        exec("CREATE INDEX t_v ON t (v)");
        exec("CREATE UNIQUE INDEX IF NOT EXISTS t_v ON t (v)");
        assertFalse(sql.database().findIndex("T_V").orElseThrow().isUnique());
        exec("DROP INDEX t_v");
        exec("DROP INDEX IF EXISTS t_v");
        assertState("42S12", () -> exec("DROP INDEX t_v"));
        exec("DROP TABLE t");
        exec("DROP TABLE IF EXISTS t");
        assertState("42S02", () -> exec("DROP TABLE t"));
        assertState("42S02", () -> query("SELECT * FROM t"));
        exec("CREATE TABLE t (id INT PRIMARY KEY, w VARCHAR(3))");
        exec("INSERT INTO t VALUES (1, 'new')");
        assertEquals(List.of("1, new"), text("SELECT * FROM t"));
    }

    @Test
    void shouldRefuseDuplicateTableUnlessIfNotExists() throws Exception {
        exec("CREATE TABLE t (id INT)");
        exec("CREATE TABLE IF NOT EXISTS t (id INT)");
        assertState("42S01", () -> exec("CREATE TABLE t (id INT)"));
    }

    @Test
    void shouldCreateUniqueIndexOnlyOverDistinctValues() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (1, 5), (2, 5)");
        assertState("23505", () -> exec("CREATE UNIQUE INDEX t_v ON t (v)"));
    }

    @Test
    void shouldAddColumnThatOldRowsReadAsNull() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        exec("INSERT INTO t VALUES (1)");
        exec("ALTER TABLE t ADD COLUMN note VARCHAR(10)");
        exec("INSERT INTO t VALUES (2, 'two')");
        assertEquals(List.of("1, null", "2, two"), text("SELECT id, note FROM t ORDER BY id"));
        assertState("42S01", () -> exec("ALTER TABLE t ADD note INT"));
    }

    @Test
    void shouldCreateTableAsSelect() throws Exception {
        exec("CREATE TABLE src (id INT PRIMARY KEY, name VARCHAR(10), amount DECIMAL(6, 2))");
        exec("INSERT INTO src VALUES (1, 'a', 1.50), (2, 'b', 2.25), (3, 'c', 3.00)");
        assertEquals(2, exec("CREATE TABLE dst (k, label) AS SELECT id, name FROM src WHERE id > 1"));
        assertEquals(List.of("2, b", "3, c"), text("SELECT k, label FROM dst ORDER BY k"));
        exec("CREATE TABLE sums AS SELECT SUM(amount) AS total FROM src");
        assertEquals(List.of("6.75"), text("SELECT total FROM sums"));
    }

    @Test
    void shouldFoldUnquotedNamesAndAllowNonReservedWords() throws Exception {
        exec("CREATE TABLE Things (key INT PRIMARY KEY, name VARCHAR(10), type INT, status INT, \"lower\" INT)");
        exec("INSERT INTO things (KEY, Name, TYPE, status, \"lower\") VALUES (1, 'n', 2, 3, 4)");
        assertEquals(List.of("1, n, 2, 3, 4"), text("SELECT key, name, type, status, \"lower\" FROM THINGS"));
        assertState("42S22", () -> query("SELECT \"LOWER\" FROM things"));
    }
}
