package io.persimmon.sql.exec;

import io.persimmon.sql.SqlTestSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A value INSERT or UPDATE assigns to a column is never cut to fit (PersimmonAssignment): too
 * long a string or binary value is 22001 and too large a number 22003, each naming the table and
 * column, whatever the value's path (a literal, an expression, a multi-row VALUES, INSERT ...
 * SELECT, UPDATE, a parameter, a DEFAULT, a value of another type). Trailing spaces beyond the
 * length are cut, as the SQL standard allows; a CAST the user writes truncates, as the standard,
 * PostgreSQL and H2 have it; DECIMAL rounds half up to the column's scale, as PostgreSQL and H2.
 */
class InsertTruncationTest extends SqlTestSupport {
    @BeforeEach
    void createTables() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(3), c CHAR(3))");
        exec("CREATE TABLE b (id INT PRIMARY KEY, v VARBINARY(4))");
        exec("CREATE TABLE d (id INT PRIMARY KEY, x DECIMAL(5, 2))");
        exec("CREATE TABLE i (id INT PRIMARY KEY, sm SMALLINT)");
        exec("CREATE TABLE src (id INT PRIMARY KEY, s VARCHAR(10), n INT)");
        exec("INSERT INTO src VALUES (1, 'abcdef', 123456), (2, 'ab', 12), (3, 'xy     ', 1)");
    }

    /** Asserts that {@code action} fails with {@code state} and a message naming {@code column}. */
    private static void assertRefused(String state, String column, Executable action) {
        SQLException e = assertState(state, action);
        assertTrue(e.getMessage().contains("column " + column + " "), e::getMessage);
    }

    @Test
    void shouldRefuseTooLongStringFromInsertValuesWithExpressions() throws Exception {
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t VALUES (6 + 0, 'abcd', 'x')"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES (1, UPPER('abcd'))"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES (1, 'ab' || 'cd')"));
        assertRefused("22001", "T.C", () -> exec("INSERT INTO t (id, c) VALUES (1 + 0, 'abcd')"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES (1 + 0, 'ab  x')"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES (1, 'abcd')"));
        assertEquals(List.of(), text("SELECT * FROM t"));
    }

    @Test
    void shouldRefuseTooLongStringInMultiRowValues() throws Exception {
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES (1, 'a'), (2 + 0, 'abcd')"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES (1, UPPER('a')), (2, UPPER('abcd'))"));
        assertRefused("22001", "T.C", () -> exec("INSERT INTO t (id, c) VALUES (1 + 0, 'a'), (2, 'abcd')"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES (1, 'a'), (2, 'abcd')"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES (?, ?), (?, ?)", 1, "a", 2, "abcd"));
        assertEquals(List.of(), text("SELECT * FROM t"));
        // values that fit keep their length: the shorter rows are neither cut nor padded in a VARCHAR
        exec("INSERT INTO t (id, s, c) VALUES (1, 'a', 'a'), (2 + 0, UPPER('abc'), 'ab' || 'c'), (3, NULL, NULL)");
        assertEquals(List.of("1, a, a  ", "2, ABC, abc", "3, null, null"), text("SELECT * FROM t ORDER BY id"));
    }

    @Test
    void shouldRefuseTooLongStringFromInsertSelectAndUpdate() throws Exception {
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) SELECT id, s FROM src"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) SELECT id, UPPER(s) FROM src WHERE id = 1"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) SELECT 7, 'abcd' FROM src WHERE id = 2"));
        assertRefused("22001", "T.C", () -> exec("INSERT INTO t (id, c) SELECT id, s FROM src WHERE id = 1"));
        exec("INSERT INTO t (id, s, c) VALUES (1, 'ab', 'ab')");
        assertRefused("22001", "T.S", () -> exec("UPDATE t SET s = s || 'yz' WHERE id = 1"));
        assertRefused("22001", "T.S", () -> exec("UPDATE t SET s = UPPER('abcd') WHERE id = 1"));
        assertRefused("22001", "T.C", () -> exec("UPDATE t SET c = s || 'yz' WHERE id = 1"));
        assertRefused("22001", "T.S", () -> exec("UPDATE t SET s = (SELECT s FROM src WHERE id = 1) WHERE id = 1"));
        assertRefused("22001", "T.S", () -> exec("UPDATE t SET s = ? WHERE id = 1", "abcd"));
        exec("UPDATE t SET s = s || 'x' WHERE id = 1");
        exec("INSERT INTO t (id, s) SELECT id + 10, s FROM src WHERE id > 1");
        assertEquals(List.of("1, abx", "12, ab", "13, xy "), text("SELECT id, s FROM t ORDER BY id"));
    }

    @Test
    void shouldRefuseValueOfAnotherTypeWhoseTextIsTooLong() throws Exception {
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES (1, 12345)"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES (1 + 0, 12345)"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES (1, DATE '2020-01-01')"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES (1, TRUE)"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES ('1', 'abcd')"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) SELECT id, n FROM src WHERE id = 1"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) SELECT '1', s FROM src WHERE id = 1"));
        exec("INSERT INTO t (id, s) VALUES (1, 123)");
        exec("INSERT INTO t (id, s) VALUES ('2', 'ab')");
        assertRefused("22001", "T.S", () -> exec("UPDATE t SET s = 12345 WHERE id = 1"));
        assertRefused("22001", "T.S", () -> exec("UPDATE t SET s = (SELECT n FROM src WHERE id = 1) WHERE id = 1"));
        assertEquals(List.of("1, 123", "2, ab"), text("SELECT id, s FROM t ORDER BY id"));
    }

    @Test
    void shouldRefuseTooLongDefault() throws Exception {
        exec("CREATE TABLE df (id INT PRIMARY KEY, s VARCHAR(3) DEFAULT 'ab' || 'cd', u VARCHAR(3) DEFAULT 'ab')");
        assertRefused("22001", "DF.S", () -> exec("INSERT INTO df (id) VALUES (1)"));
        assertRefused("22001", "DF.S", () -> exec("INSERT INTO df VALUES (1, DEFAULT, 'x')"));
        exec("INSERT INTO df (id, s) VALUES (1, 'x')");
        assertEquals(List.of("1, x, ab"), text("SELECT * FROM df"));
    }

    @Test
    void shouldRefuseTooLongBinaryValue() throws Exception {
        assertRefused("22001", "B.V", () -> exec("INSERT INTO b VALUES (1, X'0102030405')"));
        assertRefused("22001", "B.V", () -> exec("INSERT INTO b VALUES (1 + 0, X'0102030405')"));
        assertRefused("22001", "B.V", () -> exec("INSERT INTO b VALUES (1, X'01' || X'02030405')"));
        assertRefused("22001", "B.V", () -> exec("INSERT INTO b VALUES (1, X'01'), (2, X'0102030405')"));
        assertRefused("22001", "B.V", () -> exec("INSERT INTO b VALUES (?, ?)", 1, new byte[] {1, 2, 3, 4, 5}));
        exec("INSERT INTO b VALUES (1, X'01020304')");
        assertRefused("22001", "B.V", () -> exec("UPDATE b SET v = v || X'05'"));
        assertRefused("22001", "B.V", () -> exec("INSERT INTO b SELECT id + 1, v || X'05' FROM b"));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) query("SELECT v FROM b").get(0).get(0));
        assertEquals(List.of("1"), text("SELECT COUNT(*) FROM b"));
    }

    @Test
    void shouldTruncateOnAnExplicitCast() throws Exception {
        exec("INSERT INTO t (id, s) VALUES (1, CAST('abcd' AS VARCHAR(3)))");
        exec("INSERT INTO t (id, s) VALUES (2 + 0, CAST('abcd' AS CHAR(3)))");
        exec("INSERT INTO t (id, s) SELECT 3, CAST(s AS VARCHAR(3)) FROM src WHERE id = 1");
        exec("UPDATE t SET c = CAST('wxyz' AS CHAR(3)) WHERE id = 1");
        exec("INSERT INTO b VALUES (1, CAST(X'0102030405' AS VARBINARY(4)))");
        assertEquals(List.of("1, abc, wxy", "2, abc, null", "3, abc, null"), text("SELECT * FROM t ORDER BY id"));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) query("SELECT v FROM b").get(0).get(0));
    }

    @Test
    void shouldCutOnlyTrailingSpacesBeyondTheLength() throws Exception {
        exec("INSERT INTO t (id, s, c) VALUES (1, 'ab    ', 'ab    ')");
        exec("INSERT INTO t (id, s, c) VALUES (2 + 0, 'ab' || '    ', UPPER('x    '))");
        exec("INSERT INTO t (id, s) SELECT id, s FROM src WHERE id = 3");
        assertEquals(List.of("1, ab , ab ", "2, ab , X  ", "3, xy , null"), text("SELECT * FROM t ORDER BY id"));
        assertRefused("22001", "T.S", () -> exec("INSERT INTO t (id, s) VALUES (4 + 0, 'ab  x')"));
    }

    @Test
    void shouldRefuseOutOfRangeNumbersNamingTheColumn() throws Exception {
        assertRefused("22003", "I.SM", () -> exec("INSERT INTO i VALUES (1, 40000)"));
        assertRefused("22003", "I.SM", () -> exec("INSERT INTO i VALUES (1, -40000)"));
        assertRefused("22003", "I.SM", () -> exec("INSERT INTO i VALUES (1, 1), (2, 70000)"));
        assertRefused("22003", "I.SM", () -> exec("INSERT INTO i VALUES (1 + 0, 40000)"));
        assertRefused("22003", "I.SM", () -> exec("INSERT INTO i VALUES (1, 30000 + 30000)"));
        assertRefused("22003", "D.X", () -> exec("INSERT INTO d VALUES (1, 1234.567)"));
        assertRefused("22003", "D.X", () -> exec("INSERT INTO d VALUES (1, 123456)"));
        assertRefused("22003", "D.X", () -> exec("INSERT INTO d VALUES (1 + 0, 1234.567)"));
        assertRefused("22003", "D.X", () -> exec("INSERT INTO d VALUES (1, 999.995)")); // rounds to 1000.00
        assertRefused("22003", "D.X", () -> exec("INSERT INTO d VALUES (1, 1e3)"));
        assertRefused("22003", "D.X", () -> exec("INSERT INTO d VALUES (1, 100 * 100)"));
        assertRefused("22003", "D.X", () -> exec("INSERT INTO d SELECT id, n FROM src WHERE id = 1"));
        assertEquals(List.of(), text("SELECT * FROM i"));
        assertEquals(List.of(), text("SELECT * FROM d"));
    }

    @Test
    void shouldRoundDecimalsHalfUpToTheColumnScale() throws Exception {
        exec("INSERT INTO d VALUES (1, 123.455), (2, -123.455), (3, 12.5e0)");
        exec("INSERT INTO d VALUES (4 + 0, 1.005 + 0)");
        exec("INSERT INTO d VALUES (?, ?)", 5, "1.005");
        exec("INSERT INTO i VALUES (1, 1.5), (2, -2.5)");
        exec("INSERT INTO d SELECT id + 10, x / 3 FROM d WHERE id = 1");
        assertEquals(List.of("1, 123.46", "2, -123.46", "3, 12.50", "4, 1.01", "5, 1.01", "11, 41.15"),
                text("SELECT * FROM d ORDER BY id"));
        assertEquals(List.of("1, 2", "2, -3"), text("SELECT * FROM i ORDER BY id"));
    }

    /** A finite number too large for REAL would become an infinity: 22003, as the engine has it for an expression. */
    @Test
    void shouldRefuseFiniteNumberTooLargeForReal() throws Exception {
        exec("CREATE TABLE r (id INT PRIMARY KEY, x REAL, y DOUBLE)");
        assertRefused("22003", "R.X", () -> exec("INSERT INTO r (id, x) VALUES (1 + 0, 1e39)"));
        assertState("22003", () -> exec("INSERT INTO r (id, x) VALUES (1, 1e39)"));
        assertState("22003", () -> exec("INSERT INTO r (id, x) VALUES (1, -1e39), (2, 1)"));
        assertState("22003", () -> exec("INSERT INTO r (id, x) VALUES (?, ?)", 1, 1e39));
        assertState("22003", () -> exec("INSERT INTO r (id, x) VALUES (?, ?)", 1, "1e39"));
        assertState("22003", () -> exec("INSERT INTO r (id, y) VALUES (?, ?)", 1, "1e400"));
        assertEquals(List.of(), text("SELECT * FROM r"));
        exec("INSERT INTO r VALUES (?, ?, ?)", 1, Double.NEGATIVE_INFINITY, "Infinity");
        exec("INSERT INTO r VALUES (2, 3.4e38, 1e308)");
        assertEquals(List.of("1, -Infinity, Infinity", "2, 3.4E38, 1.0E308"), text("SELECT * FROM r ORDER BY id"));
    }
}

