package io.persimmon.engine.lock;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Exclusive row locks, held until the owner's commit or rollback ("first updater wins").
 *
 * <p>An acquire is granted at once when the key is free (a map lookup and a put-if-absent of a new
 * entry) or already held by the caller (a lookup and a read). Otherwise the caller queues, FIFO,
 * and parks until it gets the lock, its timeout elapses ({@code LOCK_TIMEOUT}), it is cancelled
 * ({@code CANCELLED}), or it closes a cycle of waits ({@code DEADLOCK}: the requester that closes
 * the cycle is the one victim, see {@link DeadlockDetector}). Every failure leaves the caller's
 * other locks held; the transaction layer rolls back and calls {@link #releaseAll}.
 *
 * <p>How a released lock passes on. Handing it straight to the first waiter makes a hot row (one
 * warehouse, at TPC-C's W=1) belong, for the scheduler's wake-up time, to a thread that is not
 * running: on two busy cores that was 0.5 to 4 ms for nearly half the hand-overs, against a hold of
 * about 0.2 ms (a lock convoy). So a release with waiters leaves the lock free and unparks the first
 * waiter; whichever thread asks first, that waiter or a running one, takes it. Fairness has one
 * bound: a first waiter that was overtaken once is handed the next release directly.
 *
 * <p>No lock of the manager is held while waiting: a waiter parks, and only its key's entry is
 * locked while it checks.
 */
public final class LockManager {
    private final ConcurrentHashMap<LockKey, LockEntry> table = new ConcurrentHashMap<>();
    private final DeadlockDetector detector = new DeadlockDetector();
    private final LockStats stats = new LockStats();
    private final Runnable beforeDeadlockCheck;

    /** An empty lock table. */
    public LockManager() {
        this(NOTHING);
    }

    /** A class, not a lambda: every open makes a lock table, and a JVM's first lambda costs a bootstrap. */
    private static final Runnable NOTHING = new Runnable() {
        @Override
        public void run() {}
    };

    /** For tests: {@code beforeDeadlockCheck} runs after a request has queued and before its check. */
    LockManager(Runnable beforeDeadlockCheck) {
        this.beforeDeadlockCheck = beforeDeadlockCheck;
    }

    /**
     * Lock {@code key} for {@code owner}, waiting at most {@code timeout} for other holders
     * ({@link Duration#ZERO}: do not wait).
     *
     * @return how the lock was granted, and for whom the caller waited
     * @throws PersimmonException LOCK_TIMEOUT, DEADLOCK or CANCELLED; the lock is then not held
     */
    public LockResult acquire(LockOwner owner, LockKey key, Duration timeout) {
        long timeoutNanos = saturatedNanos(timeout);
        while (true) {
            LockEntry entry = table.get(key);
            if (entry == null) {
                LockEntry fresh = new LockEntry(key, owner);
                entry = table.putIfAbsent(key, fresh);
                if (entry == null) {
                    owner.held.add(fresh);
                    return LockResult.ACQUIRED;
                }
            }
            if (entry.holder == owner) {            // only the owner's own thread can change this
                return LockResult.ALREADY_HELD;
            }
            LockResult waited = acquireContended(owner, entry, timeoutNanos);
            if (waited != null) {
                return waited;
            }                                       // the entry was retired: look the key up again
        }
    }

    /** Lock {@code key} only if that needs no wait; false when another owner holds it. */
    public boolean tryAcquire(LockOwner owner, LockKey key) {
        while (true) {
            LockEntry entry = table.get(key);
            if (entry == null) {
                LockEntry fresh = new LockEntry(key, owner);
                entry = table.putIfAbsent(key, fresh);
                if (entry == null) {
                    owner.held.add(fresh);
                    return true;
                }
            }
            if (entry.holder == owner) {
                return true;
            }
            synchronized (entry) {
                if (entry.holder == null && !entry.retired) {
                    entry.takeFree(owner);
                    owner.held.add(entry);
                    return true;
                }
                if (!entry.retired) {
                    return false;
                }
            }
        }
    }

    /**
     * Release {@code key} if {@code owner} holds it, handing it to the first waiter. For rolling back
     * to a savepoint; commit and rollback use {@link #releaseAll}.
     *
     * @return whether the owner held the key
     */
    public boolean release(LockOwner owner, LockKey key) {
        ArrayList<LockEntry> held = owner.held;
        for (int i = held.size() - 1; i >= 0; i--) {
            LockEntry entry = held.get(i);
            if (entry.key.equals(key)) {
                held.remove(i);
                handOver(owner, entry);
                return true;
            }
        }
        return false;
    }

    /**
     * Release the locks {@code owner} took after it held {@code marker} locks (a value of
     * {@link LockOwner#lockCount()} taken at a savepoint), newest first.
     */
    public void releaseSince(LockOwner owner, int marker) {
        ArrayList<LockEntry> held = owner.held;
        if (marker < 0 || marker > held.size()) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "lock marker " + marker + " of " + owner
                    + " is outside 0.." + held.size());
        }
        for (int i = held.size() - 1; i >= marker; i--) {
            handOver(owner, held.remove(i));
        }
    }

    /** Release every lock of {@code owner}, at commit or rollback, waking the waiters of each key. */
    public void releaseAll(LockOwner owner) {
        releaseSince(owner, 0);
    }

    /**
     * Cancel {@code owner}'s current wait, and any wait it starts until {@link LockOwner#clearCancel()},
     * with CANCELLED. May be called from any thread. A grant that happens first wins.
     */
    public void cancel(LockOwner owner) {
        owner.markCancelled();
        Thread waiter = owner.thread;                // read after the flag: see LockOwner.thread
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }

    /** The id of the owner holding {@code key}, if any (diagnostics). */
    public OptionalLong holderOf(LockKey key) {
        LockEntry entry = table.get(key);
        LockOwner holder = entry == null ? null : entry.holder;
        return holder == null ? OptionalLong.empty() : OptionalLong.of(holder.id());
    }

    /** How many keys are locked now; zero when no transaction holds a lock. */
    public int lockedKeyCount() {
        return table.size();
    }

    /** The counters of waits, timeouts, deadlocks and cancellations. */
    public LockStats stats() {
        return stats;
    }

    /**
     * Take {@code entry} if it is free between holders, else queue behind its holder and wait; null
     * when the entry was retired first.
     */
    private LockResult acquireContended(LockOwner owner, LockEntry entry, long timeoutNanos) {
        long blockedBy;
        synchronized (entry) {
            if (entry.retired) {
                return null;
            }
            LockOwner holder = entry.holder;
            if (holder == owner) {
                return LockResult.ALREADY_HELD;
            }
            if (holder == null) {                   // released, its first waiter not yet running: take it
                entry.takeFree(owner);
                owner.held.add(entry);
                return LockResult.ACQUIRED;
            }
            if (timeoutNanos == 0) {
                stats.recordTimeout();
                throw new PersimmonException(ErrorCode.LOCK_TIMEOUT, "lock not available (no wait): "
                        + entry.key + " is held by " + holder);
            }
            blockedBy = holder.id();
            owner.thread = Thread.currentThread();
            entry.enqueue(owner);
            owner.waitingFor = entry;               // then cancel's read of it sees it, or we see the flag
        }
        stats.recordWait();
        long start = System.nanoTime();
        beforeDeadlockCheck.run();
        String deadlock = detector.victimMessage(owner, entry);
        if (deadlock != null) {
            synchronized (entry) {
                if (entry.holder != owner) {        // else it was handed over after the walk: keep it
                    leave(owner, entry);
                    stats.recordDeadlock();
                    throw new PersimmonException(ErrorCode.DEADLOCK, deadlock);
                }
            }
        } else {
            awaitGrant(owner, entry, start, timeoutNanos);
        }
        owner.held.add(entry);
        return new LockResult(LockResult.Kind.ACQUIRED_AFTER_WAIT, blockedBy, owner.grantedBy);
    }

    /**
     * Wait until {@code owner} holds {@code entry}: handed over by a releaser, or taken free when
     * the releaser woke this owner as the first waiter. On failure leave the queue and throw.
     */
    private void awaitGrant(LockOwner owner, LockEntry entry, long start, long timeoutNanos) {
        owner.blockedOn = entry.key;
        try {
            while (true) {
                long remaining;
                synchronized (entry) {
                    if (entry.holder == owner) {
                        return;                     // handed over; the releaser dequeued us
                    }
                    if (entry.holder == null) {     // woken as first waiter, or running anyway
                        entry.takeFree(owner);
                        entry.dequeue(owner);
                        owner.grantedBy = entry.lastReleaser;
                        owner.waitingFor = null;
                        return;
                    }
                    remaining = timeoutNanos - (System.nanoTime() - start);
                    boolean interrupted = Thread.currentThread().isInterrupted();
                    if (interrupted || owner.isCancelled() || remaining <= 0) {
                        throw leaveQueue(owner, entry, timeoutNanos, interrupted);
                    }
                }
                LockSupport.parkNanos(entry, remaining);
            }
        } finally {
            owner.blockedOn = null;
        }
    }

    /** Take {@code owner} out of the queue of {@code entry} and say why: cancelled, interrupted or timed out. */
    private PersimmonException leaveQueue(LockOwner owner, LockEntry entry, long timeoutNanos, boolean interrupted) {
        leave(owner, entry);
        String waited = owner + " waited for " + entry.key + " held by " + entry.holder;
        if (interrupted || owner.isCancelled()) {
            stats.recordCancellation();
            return new PersimmonException(ErrorCode.CANCELLED, (interrupted ? "interrupted: " : "cancelled: ")
                    + waited, interrupted ? new InterruptedException() : null);
        }
        stats.recordTimeout();
        return new PersimmonException(ErrorCode.LOCK_TIMEOUT, "lock timeout after "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms: " + waited);
    }

    /**
     * Remove {@code owner} from the queue of {@code entry}. If the entry is free, the waiter now first
     * is woken to take it, or the entry is retired when none is left. Caller holds the monitor.
     */
    private void leave(LockOwner owner, LockEntry entry) {
        entry.dequeue(owner);
        owner.waitingFor = null;
        if (entry.holder == null) {
            LockOwner next = entry.firstWaiter();
            if (next == null) {
                retire(entry);
            } else {
                LockSupport.unpark(next.thread);
            }
        }
    }

    /**
     * Release {@code entry}, held by {@code releaser}. With no waiter it is retired. Otherwise it is
     * left free and its first waiter woken: whichever thread runs first takes it, so a hot row is
     * not held by a waiter that the scheduler has yet to run (a lock convoy). A first waiter that
     * was overtaken once is handed the lock instead, so no waiter is overtaken twice in a row.
     */
    private void handOver(LockOwner releaser, LockEntry entry) {
        Thread wake;
        synchronized (entry) {
            if (entry.holder != releaser) {
                throw new PersimmonException(ErrorCode.INTERNAL, releaser + " releases " + entry.key
                        + " held by " + entry.holder);
            }
            entry.lastReleaser = releaser.id();
            LockOwner next = entry.firstWaiter();
            if (next == null) {
                retire(entry);
                return;
            }
            if (next.overtaken) {
                entry.dequeue(next);
                next.grantedBy = releaser.id();
                next.waitingFor = null;
                entry.holder = next;
            } else {
                entry.holder = null;
            }
            wake = next.thread;
        }
        LockSupport.unpark(wake);
    }

    private void retire(LockEntry entry) {
        entry.holder = null;
        entry.retired = true;
        table.remove(entry.key, entry);
    }

    private static long saturatedNanos(Duration timeout) {
        if (timeout.isNegative()) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "lock timeout " + timeout + " is negative");
        }
        return timeout.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : timeout.toNanos();
    }
}
