package io.persimmon.engine.lock;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static io.persimmon.engine.lock.LockTestSupport.BOUND;
import static io.persimmon.engine.lock.LockTestSupport.awaitBlocked;
import static io.persimmon.engine.lock.LockTestSupport.failedWith;
import static io.persimmon.engine.lock.LockTestSupport.join;
import static io.persimmon.engine.lock.LockTestSupport.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deadlock detection: every cycle of waits gets exactly one DEADLOCK victim (the requester that
 * closes it), the others proceed once the victim releases, and a chain that is not a cycle waits.
 */
class DeadlockTest {
    private final LockManager locks = new LockManager();
    private final LockTestSupport support = new LockTestSupport();
    private final LockOwner t1 = new LockOwner(1);
    private final LockOwner t2 = new LockOwner(2);
    private final LockOwner t3 = new LockOwner(3);

    @AfterEach
    void tearDown() {
        support.close();
    }

    @Test
    void shouldChooseTheRequesterClosingATwoCycleAsTheOnlyVictim() {
        LockKey a = key("a");
        LockKey b = key("b");
        locks.acquire(t1, a, BOUND);
        locks.acquire(t2, b, BOUND);
        CompletableFuture<LockResult> first = support.acquireAsync(locks, t1, b);
        awaitBlocked(t1, b);

        PersimmonException e = assertThrows(PersimmonException.class, () -> locks.acquire(t2, a, BOUND));
        assertEquals(ErrorCode.DEADLOCK, e.code());
        assertEquals("deadlock: transaction 2 waits for table 1 key 0x61 held by transaction 1, "
                + "transaction 1 waits for table 1 key 0x62 held by transaction 2; "
                + "transaction 2 was chosen as deadlock victim and may retry", e.getMessage());
        assertFalse(first.isDone(), "the other member keeps waiting for the victim to roll back");
        assertEquals(List.of(b), t2.heldKeys(), "the victim keeps its locks until it rolls back");

        locks.releaseAll(t2);
        LockResult granted = join(first);
        assertEquals(new LockResult(LockResult.Kind.ACQUIRED_AFTER_WAIT, 2, 2), granted);
        locks.releaseAll(t1);
        assertEquals(1, locks.stats().deadlocks());
        assertEquals(0, locks.lockedKeyCount());
    }

    @Test
    void shouldChooseExactlyOneVictimInAThreeCycle() {
        LockKey a = key("a");
        LockKey b = key("b");
        LockKey c = key("c");
        locks.acquire(t1, a, BOUND);
        locks.acquire(t2, b, BOUND);
        locks.acquire(t3, c, BOUND);
        CompletableFuture<LockResult> one = support.acquireAsync(locks, t1, b);
        awaitBlocked(t1, b);
        CompletableFuture<LockResult> two = support.acquireAsync(locks, t2, c);
        awaitBlocked(t2, c);

        PersimmonException e = assertThrows(PersimmonException.class, () -> locks.acquire(t3, a, BOUND));
        assertEquals(ErrorCode.DEADLOCK, e.code());
        for (String member : List.of("transaction 1", "transaction 2", "transaction 3")) {
            assertTrue(e.getMessage().contains(member + " waits for"), e.getMessage());
        }
        assertTrue(e.getMessage().endsWith("transaction 3 was chosen as deadlock victim and may retry"),
                e.getMessage());
        assertFalse(one.isDone() || two.isDone());

        locks.releaseAll(t3);                       // the victim rolls back: t2 gets c, then t1 gets b
        assertEquals(3, join(two).blockedBy());
        locks.releaseAll(t2);
        assertEquals(2, join(one).grantedBy());
        locks.releaseAll(t1);
        assertEquals(1, locks.stats().deadlocks());
        assertEquals(0, locks.lockedKeyCount());
    }

    @Test
    void shouldNotReportADeadlockForAChainThatIsNotACycle() {
        LockKey a = key("a");
        LockKey b = key("b");
        locks.acquire(t1, a, BOUND);
        locks.acquire(t2, b, BOUND);
        CompletableFuture<LockResult> second = support.acquireAsync(locks, t2, a);   // t2 -> t1
        awaitBlocked(t2, a);
        CompletableFuture<LockResult> third = support.acquireAsync(locks, t3, b);    // t3 -> t2 -> t1
        awaitBlocked(t3, b);
        LockOwner t4 = new LockOwner(4);
        CompletableFuture<LockResult> fourth = support.acquireAsync(locks, t4, a);  // behind t2: still no cycle
        awaitBlocked(t4, a);

        locks.releaseAll(t1);
        assertEquals(1, join(second).grantedBy());
        locks.releaseAll(t2);
        assertEquals(2, join(third).grantedBy());
        assertEquals(new LockResult(LockResult.Kind.ACQUIRED_AFTER_WAIT, 1, 2), join(fourth));
        locks.releaseAll(t3);
        locks.releaseAll(t4);
        assertEquals(0, locks.stats().deadlocks());
        assertEquals(0, locks.lockedKeyCount());
    }

    @Test
    void shouldChooseOneVictimWhenBothMembersRequestAtOnce() throws Exception {
        crossRounds(locks, 200);
    }

    @Test
    void shouldChooseOneVictimWhenBothMembersQueuedBeforeEitherChecks() throws Exception {
        // Both requests are queued, so both edges of the cycle exist, before either walks the graph.
        CyclicBarrier bothQueued = new CyclicBarrier(2);
        LockManager hooked = new LockManager(() -> await(bothQueued));
        crossRounds(hooked, 50);
    }

    /** Rounds in which t1 and t2 each hold one key and then request the other's at the same time. */
    private void crossRounds(LockManager locks, int rounds) throws Exception {
        LockKey a = key("a");
        LockKey b = key("b");
        for (int round = 0; round < rounds; round++) {
            CyclicBarrier holding = new CyclicBarrier(2);
            CompletableFuture<LockResult> one = support.async(() -> crossing(locks, t1, a, b, holding));
            CompletableFuture<LockResult> two = support.async(() -> crossing(locks, t2, b, a, holding));
            boolean oneLost = failedWith(one, ErrorCode.DEADLOCK);
            boolean twoLost = failedWith(two, ErrorCode.DEADLOCK);
            assertTrue(oneLost ^ twoLost, "round " + round + ": exactly one victim, not "
                    + (oneLost && twoLost ? "two" : "none"));
            assertTrue((oneLost ? two : one).get().waited(), "the survivor waited for the victim");
            assertEquals(0, locks.lockedKeyCount());
        }
        assertEquals(rounds, locks.stats().deadlocks());
        assertEquals(0, locks.stats().timeouts());
    }

    /** Take {@code mine}, wait until the other side holds its key, then request {@code theirs}; release all. */
    private static LockResult crossing(LockManager locks, LockOwner owner, LockKey mine, LockKey theirs,
                                       CyclicBarrier holding) {
        try {
            locks.acquire(owner, mine, BOUND);
            await(holding);
            return locks.acquire(owner, theirs, BOUND);
        } finally {
            locks.releaseAll(owner);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the other thread did not arrive", e);
        }
    }
}
