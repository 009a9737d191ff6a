package io.persimmon.engine.btree;

import io.persimmon.engine.alloc.Allocator;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Epoch-based reclamation: tells the allocator when no reader can still see a freed node (rule A4).
 * Install it with {@code pool.allocator().setReuseGate(epochs)}.
 *
 * <p>A reader enters an epoch before it picks up a root and leaves it when done with every node
 * of that root: {@code try (ReaderEpochs.Guard g = epochs.enter()) { long root = tree.root(); ... }}.
 * The writer: (1) {@link Batch#publish()} frees the replaced nodes, which the allocator tags with
 * {@link #currentEpoch()}; (2) the writer makes the new root the one readers pick up (it already is
 * {@link BTree#root()}; also any other place readers look); (3) it calls {@link #advance()}. A
 * block freed at epoch e is reused only once the epoch has moved past e and every reader in an
 * epoch has entered after e: such a reader entered after step (3), so it can only have picked up
 * the new root. A writer that forgets step (3) wastes space, never safety.
 *
 * <p>Readers occupy slots of a fixed array (each holds the epoch its reader entered, or
 * {@code Long.MAX_VALUE} when free); a reader finding every slot taken waits for one.
 */
public final class ReaderEpochs implements Allocator.ReuseGate {
    private static final long IDLE = Long.MAX_VALUE;
    /**
     * Longs from one slot to the next: a cache line each. Packed, the slots of two threads shared a
     * line, and every get of one thread took the line from the other's core (false sharing).
     */
    private static final int STRIDE = 8;

    private final AtomicLong epoch = new AtomicLong(1);
    /** Slot i is element {@code i * STRIDE}; the elements between are never used. */
    private final AtomicLongArray slots;
    private final int readers;

    /** Room for 64 readers at once. */
    public ReaderEpochs() {
        this(64);
    }

    /** Room for {@code maxReaders} readers at once. */
    public ReaderEpochs(int maxReaders) {
        if (maxReaders < 1) {
            throw new IllegalArgumentException("maxReaders must be positive");
        }
        readers = maxReaders;
        slots = new AtomicLongArray(Math.multiplyExact(maxReaders, STRIDE));
        for (int i = 0; i < maxReaders; i++) {
            slots.set(i * STRIDE, IDLE);
        }
    }

    /** A reader's stay in an epoch: close it when done with every node of the root it picked up. */
    public final class Guard implements AutoCloseable {
        private final int slot;
        private final long entered;
        private boolean closed;

        private Guard(int slot, long entered) {
            this.slot = slot;
            this.entered = entered;
        }

        /** The epoch this reader entered. */
        public long epoch() {
            return entered;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                slots.set(slot, IDLE);
            }
        }
    }

    /**
     * Enters the current epoch. The slot holds the epoch read before the slot was taken, so it is
     * never later than the epoch in force when the reader then picks up a root.
     */
    public Guard enter() {
        int n = readers;
        int start = (int) (Thread.currentThread().threadId() % n);
        while (true) {
            for (int k = 0; k < n; k++) {
                int i = (start + k) % n * STRIDE;
                if (slots.get(i) == IDLE) {
                    long e = epoch.get();
                    if (slots.compareAndSet(i, IDLE, e)) {
                        return new Guard(i, e);
                    }
                }
            }
            Thread.onSpinWait();
        }
    }

    /** Ends the current epoch: call it once readers can no longer pick up the roots replaced so far. */
    public void advance() {
        epoch.incrementAndGet();
    }

    /** Readers in an epoch now. */
    public int activeReaders() {
        int active = 0;
        for (int i = 0; i < slots.length(); i += STRIDE) {
            if (slots.get(i) != IDLE) {
                active++;
            }
        }
        return active;
    }

    @Override
    public long currentEpoch() {
        return epoch.get();
    }

    /** The current epoch or the oldest reader's, whichever is older: every epoch before it is quiescent. */
    @Override
    public long quiescentBelow() {
        long below = epoch.get();
        for (int i = 0; i < slots.length(); i += STRIDE) {
            below = Math.min(below, slots.get(i));
        }
        return below;
    }

    /** Whether the epoch has moved past {@code freedAt} and every reader in an epoch entered after it. */
    @Override
    public boolean quiescent(long freedAt) {
        if (freedAt >= epoch.get()) {
            return false;
        }
        for (int i = 0; i < slots.length(); i += STRIDE) {
            if (slots.get(i) <= freedAt) {
                return false;
            }
        }
        return true;
    }
}
