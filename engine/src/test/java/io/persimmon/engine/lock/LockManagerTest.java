package io.persimmon.engine.lock;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.persimmon.engine.lock.LockTestSupport.BOUND;
import static io.persimmon.engine.lock.LockTestSupport.awaitBlocked;
import static io.persimmon.engine.lock.LockTestSupport.failure;
import static io.persimmon.engine.lock.LockTestSupport.join;
import static io.persimmon.engine.lock.LockTestSupport.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Granting, waiting, hand-over, timeouts, cancellation and release of row locks (no deadlocks here). */
class LockManagerTest {
    private final LockManager locks = new LockManager();
    private final LockTestSupport support = new LockTestSupport();
    private final LockOwner t1 = new LockOwner(1);
    private final LockOwner t2 = new LockOwner(2);
    private final LockOwner t3 = new LockOwner(3);
    private final LockOwner t4 = new LockOwner(4);

    @AfterEach
    void tearDown() {
        support.close();
    }

    @Test
    void shouldGrantReentrantAcquireWithoutCountingItTwice() {
        LockKey a = key("a");
        assertSame(LockResult.ACQUIRED, locks.acquire(t1, a, BOUND));
        assertSame(LockResult.ALREADY_HELD, locks.acquire(t1, a, BOUND));
        assertSame(LockResult.ALREADY_HELD, locks.acquire(t1, key("a"), Duration.ZERO));
        assertEquals(1, t1.lockCount());
        assertEquals(OptionalLong.of(1), locks.holderOf(a));

        assertTrue(locks.release(t1, a));
        assertFalse(locks.release(t1, a), "one release frees a lock acquired twice");
        assertEquals(0, locks.lockedKeyCount());
        assertEquals(0, locks.stats().waits());
    }

    @Test
    void shouldHandTheLockToWaitersInArrivalOrder() {
        LockKey a = key("a");
        locks.acquire(t1, a, BOUND);
        ConcurrentLinkedQueue<Long> grants = new ConcurrentLinkedQueue<>();
        CompletableFuture<LockResult> second = support.async(() -> record(grants, t2, a));
        awaitBlocked(t2, a);
        CompletableFuture<LockResult> third = support.async(() -> record(grants, t3, a));
        awaitBlocked(t3, a);
        CompletableFuture<LockResult> fourth = support.async(() -> record(grants, t4, a));
        awaitBlocked(t4, a);

        locks.releaseAll(t1);
        LockResult r2 = join(second);
        assertEquals(new LockResult(LockResult.Kind.ACQUIRED_AFTER_WAIT, 1, 1), r2);
        assertEquals(OptionalLong.of(2), locks.holderOf(a));
        assertFalse(third.isDone() || fourth.isDone(), "only the first waiter is granted");

        locks.releaseAll(t2);
        assertEquals(new LockResult(LockResult.Kind.ACQUIRED_AFTER_WAIT, 1, 2), join(third),
                "blocked by the holder it found, granted by the waiter ahead of it");
        locks.releaseAll(t3);
        assertEquals(new LockResult(LockResult.Kind.ACQUIRED_AFTER_WAIT, 1, 3), join(fourth));
        locks.releaseAll(t4);

        assertEquals(List.of(2L, 3L, 4L), List.copyOf(grants));
        assertEquals(3, locks.stats().waits());
        assertEquals(0, locks.lockedKeyCount());
    }

    private LockResult record(ConcurrentLinkedQueue<Long> grants, LockOwner owner, LockKey key) {
        LockResult result = locks.acquire(owner, key, BOUND);
        grants.add(owner.id());
        return result;
    }

    @Test
    void shouldTimeOutNamingTheKeyAndTheHolder() {
        LockKey a = LockKey.row(5, new byte[] {0x2a});
        locks.acquire(t1, a, BOUND);
        PersimmonException e = assertThrows(PersimmonException.class,
                () -> locks.acquire(t2, a, Duration.ofMillis(50)));
        assertEquals(ErrorCode.LOCK_TIMEOUT, e.code());
        assertEquals("lock timeout after 50 ms: transaction 2 waited for table 5 key 0x2a held by transaction 1",
                e.getMessage());
        assertEquals(0, t2.lockCount());
        assertEquals(1, locks.stats().timeouts());

        locks.releaseAll(t1);
        assertEquals(0, locks.lockedKeyCount(), "the timed-out waiter left the queue");
    }

    @Test
    void shouldRefuseAtOnceWhenAskedNotToWait() {
        LockKey a = key("a");
        locks.acquire(t1, a, BOUND);
        PersimmonException e = assertThrows(PersimmonException.class, () -> locks.acquire(t2, a, Duration.ZERO));
        assertEquals(ErrorCode.LOCK_TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("table 1 key 0x61 is held by transaction 1"), e.getMessage());
        assertFalse(locks.tryAcquire(t2, a));
        assertTrue(locks.tryAcquire(t2, key("b")));
        assertEquals(0, locks.stats().waits());
    }

    @Test
    void shouldCancelAWaitingOwner() {
        LockKey a = key("a");
        locks.acquire(t1, a, BOUND);
        CompletableFuture<LockResult> waiting = support.acquireAsync(locks, t2, a);
        awaitBlocked(t2, a);

        locks.cancel(t2);
        PersimmonException e = failure(waiting, ErrorCode.CANCELLED);
        assertTrue(e.getMessage().contains("transaction 2 waited for table 1 key 0x61 held by transaction 1"),
                e.getMessage());
        assertEquals(1, locks.stats().cancellations());
        assertEquals(OptionalLong.of(1), locks.holderOf(a), "the holder keeps its lock");

        // Sticky until cleared: a new wait fails at once, a grant without a wait does not.
        assertThrows(PersimmonException.class, () -> locks.acquire(t2, a, BOUND));
        assertSame(LockResult.ACQUIRED, locks.acquire(t2, key("b"), BOUND));
        t2.clearCancel();
        CompletableFuture<LockResult> again = support.acquireAsync(locks, t2, a);
        awaitBlocked(t2, a);
        locks.releaseAll(t1);
        assertTrue(join(again).waited());
        locks.releaseAll(t2);
        assertEquals(0, locks.lockedKeyCount());
    }

    @Test
    void shouldTreatAnInterruptAsCancellation() {
        LockKey a = key("a");
        locks.acquire(t1, a, BOUND);
        Thread[] waiter = new Thread[1];
        CompletableFuture<Boolean> interruptedAfter = support.async(() -> {
            waiter[0] = Thread.currentThread();
            try {
                locks.acquire(t2, a, BOUND);
                return false;
            } catch (PersimmonException e) {
                return e.code() == ErrorCode.CANCELLED && Thread.currentThread().isInterrupted();
            }
        });
        awaitBlocked(t2, a);
        waiter[0].interrupt();
        assertTrue(join(interruptedAfter), "CANCELLED, with the interrupt flag kept");
        locks.releaseAll(t1);
        assertEquals(0, locks.lockedKeyCount());
    }

    @Test
    void shouldWakeTheWaitersOfEveryKeyOnReleaseAll() {
        LockKey a = key("a");
        LockKey b = key("b");
        LockKey c = key("c");
        locks.acquire(t1, a, BOUND);
        locks.acquire(t1, b, BOUND);
        locks.acquire(t1, c, BOUND);
        CompletableFuture<LockResult> onA = support.acquireAsync(locks, t2, a);
        CompletableFuture<LockResult> onB = support.acquireAsync(locks, t3, b);
        CompletableFuture<LockResult> onC = support.acquireAsync(locks, t4, c);
        awaitBlocked(t2, a);
        awaitBlocked(t3, b);
        awaitBlocked(t4, c);

        locks.releaseAll(t1);
        for (CompletableFuture<LockResult> f : List.of(onA, onB, onC)) {
            LockResult r = join(f);
            assertEquals(1, r.blockedBy());
            assertEquals(1, r.grantedBy());
        }
        assertEquals(0, t1.lockCount());
        assertEquals(List.of(a), t2.heldKeys());
        assertEquals(3, locks.lockedKeyCount());
        locks.releaseAll(t2);
        locks.releaseAll(t3);
        locks.releaseAll(t4);
        assertEquals(0, locks.lockedKeyCount());
    }

    @Test
    void shouldReleaseOnlyTheLocksTakenAfterASavepoint() {
        LockKey a = key("a");
        LockKey b = key("b");
        LockKey c = key("c");
        locks.acquire(t1, a, BOUND);
        int savepoint = t1.lockCount();
        locks.acquire(t1, b, BOUND);
        locks.acquire(t1, a, BOUND);                // re-entrant: still belongs before the savepoint
        locks.acquire(t1, c, BOUND);

        locks.releaseSince(t1, savepoint);
        assertEquals(List.of(a), t1.heldKeys());
        assertEquals(OptionalLong.empty(), locks.holderOf(b));
        assertEquals(OptionalLong.empty(), locks.holderOf(c));
        assertEquals(1, locks.lockedKeyCount());
        assertThrows(PersimmonException.class, () -> locks.releaseSince(t1, 5));
        locks.releaseAll(t1);
        assertEquals(0, locks.lockedKeyCount());
    }

    @Test
    void shouldRemoveEntriesOnceFreeSoTheTableDoesNotGrow() {
        for (int i = 0; i < 10_000; i++) {
            locks.acquire(t1, LockKey.slot(1, i * 64L), BOUND);
            if (i % 100 == 99) {
                locks.releaseAll(t1);
                assertEquals(0, locks.lockedKeyCount());
            }
        }
    }
}
