package io.persimmon.sql.exec;

import io.persimmon.sql.SqlTestSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parameters bound to CHAR(n), VARCHAR(n) and VARBINARY(n) columns: a value longer than n is
 * refused on INSERT and UPDATE (22001) as a literal is, except for trailing spaces, which are
 * cut; compared with a CHAR(n) column a value matches with PAD SPACE semantics, as in H2.
 */
class LengthParameterTest extends SqlTestSupport {
    @BeforeEach
    void createTable() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, c CHAR(3), v VARCHAR(3), b VARBINARY(2))");
        exec("INSERT INTO t VALUES (1, 'ab', 'ab', X'01'), (2, 'abc', 'abc', X'0102')");
    }

    @Test
    void shouldRefuseTooLongCharParameterOnInsertAndUpdate() throws Exception {
        assertState("22001", () -> exec("INSERT INTO t (id, c) VALUES (?, ?)", 3, "abcd"));
        assertState("22001", () -> exec("INSERT INTO t VALUES (?, ?, ?, ?)", 3, "abcd", "a", null));
        assertState("22001", () -> exec("UPDATE t SET c = ? WHERE id = 1", "abcd"));
        assertState("22001", () -> exec("INSERT INTO t (id, c) VALUES (3, 'abcd')"));
        assertEquals(List.of("1, ab ", "2, abc"), text("SELECT id, c FROM t ORDER BY id"));
    }

    @Test
    void shouldCutTrailingSpacesBeyondTheLength() throws Exception {
        exec("INSERT INTO t (id, c, v) VALUES (?, ?, ?)", 3, "xy    ", "xyz   ");
        exec("UPDATE t SET c = ? WHERE id = ?", "z     ", 1);
        assertEquals(List.of("1, z  , ab", "3, xy , xyz"), text("SELECT id, c, v FROM t WHERE id <> 2 ORDER BY id"));
    }

    @Test
    void shouldRefuseTooLongVarcharAndVarbinaryParameters() throws Exception {
        assertState("22001", () -> exec("INSERT INTO t (id, v) VALUES (?, ?)", 3, "abcd"));
        assertState("22001", () -> exec("UPDATE t SET v = ? WHERE id = 1", "abcd"));
        assertState("22001", () -> exec("INSERT INTO t (id, b) VALUES (?, ?)", 3, new byte[] {1, 2, 3}));
        assertState("22001", () -> exec("UPDATE t SET b = ? WHERE id = 1", (Object) new byte[] {1, 2, 3}));
    }

    @Test
    void shouldCompareCharParametersWithPadSpaceSemantics() throws Exception {
        assertEquals(List.of("1"), text("SELECT id FROM t WHERE c = ?", "ab"));
        assertEquals(List.of("1"), text("SELECT id FROM t WHERE c = ?", "ab "));
        assertEquals(List.of("1"), text("SELECT id FROM t WHERE c = ?", "ab    "));
        assertEquals(List.of("2"), text("SELECT id FROM t WHERE c = ?", "abc"));
        assertEquals(List.of(), text("SELECT id FROM t WHERE c = ?", "abcd"));
        assertEquals(List.of(), text("SELECT id FROM t WHERE c = ?", "abcX"));
        assertEquals(List.of("1"), text("SELECT id FROM t WHERE c = 'ab'"));
        assertEquals(List.of(), text("SELECT id FROM t WHERE c = 'abcd'"));
        assertEquals(List.of("2"), text("SELECT id FROM t WHERE c <> ?", "ab"));
        assertEquals(List.of("1"), text("SELECT id FROM t WHERE c IN (?, ?)", "ab", "abcd"));
    }

    @Test
    void shouldLookUpCharKeysByPaddedParameter() throws Exception {
        exec("CREATE TABLE k (c CHAR(3) PRIMARY KEY, n INT)");
        exec("INSERT INTO k VALUES ('ab', 1), ('abc', 2)");
        assertTrue(plan("SELECT n FROM k WHERE c = ?").contains("access=[PRIMARY KEY = [?0]]"));
        assertEquals(List.of("1"), text("SELECT n FROM k WHERE c = ?", "ab"));
        assertEquals(List.of("1"), text("SELECT n FROM k WHERE c = ?", "ab  "));
        assertEquals(List.of(), text("SELECT n FROM k WHERE c = ?", "abcd"));
        assertEquals(List.of("2"), text("SELECT n FROM k WHERE c BETWEEN ? AND ?", "abc", "abcd"));
    }

    @Test
    void shouldCompareVarcharParametersExactly() throws Exception {
        assertEquals(List.of("2"), text("SELECT id FROM t WHERE v = ?", "abc"));
        assertEquals(List.of(), text("SELECT id FROM t WHERE v = ?", "abcd"));
        assertEquals(List.of(), text("SELECT id FROM t WHERE b = ?", (Object) new byte[] {1, 2, 3}));
    }
}
