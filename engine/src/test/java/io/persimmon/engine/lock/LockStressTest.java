package io.persimmon.engine.lock;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import static io.persimmon.engine.lock.LockTestSupport.BOUND;
import static io.persimmon.engine.lock.LockTestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eight threads run transactions that lock 1 to 4 of a few keys and then release all, retrying on
 * DEADLOCK. The run must end, no key may ever have two holders (each holder claims the key in an
 * AtomicReference), no wait may time out (that would be a missed deadlock), and the lock table must
 * be empty afterwards. In random order deadlocks must occur; in sorted order none may be reported.
 */
class LockStressTest {
    private static final int THREADS = 8;
    private static final int KEYS = 5;
    private static final int TRANSACTIONS_PER_THREAD = 1_500;

    @Test
    void shouldDetectDeadlocksAndKeepLocksExclusiveInRandomOrder() {
        Outcome outcome = run(false, 42);
        assertTrue(outcome.deadlocks > 0, "random lock orders must deadlock: " + outcome);
        assertEquals(outcome.deadlocks, outcome.stats.deadlocks(), "one DEADLOCK per counted victim");
    }

    @Test
    void shouldReportNoDeadlockWhenEveryTransactionLocksInKeyOrder() {
        Outcome outcome = run(true, 7);
        assertEquals(0, outcome.deadlocks, "a consistent lock order cannot deadlock: " + outcome);
        assertTrue(outcome.stats.waits() > 0, "the run must contend to mean anything: " + outcome);
    }

    private record Outcome(long deadlocks, LockStats stats) {
        @Override
        public String toString() {
            return stats.toString();
        }
    }

    private Outcome run(boolean sorted, long seed) {
        LockManager locks = new LockManager();
        List<LockKey> keys = new ArrayList<>();
        List<AtomicReference<LockOwner>> holders = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add(LockKey.row(9, new byte[] {(byte) k}));
            holders.add(new AtomicReference<>());
        }
        AtomicLong ids = new AtomicLong();
        LongAdder deadlocks = new LongAdder();
        LongAdder committed = new LongAdder();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        try (LockTestSupport support = new LockTestSupport()) {
            for (int t = 0; t < THREADS; t++) {
                SplittableRandom random = new SplittableRandom(seed * 31 + t);
                workers.add(support.async(() -> {
                    for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
                        LockOwner owner = new LockOwner(ids.incrementAndGet());
                        while (!transaction(locks, owner, keys, holders, random, sorted)) {
                            deadlocks.increment();
                        }
                        committed.increment();
                    }
                    return null;
                }));
            }
            workers.forEach(LockTestSupport::join);
        }
        assertEquals((long) THREADS * TRANSACTIONS_PER_THREAD, committed.sum());
        assertEquals(0, locks.lockedKeyCount(), "the lock table is empty at the end");
        assertEquals(0, locks.stats().timeouts(), "a timeout here is a deadlock that went undetected");
        System.out.println("lock stress (" + (sorted ? "sorted" : "random") + " order): " + locks.stats());
        return new Outcome(deadlocks.sum(), locks.stats());
    }

    /** One attempt: lock 1..4 keys, each claimed exclusively, then release all. False on DEADLOCK. */
    private static boolean transaction(LockManager locks, LockOwner owner, List<LockKey> keys,
                                       List<AtomicReference<LockOwner>> holders, SplittableRandom random,
                                       boolean sorted) {
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        Collections.shuffle(order, new java.util.Random(random.nextLong()));
        List<Integer> chosen = new ArrayList<>(order.subList(0, 1 + random.nextInt(4)));
        if (sorted) {
            Collections.sort(chosen);
        }
        List<Integer> claimed = new ArrayList<>();
        try {
            for (int k : chosen) {
                locks.acquire(owner, keys.get(k), BOUND);
                if (!holders.get(k).compareAndSet(null, owner)) {
                    throw new AssertionError(keys.get(k) + " granted to " + owner + " while "
                            + holders.get(k).get() + " holds it");
                }
                claimed.add(k);
                if (random.nextInt(4) == 0) {
                    assertEquals(LockResult.ALREADY_HELD, locks.acquire(owner, keys.get(k), Duration.ZERO));
                }
                Thread.yield();
            }
            return true;
        } catch (PersimmonException e) {
            if (e.code() != ErrorCode.DEADLOCK) {
                throw e;
            }
            return false;
        } finally {
            for (int k : claimed) {                 // unclaim before releasing, or the next holder would clash
                assertTrue(holders.get(k).compareAndSet(owner, null));
            }
            locks.releaseAll(owner);
        }
    }
}
