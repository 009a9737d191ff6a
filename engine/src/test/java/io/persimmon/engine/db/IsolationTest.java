package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** Snapshot reads, first updater wins, lock waits, timeouts and deadlocks, with real threads. */
class IsolationTest {
    @TempDir
    Path dir;
    Database db;
    Table t;
    ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("db.pool"), DatabaseTest.options().withLockTimeout(Duration.ofSeconds(5)));
        t = db.createTable(TableDefinition.of("T", List.of(Column.notNull("K", ColumnType.INTEGER),
                Column.nullable("V", ColumnType.INTEGER)), "K"));
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            tx.insert(t, new Object[] {1, 100});
            tx.insert(t, new Object[] {2, 200});
            tx.commit();
        }
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        db.close();
    }

    private int value(Transaction tx, int key) {
        Object[] row = tx.get(t, t.key(key));
        return row == null ? -1 : (Integer) row[1];
    }

    @Test
    void repeatableReadSeesItsSnapshotAndReadCommittedTheNewest() {
        try (Transaction rr = db.begin(Isolation.REPEATABLE_READ);
             Transaction rc = db.begin(Isolation.READ_COMMITTED)) {
            assertEquals(100, value(rr, 1));
            assertEquals(100, value(rc, 1));
            try (Transaction w = db.begin(Isolation.REPEATABLE_READ)) {
                w.update(t, t.key(1), new Object[] {1, 101});
                w.insert(t, new Object[] {3, 300});
                assertEquals(100, value(rr, 1)); // uncommitted: nobody else sees it
                assertEquals(100, value(rc, 1));
                w.commit();
            }
            assertEquals(100, value(rr, 1));
            assertEquals(-1, value(rr, 3));
            assertEquals(2, DatabaseTest.all(rr, t, false).size());
            assertEquals(101, value(rc, 1));
            assertEquals(300, value(rc, 3));
        }
    }

    @Test
    void readCommittedStatementSeesOneSnapshotUntilItEnds() {
        try (Transaction rc = db.begin(Isolation.READ_COMMITTED)) {
            Transaction.StatementSnapshot statement = rc.beginStatement();
            assertEquals(100, value(rc, 1));
            try (Transaction w = db.begin(Isolation.READ_COMMITTED)) {
                w.update(t, t.key(1), new Object[] {1, 101});
                w.insert(t, new Object[] {3, 300});
                w.commit();
            }
            assertEquals(100, value(rc, 1), "a read in the same statement sees the statement's snapshot");
            assertEquals(2, DatabaseTest.all(rc, t, false).size(), "so does a scan opened after the commit");
            statement.close();
            assertEquals(101, value(rc, 1), "the next read, outside the statement, sees the commit");
            try (Transaction.StatementSnapshot next = rc.beginStatement()) {
                assertEquals(3, DatabaseTest.all(rc, t, false).size());
            }
        }
        try (Transaction rr = db.begin(Isolation.REPEATABLE_READ)) {
            assertNull(rr.beginStatement(), "REPEATABLE READ has one snapshot already");
        }
    }

    @Test
    void scanNewestSeesCommitsAfterTheSnapshot() {
        try (Transaction rr = db.begin(Isolation.REPEATABLE_READ)) {
            rr.insert(t, new Object[] {4, 400});
            try (Transaction w = db.begin(Isolation.READ_COMMITTED)) {
                w.insert(t, new Object[] {3, 300});
                w.commit();
            }
            assertEquals(3, DatabaseTest.all(rr, t, false).size(), "the snapshot and its own insert");
            int rows = 0;
            try (RowCursor c = rr.scanNewest(t, KeyRange.ALL)) {
                while (c.next()) {
                    rows++;
                }
            }
            assertEquals(4, rows, "the newest commits and its own insert");
        }
    }

    @Test
    void firstUpdaterWinsUnderRepeatableRead() throws Exception {
        Transaction first = db.begin(Isolation.REPEATABLE_READ);
        Transaction second = db.begin(Isolation.REPEATABLE_READ);
        first.update(t, t.key(1), new Object[] {1, 1});
        CountDownLatch waiting = new CountDownLatch(1);
        Future<Object> blocked = pool.submit(() -> {
            waiting.countDown();
            return second.update(t, t.key(1), new Object[] {1, 2});
        });
        waiting.await();
        Thread.sleep(100);
        assertFalse(blocked.isDone(), "the second writer waits for the first");
        first.commit();
        Exception e = assertThrows(Exception.class, () -> blocked.get(5, TimeUnit.SECONDS));
        assertEquals(ErrorCode.SERIALIZATION_FAILURE, ((PersimmonException) e.getCause()).code());
        second.rollback();
        try (Transaction check = db.begin(Isolation.REPEATABLE_READ)) {
            assertEquals(1, value(check, 1));
        }
    }

    @Test
    void readCommittedWriterReReadsTheNewestAndGoesOn() throws Exception {
        Transaction first = db.begin(Isolation.READ_COMMITTED);
        Transaction second = db.begin(Isolation.READ_COMMITTED);
        first.update(t, t.key(1), old -> new Object[] {1, (Integer) old[1] + 1});
        Future<Boolean> blocked = pool.submit(() -> second.update(t, t.key(1), old -> new Object[] {1, (Integer) old[1] + 10}));
        Thread.sleep(100);
        assertFalse(blocked.isDone());
        first.commit();
        assertTrue(blocked.get(5, TimeUnit.SECONDS));
        second.commit();
        try (Transaction check = db.begin(Isolation.REPEATABLE_READ)) {
            assertEquals(111, value(check, 1)); // no lost update
        }
    }

    @Test
    void aWriterWhoseBlockerRollsBackGoesOn() throws Exception {
        Transaction first = db.begin(Isolation.REPEATABLE_READ);
        Transaction second = db.begin(Isolation.REPEATABLE_READ);
        first.delete(t, t.key(2));
        Future<Boolean> blocked = pool.submit(() -> second.update(t, t.key(2), new Object[] {2, 222}));
        Thread.sleep(100);
        first.rollback();
        assertTrue(blocked.get(5, TimeUnit.SECONDS));
        second.commit();
        try (Transaction check = db.begin(Isolation.REPEATABLE_READ)) {
            assertEquals(222, value(check, 2));
        }
    }

    @Test
    void lockWaitsEndAtTheTimeout() {
        Database quick = db;
        Transaction first = quick.begin(Isolation.READ_COMMITTED);
        first.update(t, t.key(1), new Object[] {1, 5});
        try (Transaction second = quick.begin(Isolation.READ_COMMITTED)) {
            long start = System.nanoTime();
            PersimmonException e = assertThrows(PersimmonException.class,
                    () -> second.update(t, t.key(1), new Object[] {1, 6}));
            assertEquals(ErrorCode.LOCK_TIMEOUT, e.code());
            assertTrue(System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(4));
        } finally {
            first.rollback();
        }
    }

    @Test
    void deadlocksFailOneVictimAndTheOtherCommits() throws Exception {
        Transaction a = db.begin(Isolation.READ_COMMITTED);
        Transaction b = db.begin(Isolation.READ_COMMITTED);
        a.update(t, t.key(1), new Object[] {1, 10});
        b.update(t, t.key(2), new Object[] {2, 20});
        CompletableFuture<Boolean> aWaits = CompletableFuture.supplyAsync(
                () -> a.update(t, t.key(2), new Object[] {2, 11}), pool);
        Thread.sleep(100);
        PersimmonException e = assertThrows(PersimmonException.class, () -> b.update(t, t.key(1), new Object[] {1, 21}));
        assertEquals(ErrorCode.DEADLOCK, e.code());
        b.rollback();
        assertTrue(aWaits.get(5, TimeUnit.SECONDS));
        a.commit();
        try (Transaction check = db.begin(Isolation.REPEATABLE_READ)) {
            assertEquals(10, value(check, 1));
            assertEquals(11, value(check, 2));
        }
    }

    @Test
    void readersNeverWaitForWriters() throws Exception {
        Transaction writer = db.begin(Isolation.REPEATABLE_READ);
        writer.update(t, t.key(1), new Object[] {1, 7});
        writer.getForUpdate(t, t.key(2));
        Future<Integer> reader = pool.submit(() -> {
            try (Transaction r = db.begin(Isolation.READ_COMMITTED)) {
                return value(r, 1) + value(r, 2);
            }
        });
        assertEquals(300, reader.get(2, TimeUnit.SECONDS));
        writer.rollback();
    }

    @Test
    void concurrentIncrementsLoseNothing() throws Exception {
        int threads = 4;
        int each = 200;
        AtomicInteger retries = new AtomicInteger();
        List<Future<?>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                for (int n = 0; n < each; n++) {
                    while (true) {
                        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                            tx.update(t, t.key(1), old -> new Object[] {1, (Integer) old[1] + 1});
                            tx.commit();
                            break;
                        } catch (PersimmonException e) {
                            if (e.code() != ErrorCode.SERIALIZATION_FAILURE) {
                                throw e;
                            }
                            retries.incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        try (Transaction check = db.begin(Isolation.REPEATABLE_READ)) {
            assertEquals(100 + threads * each, value(check, 1));
        }
        assertTrue(db.check().passed());
    }
}
