package io.persimmon.engine.lock;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the lock manager's slow paths, for benchmarks and monitoring: how often an acquire
 * had to wait and how waits ended badly. Uncontended acquires are not counted, to keep them cheap.
 */
public final class LockStats {
    private final LongAdder waits = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder deadlocks = new LongAdder();
    private final LongAdder cancellations = new LongAdder();

    /** Acquires that found the lock held by another owner and queued (including those that then failed). */
    public long waits() {
        return waits.sum();
    }

    /** Waits that ended in LOCK_TIMEOUT (including no-wait requests refused at once). */
    public long timeouts() {
        return timeouts.sum();
    }

    /** Deadlock victims: waits that ended in DEADLOCK, one per cycle. */
    public long deadlocks() {
        return deadlocks.sum();
    }

    /** Waits that ended in CANCELLED (cancel or thread interrupt). */
    public long cancellations() {
        return cancellations.sum();
    }

    void recordWait() {
        waits.increment();
    }

    void recordTimeout() {
        timeouts.increment();
    }

    void recordDeadlock() {
        deadlocks.increment();
    }

    void recordCancellation() {
        cancellations.increment();
    }

    @Override
    public String toString() {
        return "waits=" + waits() + " timeouts=" + timeouts() + " deadlocks=" + deadlocks()
                + " cancellations=" + cancellations();
    }
}
