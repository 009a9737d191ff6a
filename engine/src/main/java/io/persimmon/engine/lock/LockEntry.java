package io.persimmon.engine.lock;

import java.util.ArrayDeque;

/**
 * The lock on one key while it is held: its holder and its FIFO queue of waiters. All changes
 * happen under this object's monitor, and waiters wait on it. An entry is in the lock table exactly
 * while {@link #holder} is non-null; the releaser that finds no waiter retires it and removes it
 * from the table, and a thread that then finds it retired looks the key up again.
 */
final class LockEntry {
    final LockKey key;

    /** The owner holding the lock; null only once retired. Volatile for the re-entrant fast path and the detector. */
    volatile LockOwner holder;

    /** Set, under the monitor, when the entry has left the lock table. */
    boolean retired;

    /** Waiters in arrival order, created at the first conflict. */
    private ArrayDeque<LockOwner> waiters;

    /** A new entry, already held by {@code holder}. */
    LockEntry(LockKey key, LockOwner holder) {
        this.key = key;
        this.holder = holder;
    }

    /** Queue {@code owner} behind the current waiters. Caller holds the monitor. */
    void enqueue(LockOwner owner) {
        if (waiters == null) {
            waiters = new ArrayDeque<>(4);
        }
        waiters.addLast(owner);
    }

    /** Take the first waiter, or null. Caller holds the monitor. */
    LockOwner pollWaiter() {
        return waiters == null ? null : waiters.pollFirst();
    }

    /** Remove {@code owner} from the queue (it timed out, was cancelled or chosen as victim). Caller holds the monitor. */
    void dequeue(LockOwner owner) {
        if (waiters != null) {
            waiters.remove(owner);
        }
    }
}
