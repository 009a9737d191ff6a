package io.persimmon.engine.db;

import io.persimmon.engine.pmem.PersistenceCounters;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the commits of the transactions begun with it cost in persistence work, summed: the
 * cache lines flushed and the fences issued on their commit paths (by the committing thread, so
 * the work of other sessions and of background checkpoints is not counted). A SQL session keeps
 * one, so that a client can read the exact cost of its own transactions however many run at once.
 */
public final class CommitCosts {
    private final LongAdder commits = new LongAdder();
    private final LongAdder flushedLines = new LongAdder();
    private final LongAdder fences = new LongAdder();

    void add(PersistenceCounters.Snapshot commit) {
        commits.increment();
        flushedLines.add(commit.flushedLines());
        fences.add(commit.fences());
    }

    /** Commits that wrote something. */
    public long commits() {
        return commits.sum();
    }

    public long flushedLines() {
        return flushedLines.sum();
    }

    public long fences() {
        return fences.sum();
    }
}
