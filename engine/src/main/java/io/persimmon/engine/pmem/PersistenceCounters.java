package io.persimmon.engine.pmem;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what persistence costs: cache lines flushed, fences, bytes persisted and the system calls
 * (msync, or force on a DAX mapping) that carried them. These counts are the machine-independent
 * performance figures of the engine: they are what it would cost on real persistent memory.
 *
 * <p>Counts are kept in total and, for the thread that opened one, per {@link Scope} (a
 * transaction's commit, a checkpoint): {@code try (var scope = counters.openScope()) {...}}.
 */
public final class PersistenceCounters {
    private final LongAdder flushedLines = new LongAdder();
    private final LongAdder fences = new LongAdder();
    private final LongAdder bytesPersisted = new LongAdder();
    private final LongAdder syncCalls = new LongAdder();
    private final ThreadLocal<Scope> currentScope = new ThreadLocal<>();

    /** The counts since the pool was opened. */
    public Snapshot total() {
        return new Snapshot(flushedLines.sum(), fences.sum(), bytesPersisted.sum(), syncCalls.sum());
    }

    /**
     * Starts counting this thread's flushes and fences separately, until the scope is closed.
     * Scopes nest: an inner scope's counts are added to the outer one when it closes.
     */
    public Scope openScope() {
        Scope scope = new Scope(currentScope.get());
        currentScope.set(scope);
        return scope;
    }

    void recordFlush(long lines, long bytes) {
        flushedLines.add(lines);
        bytesPersisted.add(bytes);
        Scope scope = currentScope.get();
        if (scope != null) {
            scope.lines += lines;
            scope.bytes += bytes;
        }
    }

    void recordFence() {
        fences.increment();
        Scope scope = currentScope.get();
        if (scope != null) {
            scope.fences++;
        }
    }

    void recordSyncCall() {
        syncCalls.increment();
        Scope scope = currentScope.get();
        if (scope != null) {
            scope.syncs++;
        }
    }

    /** Immutable counts. */
    public record Snapshot(long flushedLines, long fences, long bytesPersisted, long syncCalls) {
        /** The counts of {@code this} minus those of an earlier snapshot. */
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(flushedLines - earlier.flushedLines, fences - earlier.fences,
                    bytesPersisted - earlier.bytesPersisted, syncCalls - earlier.syncCalls);
        }

        @Override
        public String toString() {
            return "lines=" + flushedLines + " fences=" + fences + " bytes=" + bytesPersisted
                    + " syncs=" + syncCalls;
        }
    }

    /** The counts of one thread between {@link #openScope()} and {@link #close()}. */
    public final class Scope implements AutoCloseable {
        private final Scope outer;
        private long lines;
        private long fences;
        private long bytes;
        private long syncs;
        private boolean closed;

        private Scope(Scope outer) {
            this.outer = outer;
        }

        /** The counts so far. */
        public Snapshot snapshot() {
            return new Snapshot(lines, fences, bytes, syncs);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (outer != null) {
                outer.lines += lines;
                outer.fences += fences;
                outer.bytes += bytes;
                outer.syncs += syncs;
            }
            currentScope.set(outer);
        }
    }
}
