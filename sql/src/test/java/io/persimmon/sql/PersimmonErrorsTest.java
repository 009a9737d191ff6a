package io.persimmon.sql;

import io.persimmon.sql.api.PreparedSql;
import io.persimmon.sql.api.Session;
import io.persimmon.sql.api.SqlResult;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersimmonErrorsTest extends SqlTestSupport {
    @Test
    void shouldReportSyntaxAndUnknownNames() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        assertState("42000", () -> query("SELEKT * FROM t"));
        SQLException table = assertState("42S02", () -> query("SELECT * FROM nowhere"));
        assertTrue(table.getMessage().contains("NOWHERE"), table.getMessage());
        SQLException column = assertState("42S22", () -> query("SELECT nothing FROM t"));
        assertTrue(column.getMessage().contains("NOTHING"), column.getMessage());
        assertState("42S02", () -> exec("INSERT INTO nowhere VALUES (1)"));
        assertState("42S22", () -> exec("UPDATE t SET nothing = 1"));
        assertState("42000", () -> query("SELECT * FROM t WHERE v = 'a' AND"));
    }

    @Test
    void shouldReportConstraintViolations() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(3) NOT NULL, n SMALLINT)");
        exec("INSERT INTO t VALUES (1, 'a', 1)");
        assertState("23505", () -> exec("INSERT INTO t VALUES (1, 'b', 1)"));
        assertState("23502", () -> exec("UPDATE t SET s = NULL"));
        assertState("22001", () -> exec("UPDATE t SET s = 'abcd'"));
        assertState("22001", () -> exec("INSERT INTO t VALUES (2, ?, 1)", "abcd"));
        assertState("22003", () -> exec("UPDATE t SET n = 40000"));
        assertState("22003", () -> exec("UPDATE t SET n = ?", 40000));
        assertState("22012", () -> query("SELECT id / 0 FROM t"));
        assertEquals(List.of("1, a, 1"), text("SELECT * FROM t"));
    }

    @Test
    void shouldReportBadValuesOfFunctionsAsDataErrorsWhetherLiteralOrStored() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(30), n INT)");
        exec("INSERT INTO t VALUES (1, '2024-02-29T13:14:15', 0), (2, 'abc', 1)");
        // over literals, Calcite evaluates these when the generated class initialises
        assertState("22007", () -> query("SELECT CAST('2024-02-29T13:14:15' AS TIMESTAMP)"));
        assertState("22007", () -> query("SELECT CAST('x' AS DATE)"));
        assertState("22007", () -> query("SELECT CAST(s AS DATE) FROM t WHERE id = 1"));
        assertState("22018", () -> query("SELECT CAST('abc' AS BOOLEAN)"));
        assertState("22018", () -> query("SELECT CAST(s AS BOOLEAN) FROM t WHERE id = 2"));
        assertState("22011", () -> query("SELECT SUBSTRING('abc' FROM 2 FOR -1)"));
        assertState("22023", () -> query("SELECT LN(0)"));
        assertState("22023", () -> query("SELECT LN(n) FROM t WHERE id = 1"));
        SQLException many = assertState("21000", () -> query("SELECT (SELECT id FROM t)"));
        assertTrue(many.getMessage().contains("more than one row"), many.getMessage());
    }

    @Test
    void shouldRefuseAnInsertOfMoreValuesThanColumnsWith42000() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT DEFAULT 7)");
        for (String insert : List.of("INSERT INTO t VALUES (1, 2, 3)", "INSERT INTO t VALUES (1, 2, 3), (4, 5, 6)",
                "INSERT INTO t SELECT 1, 2, 3")) {
            SQLException e = assertState("42000", () -> exec(insert)); // was XX000, an IndexOutOfBoundsException
            assertTrue(e.getMessage().contains("more values than the table has columns"), e.getMessage());
        }
        exec("INSERT INTO t VALUES (1)"); // fewer values than columns: the rest take their DEFAULT
        assertEquals(List.of("1, 7"), text("SELECT * FROM t"));
    }

    @Test
    void shouldReportUnsupportedStatements() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        assertState("0A000", () -> exec("ALTER TABLE t ADD COLUMN c INT PRIMARY KEY"));
        assertState("0A000", () -> exec("CALL foo()"));
        SQLException recursive = assertState("0A000", () -> query(
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT SUM(n) FROM r"));
        assertTrue(recursive.getMessage().length() < 400 && recursive.getMessage().contains("Missing conversion"),
                recursive.getMessage()); // not the planner's whole search space
    }

    @Test
    void shouldTellSerializationFailureFromDeadlock() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (1, 0), (2, 0)");
        try (Session a = sql.openSession(); Session b = sql.openSession()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            exec(a, "UPDATE t SET v = 1 WHERE id = 1");
            exec(b, "UPDATE t SET v = 1 WHERE id = 2");
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<SQLException> first = CompletableFuture.supplyAsync(() -> {
                started.countDown();
                try {
                    exec(a, "UPDATE t SET v = 2 WHERE id = 2");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            started.await();
            Thread.sleep(100);
            SQLException second = null;
            try {
                exec(b, "UPDATE t SET v = 2 WHERE id = 1");
            } catch (SQLException e) {
                second = e;
                b.rollback();
            }
            SQLException firstError = first.get(10, TimeUnit.SECONDS);
            SQLException victim = second != null ? second : firstError;
            assertEquals("40001", victim.getSQLState(), victim.getMessage());
            assertTrue(victim.getMessage().toLowerCase().contains("deadlock"), victim.getMessage());
            a.rollback();
            b.rollback();
        }
        session.setIsolation(io.persimmon.engine.db.Isolation.REPEATABLE_READ);
        session.setAutoCommit(false);
        query("SELECT * FROM t");
        exec("UPDATE t SET v = 9 WHERE id = 2", new Object[0]);
        try (Session other = sql.openSession()) {
            exec(other, "UPDATE t SET v = 5 WHERE id = 1");
        }
        SQLException e = assertState("40001", () -> exec("UPDATE t SET v = 6 WHERE id = 1"));
        assertTrue(e.getMessage().contains("serialize"), e.getMessage());
        session.rollback();
        assertEquals(List.of("1, 5", "2, 0"), text("SELECT * FROM t ORDER BY id"));
    }

    @Test
    void shouldCancelOnTimeout() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            values.append(i == 0 ? "" : ", ").append('(').append(i).append(')');
        }
        exec("INSERT INTO t VALUES " + values);
        try (PreparedSql p = session.prepare("SELECT COUNT(*) FROM t a, t b, t c WHERE a.id + b.id + c.id < 0")) {
            SQLException e = assertState("57014", () -> {
                try (SqlResult r = p.execute(List.of(), 0, 50)) {
                    r.next();
                }
            });
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        }
    }
}
