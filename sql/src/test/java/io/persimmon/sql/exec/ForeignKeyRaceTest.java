package io.persimmon.sql.exec;

import io.persimmon.engine.db.Isolation;
import io.persimmon.sql.SqlTestSupport;
import io.persimmon.sql.api.Session;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child insert and a delete of its parent in two sessions, each order of the two: whichever
 * comes second waits for the first one's lock on the parent row and then sees its commit, so no
 * child is left without its parent. The second statement runs on its own thread; the first
 * session commits once that thread waits for the lock.
 */
class ForeignKeyRaceTest extends SqlTestSupport {
    private static final String ORPHANS = "SELECT COUNT(*) FROM child WHERE pid NOT IN (SELECT id FROM parent)";

    /** Long enough for the waiting thread to outlast a loaded machine: it waits only until the commit. */
    @Override
    protected Duration lockTimeout() {
        return Duration.ofSeconds(20);
    }

    @BeforeEach
    void createTables() throws Exception {
        exec("CREATE TABLE parent (id INT PRIMARY KEY)");
        exec("CREATE TABLE child (id INT PRIMARY KEY, pid INT REFERENCES parent)");
        exec("INSERT INTO parent VALUES (1), (2)");
    }

    /** Runs {@code statement} in {@code other} on its own thread; the SQLState it failed with, or "" . */
    private static CompletableFuture<String> onThread(Session other, String statement) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                exec(other, statement);
                return "";
            } catch (SQLException e) {
                return e.getSQLState();
            }
        });
    }

    /** Waits until some thread but this one waits (for a lock), or {@code done} ends without waiting. */
    private static void awaitLockWait(CompletableFuture<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.isDone() && System.nanoTime() < deadline) {
            boolean waiting = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("ForkJoinPool"))
                    .anyMatch(t -> t.getState() == Thread.State.TIMED_WAITING
                            && java.util.Arrays.stream(t.getStackTrace())
                                    .anyMatch(f -> f.getClassName().startsWith("io.persimmon.engine.lock")));
            if (waiting) {
                return;
            }
            Thread.sleep(5);
        }
    }

    @Test
    void shouldMakeTheParentDeleteWaitForTheChildInsert() throws Exception {
        session.setAutoCommit(false);
        exec("INSERT INTO child VALUES (10, 1)");
        try (Session other = sql.openSession()) {
            CompletableFuture<String> delete = onThread(other, "DELETE FROM parent WHERE id = 1");
            awaitLockWait(delete);
            session.commit();
            assertEquals("23503", delete.get(30, TimeUnit.SECONDS), "the delete saw the child committed meanwhile");
        }
        assertEquals(List.of("0"), text(ORPHANS));
        assertEquals(List.of("1", "2"), text("SELECT id FROM parent ORDER BY id"));
    }

    @Test
    void shouldMakeTheChildInsertWaitForTheParentDelete() throws Exception {
        session.setAutoCommit(false);
        exec("DELETE FROM parent WHERE id = 1");
        try (Session other = sql.openSession()) {
            CompletableFuture<String> insert = onThread(other, "INSERT INTO child VALUES (10, 1)");
            awaitLockWait(insert);
            session.commit();
            assertEquals("23503", insert.get(30, TimeUnit.SECONDS), "the insert found its parent deleted");
        }
        assertEquals(List.of("0"), text(ORPHANS));
        assertEquals(List.of(), text("SELECT id FROM child"));
    }

    @Test
    void shouldLetChildInsertsGoOnWhenTheParentStays() throws Exception {
        session.setAutoCommit(false);
        exec("INSERT INTO child VALUES (10, 2)");
        try (Session other = sql.openSession()) {
            CompletableFuture<String> insert = onThread(other, "INSERT INTO child VALUES (11, 2)");
            awaitLockWait(insert);
            session.commit();
            assertEquals("", insert.get(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of("10, 2", "11, 2"), text("SELECT * FROM child ORDER BY id"));
        assertTrue(text(ORPHANS).contains("0"));
    }

    @Test
    void shouldRefuseUnderRepeatableReadAParentChangedSinceTheSnapshot() throws Exception {
        exec("CREATE TABLE p2 (id INT PRIMARY KEY, name VARCHAR(5))");
        exec("CREATE TABLE c2 (id INT PRIMARY KEY, pid INT REFERENCES p2)");
        exec("INSERT INTO p2 VALUES (1, 'a')");
        session.setIsolation(Isolation.REPEATABLE_READ);
        session.setAutoCommit(false);
        assertEquals(List.of("0"), text("SELECT COUNT(*) FROM c2"));
        try (Session other = sql.openSession()) {
            exec(other, "UPDATE p2 SET name = 'b' WHERE id = 1");
        }
        assertState("40001", () -> exec("INSERT INTO c2 VALUES (1, 1)"));
        session.setAutoCommit(true);
        assertEquals(1, exec("INSERT INTO c2 VALUES (1, 1)"), "a new transaction's snapshot has the change");
    }
}
