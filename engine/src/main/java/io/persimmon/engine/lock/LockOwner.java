package io.persimmon.engine.lock;

import java.util.ArrayList;
import java.util.List;

/**
 * A transaction as the lock manager sees it: its id, the locks it holds in the order it took
 * them, the lock it is waiting for, and its cancellation flag. The transaction layer makes one per
 * transaction and passes it to every {@link LockManager} call.
 *
 * <p>An owner is used by one thread at a time (the transaction's): it must not acquire from two
 * threads at once. {@link LockManager#cancel}, {@link #isCancelled}, {@link #waitingKey} and
 * {@link #id} may be used from any thread.
 *
 * <p>Cancellation is sticky: after {@link LockManager#cancel} every wait of this owner fails with
 * {@code CANCELLED} until {@link #clearCancel()} (the transaction layer clears it when a statement
 * starts). An acquire that needs no wait is granted even when cancelled; callers that scan can poll
 * {@link #isCancelled()}.
 */
public final class LockOwner {
    private final long id;

    /** The entries held, in acquisition order, each once; touched only by the owner's thread. */
    final ArrayList<LockEntry> held = new ArrayList<>();

    /**
     * The entry this owner is queued on, or null. Set by the owner under the entry's monitor when
     * it enqueues; cleared by the releaser that hands it the lock, by the owner when it takes a free
     * lock or leaves the queue, and by the deadlock detector when it chooses this owner as victim. Read by the
     * detector (the wait-for graph's edges) and by cancel.
     */
    volatile LockEntry waitingFor;

    /**
     * The key this owner is blocked on, set once its deadlock check has passed and cleared when the
     * wait ends; for diagnostics ({@link #waitingKey()}), not part of the wait-for graph.
     */
    volatile LockKey blockedOn;

    /** The id of the owner that handed this owner its last lock; written under the entry's monitor. */
    long grantedBy;

    /** The thread of the owner's current or last wait, for unparking it; set before it queues. */
    volatile Thread thread;

    /**
     * Whether another thread took the lock this owner waits for while this owner was first in its
     * queue; the next release then hands the lock to this owner. Written under the entry's monitor.
     */
    boolean overtaken;

    private volatile boolean cancelled;

    /** An owner for transaction {@code id}. */
    public LockOwner(long id) {
        this.id = id;
    }

    /** The transaction id, as named in lock messages. */
    public long id() {
        return id;
    }

    /**
     * How many locks this owner holds. Taken at a savepoint, it is the marker to pass to
     * {@link LockManager#releaseSince} when rolling back to it.
     */
    public int lockCount() {
        return held.size();
    }

    /** The keys held, in the order they were first acquired (a copy, for diagnostics and tests). */
    public List<LockKey> heldKeys() {
        List<LockKey> keys = new ArrayList<>(held.size());
        for (LockEntry e : held) {
            keys.add(e.key);
        }
        return keys;
    }

    /**
     * The key this owner is blocked on, or null. Non-null only once the request has passed its
     * deadlock check and the owner waits for a hand-over, a timeout or a cancel.
     */
    public LockKey waitingKey() {
        return blockedOn;
    }

    /** Whether {@link LockManager#cancel} was called since the last {@link #clearCancel()}. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Forget an earlier cancellation, so the next wait can block again. */
    public void clearCancel() {
        cancelled = false;
    }

    void markCancelled() {
        cancelled = true;
    }

    @Override
    public String toString() {
        return "transaction " + id;
    }
}
