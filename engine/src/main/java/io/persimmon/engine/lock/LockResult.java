package io.persimmon.engine.lock;

/**
 * How a lock was granted. When the caller had to wait, another transaction held the row, and may
 * have committed a change to it: under REPEATABLE READ the transaction layer then fails with
 * SERIALIZATION_FAILURE if that holder committed a newer version, under READ COMMITTED it re-reads.
 *
 * <p>The two results without a wait are shared constants, so the uncontended path allocates none.
 *
 * @param kind whether the lock was free, already held by the caller, or granted after a wait
 * @param blockedBy the id of the holder when the caller began to wait ({@link #NO_OWNER} if it did not)
 * @param grantedBy the id of the holder that released the lock to the caller; differs from
 *        {@code blockedBy} when earlier waiters held it in between ({@link #NO_OWNER} if no wait)
 */
public record LockResult(Kind kind, long blockedBy, long grantedBy) {
    /** The owner id reported when there was no wait. */
    public static final long NO_OWNER = Long.MIN_VALUE;

    /** The lock was free and is now held by the caller. */
    public static final LockResult ACQUIRED = new LockResult(Kind.ACQUIRED, NO_OWNER, NO_OWNER);

    /** The caller already held the lock; nothing changed. */
    public static final LockResult ALREADY_HELD = new LockResult(Kind.ALREADY_HELD, NO_OWNER, NO_OWNER);

    /** How the lock was granted. */
    public enum Kind {
        /** Free, granted at once. */
        ACQUIRED,
        /** Held by the caller already (re-entrant; not counted twice). */
        ALREADY_HELD,
        /** Granted after waiting for other holders to release it. */
        ACQUIRED_AFTER_WAIT
    }

    /** Whether the caller had to wait for another transaction. */
    public boolean waited() {
        return kind == Kind.ACQUIRED_AFTER_WAIT;
    }
}
