package io.persimmon.engine.db;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The snapshots garbage collection keeps: every registration until its release, reused slots included. */
class SnapshotRegistryTest {
    @Test
    void shouldListHeldSnapshotsAndTheClockAscendingAndDistinct() {
        SnapshotRegistry r = new SnapshotRegistry();
        SnapshotRegistry.Hold a = r.add(7);
        r.add(3);
        r.add(7);
        assertArrayEquals(new long[] {3, 7, 9}, r.all(9));
        r.release(a);
        assertArrayEquals(new long[] {3, 7, 9}, r.all(9), "the other hold of 7 keeps it");
        assertArrayEquals(new long[] {3, 7}, r.all(7), "the clock is one of them");
    }

    @Test
    void shouldReuseAReleasedSlotAndIgnoreASecondRelease() {
        SnapshotRegistry r = new SnapshotRegistry();
        SnapshotRegistry.Hold first = r.add(5);
        r.release(first);
        SnapshotRegistry.Hold second = r.add(6); // takes the slot first had
        r.release(first); // must not free second's slot
        assertEquals(1, r.size());
        assertArrayEquals(new long[] {6, 10}, r.all(10));
        r.release(second);
        assertArrayEquals(new long[] {10}, r.all(10));
    }

    @Test
    void shouldHoldAsManySnapshotsAsAreRegisteredAcrossGrowth() {
        SnapshotRegistry r = new SnapshotRegistry();
        List<SnapshotRegistry.Hold> holds = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            holds.add(r.add(1000 + i));
        }
        for (int i = 0; i < 100; i += 2) {
            r.release(holds.get(i));
        }
        for (int i = 0; i < 30; i++) {
            r.add(5000 + i); // into the freed slots
        }
        assertEquals(80, r.size());
        long[] all = r.all(1);
        assertEquals(81, all.length);
        assertEquals(1, all[0]);
        assertEquals(1001, all[1], "the first odd one still held");
        assertEquals(5029, all[80]);
    }
}
