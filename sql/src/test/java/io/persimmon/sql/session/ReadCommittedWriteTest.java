package io.persimmon.sql.session;

import io.persimmon.engine.db.Isolation;
import io.persimmon.sql.SqlTestSupport;
import io.persimmon.sql.api.Session;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Write consistency under READ COMMITTED: an UPDATE or DELETE that waited for a row another
 * transaction changed restarts on the newest rows instead of writing values computed from its
 * stale snapshot (no lost update), and re-evaluates its WHERE.
 */
class ReadCommittedWriteTest extends SqlTestSupport {
    @Test
    void shouldNotLoseAnUpdateCommittedWhileTheStatementWaited() throws Exception {
        exec("CREATE TABLE t (k INT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (1, 0)");
        try (Session other = sql.openSession()) {
            session.setAutoCommit(false);
            other.setAutoCommit(false);
            assertEquals(1, exec("UPDATE t SET v = v + 1 WHERE k = 1"));
            Blocked second = new Blocked(() -> exec(other, "UPDATE t SET v = v + 10 WHERE k = 1"));
            session.commit();
            assertEquals(1, second.result());
            other.commit();
        }
        assertEquals(List.of("11"), text("SELECT v FROM t"));
    }

    @Test
    void shouldCountEveryRowOnceWhenAnAutocommitStatementRestarts() throws Exception {
        exec("CREATE TABLE t (k INT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (1, 0), (2, 0), (3, 0)");
        try (Session other = sql.openSession()) {
            session.setAutoCommit(false);
            exec("UPDATE t SET v = v + 1 WHERE k = 2");
            Blocked all = new Blocked(() -> exec(other, "UPDATE t SET v = v + 10"));
            session.commit();
            assertEquals(3, all.result());
        }
        assertEquals(List.of("1, 10", "2, 11", "3, 10"), text("SELECT k, v FROM t ORDER BY k"));
    }

    @Test
    void shouldReevaluateTheWhereOnTheNewestRows() throws Exception {
        exec("CREATE TABLE t (k INT PRIMARY KEY, v INT, status VARCHAR(10))");
        exec("INSERT INTO t VALUES (1, 0, 'open'), (2, 0, 'closed')");
        try (Session other = sql.openSession()) {
            session.setAutoCommit(false);
            other.setAutoCommit(false);
            exec("UPDATE t SET status = 'closed' WHERE k = 1");
            exec("UPDATE t SET status = 'open' WHERE k = 2");
            Blocked second = new Blocked(() -> exec(other, "UPDATE t SET v = v + 10 WHERE status = 'open'"));
            session.commit();
            assertEquals(1, second.result());
            other.commit();
        }
        assertEquals(List.of("1, 0, closed", "2, 10, open"), text("SELECT k, v, status FROM t ORDER BY k"));
    }

    @Test
    void shouldNotDeleteARowThatNoLongerMatches() throws Exception {
        exec("CREATE TABLE t (k INT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (1, 0), (2, 0), (3, 5)");
        try (Session other = sql.openSession()) {
            session.setAutoCommit(false);
            other.setAutoCommit(false);
            exec("UPDATE t SET v = 5 WHERE k = 1");
            exec("UPDATE t SET v = 0 WHERE k = 3");
            Blocked delete = new Blocked(() -> exec(other, "DELETE FROM t WHERE v = 0"));
            session.commit();
            assertEquals(2, delete.result());
            other.commit();
        }
        assertEquals(List.of("1, 5"), text("SELECT k, v FROM t ORDER BY k"));
    }

    @Test
    void shouldNotLoseAnUpdateWhenTheStatementChangesThePrimaryKey() throws Exception {
        exec("CREATE TABLE t (k INT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (1, 0), (2, 0)");
        try (Session other = sql.openSession()) {
            session.setAutoCommit(false);
            exec("UPDATE t SET v = v + 1 WHERE k = 1");
            Blocked second = new Blocked(() -> exec(other, "UPDATE t SET k = k + 100, v = v + 10"));
            session.commit();
            assertEquals(2, second.result());
        }
        assertEquals(List.of("101, 11", "102, 10"), text("SELECT k, v FROM t ORDER BY k"));
    }

    @Test
    void shouldNotLoseAnUpdateOfATableWithoutPrimaryKey() throws Exception {
        exec("CREATE TABLE t (k INT, v INT)");
        exec("INSERT INTO t VALUES (1, 0)");
        try (Session other = sql.openSession()) {
            session.setAutoCommit(false);
            exec("UPDATE t SET v = v + 1 WHERE k = 1");
            Blocked second = new Blocked(() -> exec(other, "UPDATE t SET v = v + 10 WHERE k = 1"));
            session.commit();
            assertEquals(1, second.result());
        }
        assertEquals(List.of("1, 11"), text("SELECT k, v FROM t"));
    }

    @Test
    void shouldStillFailWithSerializationFailureUnderRepeatableRead() throws Exception {
        exec("CREATE TABLE t (k INT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (1, 0)");
        try (Session other = sql.openSession()) {
            session.setAutoCommit(false);
            other.setIsolation(Isolation.REPEATABLE_READ);
            other.setAutoCommit(false);
            exec("UPDATE t SET v = v + 1 WHERE k = 1");
            Blocked second = new Blocked(() -> exec(other, "UPDATE t SET v = v + 10 WHERE k = 1"));
            session.commit();
            ExecutionException e = assertThrows(ExecutionException.class, second::result);
            assertEquals("40001", assertInstanceOf(SQLException.class, e.getCause()).getSQLState());
            other.rollback();
        }
        assertEquals(List.of("1"), text("SELECT v FROM t"));
    }

    @Test
    void shouldNotRestartWhenTheRowIsUnchanged() throws Exception {
        exec("CREATE TABLE t (k INT PRIMARY KEY, b BOOLEAN, s SMALLINT, l BIGINT, d DECIMAL(10, 2), r REAL,"
                + " f DOUBLE, c CHAR(5), vc VARCHAR(10), vb VARBINARY(4), dt DATE, tm TIME, ts TIMESTAMP, n INT)");
        exec("INSERT INTO t VALUES (1, TRUE, 2, 3, 4.5, 0.1, 0.1, 'ab', 'cd', X'0102', DATE '2020-02-03',"
                + " TIME '04:05:06', TIMESTAMP '2020-02-03 04:05:06.789', NULL)");
        // a row whose stored values read back differently would restart every time and end in 40001
        assertEquals(1, exec("UPDATE t SET n = 1 WHERE b AND s = 2 AND l = 3 AND d = 4.5 AND c = 'ab'"
                + " AND vc = 'cd' AND dt = DATE '2020-02-03' AND tm = TIME '04:05:06'"
                + " AND ts = TIMESTAMP '2020-02-03 04:05:06.789' AND n IS NULL"));
        assertEquals(1, exec("UPDATE t SET n = n + 1, d = d * 2, ts = ts + INTERVAL '1' SECOND"));
        assertEquals(1, exec("DELETE FROM t WHERE n = 2"));
        assertEquals(List.of(), text("SELECT * FROM t"));
    }

    @Test
    void shouldNotLoseIncrementsOfConcurrentAutocommitUpdates() throws Exception {
        exec("CREATE TABLE t (k INT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (1, 0)");
        int threads = 4;
        int increments = 200;
        List<FutureTask<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            FutureTask<Void> task = new FutureTask<>(() -> {
                try (Session s = sql.openSession()) {
                    for (int n = 0; n < increments; n++) {
                        assertEquals(1, exec(s, "UPDATE t SET v = v + 1 WHERE k = 1"));
                    }
                }
                return null;
            });
            tasks.add(task);
            new Thread(task, "rc-increment-" + i).start();
        }
        for (FutureTask<Void> task : tasks) {
            task.get(60, TimeUnit.SECONDS);
        }
        assertEquals(List.of(String.valueOf(threads * increments)), text("SELECT v FROM t"));
    }

    /** A statement run on its own thread, returned once it waits for a row lock. */
    private static final class Blocked {
        private final FutureTask<Long> task;

        Blocked(Callable<Long> statement) throws Exception {
            task = new FutureTask<>(statement);
            Thread thread = new Thread(task, "rc-blocked-writer");
            thread.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!waitsForLock(thread)) {
                if (task.isDone()) {
                    task.get();
                    fail("the statement did not wait for the row lock");
                }
                if (System.nanoTime() > deadline) {
                    fail("the statement never waited for the row lock");
                }
                Thread.sleep(1);
            }
        }

        private static boolean waitsForLock(Thread thread) {
            if (thread.getState() != Thread.State.TIMED_WAITING) {
                return false;
            }
            for (StackTraceElement frame : thread.getStackTrace()) {
                if (frame.getClassName().equals("io.persimmon.engine.lock.LockManager")) {
                    return true;
                }
            }
            return false;
        }

        long result() throws Exception {
            return task.get(10, TimeUnit.SECONDS);
        }
    }
}
