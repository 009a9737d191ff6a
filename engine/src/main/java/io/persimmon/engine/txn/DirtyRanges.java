package io.persimmon.engine.txn;

import io.persimmon.engine.pmem.Persistence;

import java.util.Arrays;

/**
 * What apply wrote into the pool's structures since the last checkpoint. Apply does not flush
 * (the redo log covers it); the checkpoint flushes these ranges before its fence (H1).
 *
 * <p>The ranges are pairs in one array of longs, and a range that starts where the last one
 * ended extends it: apply notes two or three ranges per row, tens of thousands between two
 * checkpoints, and an object per range with a list that kept doubling was a tenth of an insert.
 */
public final class DirtyRanges {
    /** Ranges noted: offset and length in {@code pairs[2i]} and {@code pairs[2i + 1]}, {@code i < count}. */
    public record Taken(long[] pairs, int count) {
        static final Taken NONE = new Taken(new long[0], 0);
    }

    private long[] pairs = new long[64];
    private int count;

    public synchronized void add(long offset, long length) {
        if (count > 0) {
            int last = 2 * (count - 1);
            if (pairs[last] + pairs[last + 1] == offset) {
                pairs[last + 1] += length;
                return;
            }
        }
        if (2 * count == pairs.length) {
            pairs = Arrays.copyOf(pairs, 2 * pairs.length);
        }
        pairs[2 * count] = offset;
        pairs[2 * count + 1] = length;
        count++;
    }

    /** Flushes every range noted so far (not fenced) and forgets them. */
    public void flushAll(Persistence persistence) {
        flush(take(), persistence);
    }

    /**
     * The ranges noted so far, forgotten here: a checkpoint flushes them while apply notes new
     * ones, in an array as large as the one taken (the next interval notes about as many).
     */
    public synchronized Taken take() {
        if (count == 0) {
            return Taken.NONE;
        }
        Taken taken = new Taken(pairs, count);
        pairs = new long[Math.max(64, 2 * count)];
        count = 0;
        return taken;
    }

    /** Flushes {@code taken} (not fenced). */
    public static void flush(Taken taken, Persistence persistence) {
        persistence.flushRanges(taken.pairs(), taken.count());
    }

    /** Notes {@code taken} again: the checkpoint that took them did not complete. */
    public synchronized void restore(Taken taken) {
        for (int i = 0; i < taken.count(); i++) {
            add(taken.pairs()[2 * i], taken.pairs()[2 * i + 1]);
        }
    }

    public synchronized int size() {
        return count;
    }
}
