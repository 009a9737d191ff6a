package io.persimmon.engine.txn;

import io.persimmon.engine.pmem.Persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * What apply wrote into the pool's structures since the last checkpoint. Apply does not flush
 * (the redo log covers it); the checkpoint flushes these ranges before its fence (H1).
 */
public final class DirtyRanges {
    private List<long[]> ranges = new ArrayList<>();

    public synchronized void add(long offset, long length) {
        ranges.add(new long[] {offset, length});
    }

    /** Flushes every range noted so far (not fenced) and forgets them. */
    public void flushAll(Persistence persistence) {
        flush(take(), persistence);
    }

    /** The ranges noted so far, forgotten here: a checkpoint flushes them while apply notes new ones. */
    public synchronized List<long[]> take() {
        List<long[]> taken = ranges;
        ranges = new ArrayList<>();
        return taken;
    }

    /** Flushes {@code taken} (not fenced). */
    public static void flush(List<long[]> taken, Persistence persistence) {
        for (long[] r : taken) {
            persistence.flush(r[0], r[1]);
        }
    }

    /** Notes {@code taken} again: the checkpoint that took them did not complete. */
    public synchronized void restore(List<long[]> taken) {
        ranges.addAll(taken);
    }

    public synchronized int size() {
        return ranges.size();
    }
}
