package io.persimmon.engine.lock;

import java.util.ArrayDeque;

/**
 * The lock on one key while it is held or waited for: its holder and its FIFO queue of waiters.
 * All changes happen under this object's monitor; waiters park outside it. An entry is in the lock
 * table until it is retired: the releaser that finds no waiter (or the last waiter to leave a free
 * entry) retires it and removes it from the table, and a thread that then finds it retired looks
 * the key up again. Between holders an entry may be free ({@link #holder} null, not retired) while
 * its first waiter is woken; any thread that runs first may take it.
 */
final class LockEntry {
    final LockKey key;

    /** The owner holding the lock; null when free or retired. Volatile for the re-entrant fast path and the detector. */
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

    /** The id of the owner that released it last, reported to the waiter that takes it free. */
    long lastReleaser;

    /** Queue {@code owner} behind the current waiters, not yet overtaken. Caller holds the monitor. */
    void enqueue(LockOwner owner) {
        owner.overtaken = false;
        if (waiters == null) {
            waiters = new ArrayDeque<>(4);
        }
        waiters.addLast(owner);
    }

    /** The first waiter, or null. Caller holds the monitor. */
    LockOwner firstWaiter() {
        return waiters == null ? null : waiters.peekFirst();
    }

    /**
     * Make {@code owner} the holder of this free entry. A queued first waiter that is not the taker
     * has been overtaken, and will be handed the lock at the next release. Caller holds the monitor.
     */
    void takeFree(LockOwner owner) {
        LockOwner first = firstWaiter();
        if (first != null && first != owner) {
            first.overtaken = true;
        }
        holder = owner;
    }

    /** Remove {@code owner} from the queue (it timed out, was cancelled or chosen as victim). Caller holds the monitor. */
    void dequeue(LockOwner owner) {
        if (waiters != null) {
            waiters.remove(owner);
        }
    }
}
