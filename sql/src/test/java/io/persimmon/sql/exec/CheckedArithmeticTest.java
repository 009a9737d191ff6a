package io.persimmon.sql.exec;

import io.persimmon.sql.SqlTestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integer arithmetic that overflows its type is an error (22003), as in the SQL standard,
 * PostgreSQL and H2, never a value wrapped around; and the failed statement changes nothing.
 */
class CheckedArithmeticTest extends SqlTestSupport {
    @Test
    void shouldRefuseAnUpdateWhoseIntegerSumOverflowsAndKeepTheRow() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, i INT, b BIGINT, s SMALLINT)");
        exec("INSERT INTO t VALUES (1, 2147483647, 9223372036854775807, 32767)");
        exec("INSERT INTO t VALUES (2, 5, 5, 5)");
        assertOverflow(assertState("22003", () -> exec("UPDATE t SET i = i + 1")).getMessage());
        assertOverflow(assertState("22003", () -> exec("UPDATE t SET b = b + 1 WHERE id = 1")).getMessage());
        assertOverflow(assertState("22003", () -> exec("UPDATE t SET b = b * 2 WHERE id = 1")).getMessage());
        // SMALLINT arithmetic is SMALLINT (as in PostgreSQL): past 32,767 it fails, not wraps.
        assertState("22003", () -> query("SELECT s + s FROM t WHERE id = 1"));
        assertEquals(List.of(List.of((short) 10)), query("SELECT s + s FROM t WHERE id = 2"));
        assertEquals(List.of(List.of(1, 2147483647, 9223372036854775807L, (short) 32767), List.of(2, 5, 5L, (short) 5)),
                query("SELECT id, i, b, s FROM t ORDER BY id"));
    }

    @Test
    void shouldRefuseQueriesWhoseIntegerExpressionsOverflow() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, i INT, b BIGINT)");
        exec("INSERT INTO t VALUES (1, 2147483647, -9223372036854775807)");
        assertState("22003", () -> query("SELECT i + 1 FROM t"));
        assertState("22003", () -> query("SELECT i * 2 FROM t WHERE id = ?", 1));
        assertState("22003", () -> query("SELECT b - 2 FROM t"));
        assertState("22003", () -> query("SELECT -(b - 1) FROM t"));
        assertState("22003", () -> query("SELECT i + ? FROM t", 1));
        assertState("22003", () -> query("SELECT 2147483647 + 1"));
        assertState("22003", () -> query("SELECT 9223372036854775807 + 1"));
        // Within range, the same expressions give their values.
        assertEquals(List.of(List.of(2147483646, -9223372036854775806L)), query("SELECT i - 1, b + 1 FROM t"));
        assertEquals(List.of(List.of(4294967294L)), query("SELECT CAST(i AS BIGINT) * 2 FROM t"));
    }

    @Test
    void shouldRefuseAnInsertOfAnOverflowingExpression() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, i INT)");
        assertState("22003", () -> exec("INSERT INTO t VALUES (1, 2147483647 + 1)"));
        assertState("22003", () -> exec("INSERT INTO t SELECT 2, ? * 65536 FROM (VALUES (0))", 65536));
        assertEquals(List.of(List.of(0L)), query("SELECT COUNT(*) FROM t"));
    }

    private static void assertOverflow(String message) {
        assertTrue(message.toLowerCase(java.util.Locale.ROOT).contains("overflow"), message);
    }
}
