package io.persimmon.tools;

import io.persimmon.tools.dump.DumpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * dump → load → dump: a database with every column type and their edge values, foreign keys
 * (parents named after their children, a table referencing itself with rows in cycles), unique
 * constraints, indexes and a table without a primary key; loaded back by {@code load} and by the
 * shell, compared row by row and schema by schema with the original, and dumped again to the
 * same text.
 */
class DumpLoadTest {
    @TempDir
    Path dir;

    static final String[] STRINGS = {"", "plain", "it's", "''", "semi;colon", "end;", "two\nlines", "cr\r\nlf",
            "tab\there", "back\\slash", "-- not a comment", "/* nor this */", "\"quoted\"", "éàü 日本語 😀",
            "x;\n'y'", "  padded  ", "U&'\\0041'"};

    @Test
    void shouldLoadADumpIntoAnIdenticalDatabaseAndDumpItToTheSameText() throws Exception {
        Path original = dir.resolve("original.pool");
        build(original);
        Path script = dir.resolve("dump.sql");
        TestPools.Run dump = TestPools.run("dump", original.toString(), "--out", script.toString());
        assertEquals(0, dump.exit(), dump.out() + dump.err());
        assertTrue(dump.out().startsWith("dumped 9 table(s), 3 index(es), "), dump.out());

        Path copy = dir.resolve("copy.pool");
        TestPools.Run load = TestPools.run("load", copy.toString(), script.toString());
        assertEquals(0, load.exit(), load.out() + load.err());
        assertTrue(load.out().startsWith("loaded "), load.out());
        assertEquals(1, load.out().lines().count(), load.out()); // progress, if any, went to standard error

        assertSameDatabase(original, copy);
        Path again = dir.resolve("again.sql");
        assertEquals(0, TestPools.run("dump", copy.toString(), "--out", again.toString()).exit());
        assertEquals(Files.readString(script), Files.readString(again));
    }

    @Test
    void shouldLoadTheSameDumpThroughTheShell() throws Exception {
        Path original = dir.resolve("original.pool");
        build(original);
        Path script = dir.resolve("dump.sql");
        assertEquals(0, TestPools.run("dump", original.toString(), "--out", script.toString()).exit());
        Path shell = dir.resolve("shell.pool");
        TestPools.Run run = TestPools.run("shell", "jdbc:persimmon:" + shell + ";create=true", "--run=" + script);
        assertEquals(0, run.exit(), run.out() + run.err());
        assertFalse(run.out().contains("Error:") || run.err().contains("Error:"), run.out() + run.err());
        assertSameDatabase(original, shell);
    }

    @Test
    void shouldWriteTheScriptToStandardOutputWithoutAnythingElse() throws Exception {
        Path original = dir.resolve("original.pool");
        build(original);
        TestPools.Run run = TestPools.run("dump", "jdbc:persimmon:" + original);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("-- Persimmon dump: 9 table(s), 3 index(es)\n"), run.out());
        Path script = dir.resolve("dump.sql");
        TestPools.run("dump", original.toString(), "--out", script.toString());
        assertEquals(Files.readString(script), run.out());
        assertEquals("", run.err());
    }

    @Test
    void shouldRefuseAPoolThatHasTables() throws Exception {
        Path original = dir.resolve("original.pool");
        build(original);
        Path script = dir.resolve("dump.sql");
        TestPools.run("dump", original.toString(), "--out", script.toString());
        TestPools.Run run = TestPools.run("load", original.toString(), script.toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("already has 9 table(s)"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void shouldNameTheFailingStatementItsLineAndSqlState() throws Exception {
        Path script = dir.resolve("bad.sql");
        Files.writeString(script, """
                -- a script with a duplicate key in its third statement
                CREATE TABLE t (id INTEGER PRIMARY KEY, s VARCHAR(10));
                INSERT INTO t VALUES (1, 'a;b'),
                  (2, 'c');

                INSERT INTO t VALUES
                  (2, 'again');
                INSERT INTO t VALUES (3, 'never');
                """);
        Path pool = dir.resolve("bad.pool");
        TestPools.Run run = TestPools.run("load", "--quiet", pool.toString(), script.toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("statement 3 (line 6) failed: 23505"), run.err());
        assertTrue(run.err().contains("2 statement(s) before it are committed"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        try (Connection c = DriverManager.getConnection("jdbc:persimmon:" + pool);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        }
    }

    @Test
    void shouldRefuseWhatItCannotUseWithAMessage() throws Exception {
        TestPools.Run missing = TestPools.run("dump", dir.resolve("none.pool").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no pool at"), missing.err());
        TestPools.Run noScript = TestPools.run("load", dir.resolve("x.pool").toString(), dir.resolve("none.sql").toString());
        assertEquals(2, noScript.exit());
        assertTrue(noScript.err().contains("no script at"), noScript.err());
        Path open = dir.resolve("open.sql");
        Files.writeString(open, "CREATE TABLE t (id INTEGER PRIMARY KEY);\nINSERT INTO t VALUES (1), ('2);\n");
        TestPools.Run unterminated = TestPools.run("load", dir.resolve("y.pool").toString(), open.toString());
        assertEquals(1, unterminated.exit());
        assertTrue(unterminated.err().contains("ends inside a string that begins on line 2"), unterminated.err());
        TestPools.Run other = TestPools.run("dump", "jdbc:h2:mem:x");
        assertEquals(2, other.exit());
        assertTrue(other.err().contains("not a Persimmon URL"), other.err());
    }

    // ------------------------------------------------------------------ the database

    static void build(Path pool) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:persimmon:" + pool); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kinds (id INTEGER PRIMARY KEY, b BOOLEAN, s SMALLINT, i INTEGER, big BIGINT, "
                    + "d38 DECIMAL(38,0), d3810 DECIMAL(38,10), d52 DECIMAL(5,2) DEFAULT -1.50 NOT NULL, r REAL, "
                    + "f FLOAT, dbl DOUBLE, c CHAR(5), v VARCHAR(40) DEFAULT 'it''s', vb VARBINARY(8), dt DATE, "
                    + "tm TIME(3), tm0 TIME, ts TIMESTAMP(6), ts0 TIMESTAMP(0))");
            s.execute("CREATE TABLE z_parent (id INTEGER PRIMARY KEY, code CHAR(4) NOT NULL, "
                    + "CONSTRAINT parent_code UNIQUE (code))");
            s.execute("CREATE TABLE a_child (id BIGINT NOT NULL, n SMALLINT NOT NULL, parent INTEGER NOT NULL "
                    + "REFERENCES z_parent (id), code CHAR(4) CONSTRAINT by_code REFERENCES z_parent (code), "
                    + "PRIMARY KEY (id, n))");
            s.execute("CREATE TABLE m_grandchild (child BIGINT, n SMALLINT, note VARCHAR(10), "
                    + "FOREIGN KEY (child, n) REFERENCES a_child (id, n))");
            s.execute("CREATE INDEX child_by_parent ON a_child (parent, id)");
            s.execute("CREATE TABLE emp (id INTEGER PRIMARY KEY, boss INTEGER REFERENCES emp (id), name VARCHAR(10))");
            s.execute("CREATE TABLE log (happened TIMESTAMP, msg VARCHAR(20), n INTEGER)");
            s.execute("CREATE TABLE \"Quoted \"\"Name\"\"\" (\"id\" INTEGER PRIMARY KEY, \"select\" VARCHAR(5))");
            s.execute("CREATE UNIQUE INDEX \"quoted idx\" ON \"Quoted \"\"Name\"\"\" (\"select\")");
            s.execute("CREATE TABLE nothing (k VARCHAR(3) PRIMARY KEY)");
            s.execute("CREATE TABLE many (id INTEGER PRIMARY KEY, v VARCHAR(20))");
        }
        try (Connection c = DriverManager.getConnection("jdbc:persimmon:" + pool)) {
            c.setAutoCommit(false);
            kinds(c);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO z_parent VALUES (1, 'AAAA'), (2, 'BB'), (3, 'C''')");
                s.execute("INSERT INTO a_child VALUES (10, 1, 1, 'BB  '), (10, 2, 3, NULL), (-5, 1, 2, 'AAAA')");
                s.execute("INSERT INTO m_grandchild VALUES (10, 1, 'x'), (NULL, NULL, 'orphan'), (10, 1, 'x')");
                // 5 works for 9 (inserted later), 1 and 2 reference each other, 7 references itself
                s.execute("INSERT INTO emp VALUES (9, NULL, 'top'), (5, 9, 'mid'), (1, NULL, 'a'), (2, 1, 'b'), "
                        + "(7, NULL, 'self'), (3, 5, 'low')");
                s.execute("UPDATE emp SET boss = 2 WHERE id = 1");
                s.execute("UPDATE emp SET boss = 7 WHERE id = 7");
                s.execute("INSERT INTO log VALUES (TIMESTAMP '2025-01-01 00:00:00.001', 'twice', 1), "
                        + "(TIMESTAMP '2025-01-01 00:00:00.001', 'twice', 1), (NULL, NULL, NULL), (NULL, 'z', -1)");
                s.execute("INSERT INTO \"Quoted \"\"Name\"\"\" VALUES (1, 'a\"b'), (2, NULL)");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO many VALUES (?, ?)")) {
                for (int i = 0; i < 450; i++) {
                    p.setInt(1, i * 7 % 450);
                    p.setString(2, STRINGS[i % STRINGS.length] + i);
                    p.addBatch();
                }
                p.executeBatch();
            }
            c.commit();
        }
    }

    private static void kinds(Connection c) throws SQLException {
        Object[][] rows = {
                {1, true, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE, new BigDecimal("-" + "9".repeat(38)),
                        new BigDecimal("-" + "9".repeat(28) + "." + "9".repeat(10)), new BigDecimal("-999.99"),
                        -Float.MAX_VALUE, -Double.MAX_VALUE, -Double.MIN_VALUE, "", "", new byte[0],
                        LocalDate.of(1, 1, 1), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                        LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(1970, 1, 1, 0, 0)},
                {2, false, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, new BigDecimal("9".repeat(38)),
                        new BigDecimal("0.0000000001"), new BigDecimal("999.99"), Float.MAX_VALUE, Double.MAX_VALUE,
                        Double.MIN_VALUE, "abcde", "x".repeat(40), new byte[] {0, -1, 127, -128, 1, 2, 3, 4},
                        LocalDate.of(9999, 12, 31), LocalTime.of(23, 59, 59, 999_000_000), LocalTime.of(23, 59, 59),
                        LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000), LocalDateTime.of(2025, 6, 1, 10, 11, 12)},
                {3, null, (short) 0, 0, 0L, BigDecimal.ZERO, new BigDecimal("-0.5000000000"), new BigDecimal("0.10"),
                        0.1f, 0.1, 1.0 / 3, "a", "it's; \"x\"", new byte[] {(byte) 0xAB},
                        LocalDate.of(2024, 2, 29), LocalTime.of(12, 0, 0, 5_000_000), null,
                        LocalDateTime.of(2024, 2, 29, 12, 30, 0, 120_000_000), null},
                {4, null, null, null, null, null, null, new BigDecimal("-1.50"), Float.MIN_VALUE, Double.MIN_NORMAL,
                        Math.PI, "' ;'", "line\nbreak; and 'quote'", null, null, null, null, null, null},
                {5, true, (short) -1, -1, -1L, new BigDecimal("-1"), new BigDecimal("-12.3400000000"),
                        new BigDecimal("-0.01"), Float.NaN, Double.NaN, Double.POSITIVE_INFINITY, "é日", "éàü 日本語 😀",
                        new byte[] {10, 13}, LocalDate.of(2000, 1, 1), LocalTime.of(1, 2, 3), LocalTime.of(1, 2, 3),
                        LocalDateTime.of(2000, 1, 1, 1, 2, 3, 4_000_000), LocalDateTime.of(2000, 1, 1, 1, 2, 3)},
                {6, false, (short) 1, 1, 1L, new BigDecimal("1"), new BigDecimal("1E-10").setScale(10),
                        new BigDecimal("5.00"), Float.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, "\t", "\r\n\\",
                        new byte[] {}, LocalDate.of(1969, 12, 31), LocalTime.of(0, 0, 0, 1_000_000), null,
                        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000), null},
                {7, null, null, null, null, null, null, new BigDecimal("0.00"), 16777217f, 9007199254740993.0,
                        1e-300, null, null, null, null, null, null, null, null},
        };
        try (PreparedStatement p = c.prepareStatement("INSERT INTO kinds VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] == null) {
                        p.setNull(i + 1, java.sql.Types.NULL);
                    } else {
                        p.setObject(i + 1, row[i]);
                    }
                }
                p.executeUpdate();
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO kinds (id) VALUES (8)"); // every default
        }
    }

    // ------------------------------------------------------------------ comparing

    static void assertSameDatabase(Path expected, Path actual) throws SQLException {
        try (Connection a = DriverManager.getConnection("jdbc:persimmon:" + expected + ";create=false");
             Connection b = DriverManager.getConnection("jdbc:persimmon:" + actual + ";create=false")) {
            DumpSchema sa = DumpSchema.read(a);
            DumpSchema sb = DumpSchema.read(b);
            assertEquals(sa, sb);
            for (DumpSchema.Table t : sa.tables()) {
                assertEquals(rows(a, t), rows(b, t), "rows of " + t.name());
            }
            assertEquals(8, rows(a, sa.tables().stream().filter(t -> t.name().equals("KINDS")).findFirst().orElseThrow()).size());
        }
    }

    /** Every row of the table, each value read exactly (floats as their bits, decimals with their scale). */
    static List<String> rows(Connection c, DumpSchema.Table t) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \""
                + t.name().replace("\"", "\"\"") + "\"")) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= t.columns().size(); i++) {
                    row.add(exact(rs, i, t.columns().get(i - 1).baseType()));
                }
                rows.add(row.toString());
            }
        }
        if (t.primaryKey().isEmpty()) {
            rows.sort(null); // no key, so no order to compare: compare the multiset
        }
        return rows;
    }

    private static String exact(ResultSet rs, int i, String type) throws SQLException {
        Object v = switch (type) {
            case "TIME" -> rs.getObject(i, LocalTime.class);
            case "TIMESTAMP" -> rs.getObject(i, LocalDateTime.class);
            case "DATE" -> rs.getObject(i, LocalDate.class);
            default -> rs.getObject(i);
        };
        return switch (v) {
            case null -> "null";
            case Float f -> "float:" + Integer.toHexString(Float.floatToRawIntBits(f));
            case Double d -> "double:" + Long.toHexString(Double.doubleToRawLongBits(d));
            case BigDecimal d -> "decimal:" + d.unscaledValue() + "e-" + d.scale();
            case byte[] bytes -> "bytes:" + Arrays.toString(bytes);
            default -> v.getClass().getSimpleName() + ":" + v;
        };
    }

}
