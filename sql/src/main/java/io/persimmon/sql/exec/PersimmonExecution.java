package io.persimmon.sql.exec;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.db.Transaction;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one execution of a statement runs in: the session's transaction, whether it locks what it
 * reads (SELECT ... FOR UPDATE), and when it must stop (cancel flag, deadline).
 */
public final class PersimmonExecution {
    private final Transaction transaction;
    private final boolean forUpdate;
    private final AtomicBoolean cancelled;
    private final long deadlineNanos;

    /**
     * @param deadlineNanos {@link System#nanoTime()} after which the statement fails, 0 for none
     */
    public PersimmonExecution(Transaction transaction, boolean forUpdate, AtomicBoolean cancelled, long deadlineNanos) {
        this.transaction = transaction;
        this.forUpdate = forUpdate;
        this.cancelled = cancelled;
        this.deadlineNanos = deadlineNanos;
    }

    public Transaction transaction() {
        return transaction;
    }

    public boolean forUpdate() {
        return forUpdate;
    }

    public AtomicBoolean cancelFlag() {
        return cancelled;
    }

    /** Throws CANCELLED when the session cancelled the statement or its time is up. */
    public void check() {
        if (cancelled.get()) {
            throw new PersimmonException(ErrorCode.CANCELLED, "the statement was cancelled");
        }
        if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new PersimmonException(ErrorCode.CANCELLED, "the statement timed out");
        }
    }
}
