package io.persimmon.engine.lock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.persimmon.engine.lock.LockTestSupport.BOUND;
import static io.persimmon.engine.lock.LockTestSupport.awaitBlocked;
import static io.persimmon.engine.lock.LockTestSupport.join;
import static io.persimmon.engine.lock.LockTestSupport.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a released lock passes on when it has waiters: it is left free for whichever thread asks
 * first, so a running requester is not kept waiting for a first waiter the scheduler has yet to
 * run; and a first waiter is overtaken at most once.
 *
 * <p>The first waiter is held "not yet running" by the manager's test hook, which runs on the
 * waiter's thread after it has queued and before it parks.
 */
class LockPassingTest {
    private final LockTestSupport support = new LockTestSupport();
    private final CountDownLatch waiterQueued = new CountDownLatch(1);
    private final CountDownLatch letWaiterRun = new CountDownLatch(1);
    private final LockManager locks = new LockManager(() -> {
        waiterQueued.countDown();
        await(letWaiterRun);
    });
    private final LockOwner t1 = new LockOwner(1);
    private final LockOwner t2 = new LockOwner(2);
    private final LockOwner t3 = new LockOwner(3);
    private final LockOwner t4 = new LockOwner(4);

    @AfterEach
    void tearDown() {
        letWaiterRun.countDown();
        support.close();
    }

    @Test
    void shouldLetARunningRequesterTakeALockWhoseFirstWaiterIsNotYetRunning() {
        LockKey a = key("a");
        CompletableFuture<LockResult> waiter = releasedWithAWaiterNotYetRunning(a);
        assertSame(LockResult.ACQUIRED, locks.acquire(t3, a, Duration.ZERO),
                "free, though t2 is queued: t3 takes it without waiting");
        assertEquals(OptionalLong.of(3), locks.holderOf(a));

        letWaiterRun.countDown();
        awaitBlocked(t2, a);
        locks.releaseAll(t3);
        assertEquals(new LockResult(LockResult.Kind.ACQUIRED_AFTER_WAIT, 1, 3), join(waiter));
        locks.releaseAll(t2);
        assertEquals(0, locks.lockedKeyCount());
    }

    @Test
    void shouldHandTheNextReleaseToAFirstWaiterThatWasOvertaken() {
        LockKey a = key("a");
        CompletableFuture<LockResult> waiter = releasedWithAWaiterNotYetRunning(a);
        assertTrue(locks.tryAcquire(t3, a), "t3 overtakes t2 once");

        locks.releaseAll(t3);                       // t2 still has not run
        assertEquals(OptionalLong.of(2), locks.holderOf(a), "handed to t2 at the release");
        assertFalse(locks.tryAcquire(t4, a), "t2 is not overtaken twice");
        letWaiterRun.countDown();
        assertEquals(new LockResult(LockResult.Kind.ACQUIRED_AFTER_WAIT, 1, 3), join(waiter));
        locks.releaseAll(t2);
        assertEquals(0, locks.lockedKeyCount());
    }

    /** t1 locks {@code key}, t2 queues for it and is held in the hook, t1 releases: the lock is free. */
    private CompletableFuture<LockResult> releasedWithAWaiterNotYetRunning(LockKey key) {
        locks.acquire(t1, key, BOUND);
        CompletableFuture<LockResult> waiter = support.acquireAsync(locks, t2, key);
        await(waiterQueued);
        locks.releaseAll(t1);
        return waiter;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(BOUND.toMillis(), TimeUnit.MILLISECONDS), "test hook timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
