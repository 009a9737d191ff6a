package io.persimmon.engine.lock;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Exclusive row locks, held until the owner's commit or rollback ("first updater wins").
 *
 * <p>An acquire is granted at once when the key is free (a map lookup and a put-if-absent of a new
 * entry) or already held by the caller (a lookup and a read). Otherwise the caller queues, FIFO,
 * and waits until a releaser hands it the lock, its timeout elapses ({@code LOCK_TIMEOUT}), it is
 * cancelled ({@code CANCELLED}), or it closes a cycle of waits ({@code DEADLOCK}: the requester
 * that closes the cycle is the one victim, see {@link DeadlockDetector}). Every failure leaves the
 * caller's other locks held; the transaction layer rolls back and calls {@link #releaseAll}.
 *
 * <p>No lock of the manager is held while waiting: a waiter waits on its key's entry only.
 */
public final class LockManager {
    private final ConcurrentHashMap<LockKey, LockEntry> table = new ConcurrentHashMap<>();
    private final DeadlockDetector detector = new DeadlockDetector();
    private final LockStats stats = new LockStats();
    private final Runnable beforeDeadlockCheck;

    /** An empty lock table. */
    public LockManager() {
        this(() -> { });
    }

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
        LockEntry entry = owner.waitingFor;          // read after the flag: see LockOwner.waitingFor
        if (entry != null) {
            synchronized (entry) {
                entry.notifyAll();
            }
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

    /** Queue behind the holder of {@code entry} and wait; null when the entry was retired first. */
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
            if (timeoutNanos == 0) {
                stats.recordTimeout();
                throw new PersimmonException(ErrorCode.LOCK_TIMEOUT, "lock not available (no wait): "
                        + entry.key + " is held by " + holder);
            }
            blockedBy = holder.id();
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
                    entry.dequeue(owner);
                    stats.recordDeadlock();
                    throw new PersimmonException(ErrorCode.DEADLOCK, deadlock);
                }
            }
        } else {
            awaitHandOver(owner, entry, start, timeoutNanos);
        }
        owner.held.add(entry);
        return new LockResult(LockResult.Kind.ACQUIRED_AFTER_WAIT, blockedBy, owner.grantedBy);
    }

    /** Wait on {@code entry} until it is handed to {@code owner}; on failure leave the queue and throw. */
    private void awaitHandOver(LockOwner owner, LockEntry entry, long start, long timeoutNanos) {
        synchronized (entry) {
            owner.blockedOn = entry.key;
            try {
                while (entry.holder != owner) {
                    long remaining = timeoutNanos - (System.nanoTime() - start);
                    if (owner.isCancelled() || remaining <= 0) {
                        throw leaveQueue(owner, entry, timeoutNanos, null);
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(entry, remaining);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        if (entry.holder != owner) {
                            throw leaveQueue(owner, entry, timeoutNanos, e);
                        }
                    }
                }
            } finally {
                owner.blockedOn = null;
            }
        }
    }

    /** Take {@code owner} out of the queue of {@code entry} and say why: cancelled, interrupted or timed out. */
    private PersimmonException leaveQueue(LockOwner owner, LockEntry entry, long timeoutNanos,
                                          InterruptedException interrupt) {
        entry.dequeue(owner);
        owner.waitingFor = null;
        String waited = owner + " waited for " + entry.key + " held by " + entry.holder;
        if (interrupt != null || owner.isCancelled()) {
            stats.recordCancellation();
            return new PersimmonException(ErrorCode.CANCELLED, (interrupt != null ? "interrupted: " : "cancelled: ")
                    + waited, interrupt);
        }
        stats.recordTimeout();
        return new PersimmonException(ErrorCode.LOCK_TIMEOUT, "lock timeout after "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms: " + waited);
    }

    /** Give {@code entry} to its first waiter, or retire it when none waits. */
    private void handOver(LockOwner releaser, LockEntry entry) {
        synchronized (entry) {
            if (entry.holder != releaser) {
                throw new PersimmonException(ErrorCode.INTERNAL, releaser + " releases " + entry.key
                        + " held by " + entry.holder);
            }
            LockOwner next = entry.pollWaiter();
            if (next == null) {
                entry.holder = null;
                entry.retired = true;
                table.remove(entry.key, entry);
            } else {
                next.grantedBy = releaser.id();
                next.waitingFor = null;
                entry.holder = next;
                entry.notifyAll();
            }
        }
    }

    private static long saturatedNanos(Duration timeout) {
        if (timeout.isNegative()) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "lock timeout " + timeout + " is negative");
        }
        return timeout.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : timeout.toNanos();
    }
}
