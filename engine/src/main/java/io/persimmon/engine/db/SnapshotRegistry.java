package io.persimmon.engine.db;

import java.util.Arrays;

/**
 * The snapshots that open transactions and reads hold: garbage collection keeps every version one
 * of them may read ({@link #all}). A holder takes a slot of an array, so registering and releasing
 * cost no hashing and no allocation but the {@link Hold} itself (a READ COMMITTED read registers
 * one per read). The caller synchronizes on the registry, reading the clock under the same
 * monitor as the collector reads the set: a snapshot is either in the set or taken after it.
 */
final class SnapshotRegistry {
    /** A registered snapshot; released once ({@link #release}), after which its slot serves another. */
    static final class Hold {
        final long snapshot;
        private final int slot;
        private boolean released;

        private Hold(long snapshot, int slot) {
            this.snapshot = snapshot;
            this.slot = slot;
        }
    }

    private static final long FREE = -1;
    private long[] snapshots = new long[16];
    /** Free slots below {@link #used}, as a stack. */
    private int[] free = new int[16];
    private int freeCount;
    /** Slots [0, used) have been handed out; those not on the free stack hold a snapshot. */
    private int used;

    SnapshotRegistry() {
        Arrays.fill(snapshots, FREE);
    }

    /** Registers {@code snapshot} (the caller holds the monitor). */
    Hold add(long snapshot) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (used == snapshots.length) {
                snapshots = Arrays.copyOf(snapshots, used * 2);
                Arrays.fill(snapshots, used, snapshots.length, FREE);
                free = Arrays.copyOf(free, used * 2);
            }
            slot = used++;
        }
        snapshots[slot] = snapshot;
        return new Hold(snapshot, slot);
    }

    /** Releases {@code hold}; a second release of the same hold does nothing (the caller holds the monitor). */
    void release(Hold hold) {
        if (hold.released) {
            return;
        }
        hold.released = true;
        snapshots[hold.slot] = FREE;
        free[freeCount++] = hold.slot;
    }

    /** The registered snapshots and {@code clock}, ascending and distinct (the caller holds the monitor). */
    long[] all(long clock) {
        long[] all = new long[used + 1];
        int n = 0;
        for (int i = 0; i < used; i++) {
            if (snapshots[i] != FREE) {
                all[n++] = snapshots[i];
            }
        }
        all[n++] = clock;
        Arrays.sort(all, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || all[i] != all[distinct - 1]) {
                all[distinct++] = all[i];
            }
        }
        return Arrays.copyOf(all, distinct);
    }

    /** Snapshots registered now (the caller holds the monitor). */
    int size() {
        return used - freeCount;
    }
}
