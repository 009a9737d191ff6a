package io.persimmon.engine.lock;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The uncontended path stays cheap: a free key costs one lock entry and its map node, a re-entrant
 * acquire and the release allocate nothing more, and the manager counts no wait.
 */
class LockFastPathTest {
    /** A LockEntry (about 32 bytes) and a ConcurrentHashMap node (32 bytes), with slack. */
    private static final long MAX_BYTES_PER_LOCK = 96;

    @Test
    void shouldAllocateOnlyTheEntryWhenUncontended() {
        LockManager locks = new LockManager();
        LockOwner owner = new LockOwner(1);
        LockKey[] keys = new LockKey[64];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = LockKey.slot(1, 64L * i);
        }
        lockAndRelease(locks, owner, keys, 5_000);              // warm up, grow the owner's list once

        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        int rounds = 5_000;
        lockAndRelease(locks, owner, keys, rounds);
        long perLock = (threads.getCurrentThreadAllocatedBytes() - before) / ((long) rounds * keys.length);

        assertTrue(perLock <= MAX_BYTES_PER_LOCK, perLock + " bytes allocated per uncontended lock");
        assertEquals(0, locks.lockedKeyCount());
        assertEquals(0, locks.stats().waits());
    }

    private static void lockAndRelease(LockManager locks, LockOwner owner, LockKey[] keys, int rounds) {
        for (int r = 0; r < rounds; r++) {
            for (LockKey key : keys) {
                assertSame(LockResult.ACQUIRED, locks.acquire(owner, key, Duration.ZERO));
                assertSame(LockResult.ALREADY_HELD, locks.acquire(owner, key, Duration.ZERO));
            }
            locks.releaseAll(owner);
        }
    }
}
