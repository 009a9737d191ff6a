package io.persimmon.engine.db;

import io.persimmon.engine.btree.BTree;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A tree's point lookups through its layers: the changes (looked up by hash), the frozen changes
 * of a checkpoint, and the checkpointed tree, which a key above its last key skips.
 */
class TreeStoreTest {
    @TempDir
    Path dir;

    private Pool open() {
        return Pool.open(dir.resolve("trees.pool"), PoolOptions.defaults().withMode(PersistenceMode.PROCESS)
                .withPageSize(512).withInitialSize(1 << 20).withMaxSize(1L << 28).withDeleteOnClose(true));
    }

    /** A two-byte key, ordered as its number (0 to 65,535). */
    private static byte[] key(int n) {
        return new byte[] {(byte) (n >>> 8), (byte) n};
    }

    /** Freezes and writes the changes into the tree, as a checkpoint's freeze and write steps do. */
    private static void checkpoint(TreeStore store) {
        store.freeze();
        store.writeFrozen();
    }

    @Test
    void shouldHashSequentialIntegerKeysApart() {
        // An INTEGER primary key's encoding: a tag byte, then the value big-endian with its sign
        // bit flipped. Arrays.hashCode gives 100,000 such keys about 10,000 distinct hashes.
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (int n = 0; n < 100_000; n++) {
            int flipped = n ^ Integer.MIN_VALUE;
            hashes.add(new TreeStore.HashedKey(new byte[] {1, (byte) (flipped >>> 24), (byte) (flipped >>> 16),
                    (byte) (flipped >>> 8), (byte) flipped}).hashCode());
        }
        assertTrue(hashes.size() > 99_000, "distinct hashes of 100,000 keys: " + hashes.size());
    }

    @Test
    void shouldFindEveryChangedKeyUpToTheChangesGreatestKeyAndNoneAboveIt() {
        TreeStore.Changes changes = new TreeStore.Changes(0);
        assertNull(changes.get(key(7)), "no changes");
        // Out of order, so that the greatest key moves up, stays, and moves up again.
        int[] puts = {300, 100, 200, 900, 500, 1000, 20};
        for (int n : puts) {
            changes.put(key(n), n + 1);
        }
        for (int n : puts) {
            assertEquals(n + 1, changes.get(key(n)), "key " + n);
        }
        assertNull(changes.get(key(400)), "a key between changed keys");
        assertNull(changes.get(key(1001)), "a key above the greatest");
        changes.put(key(2000), TreeStore.REMOVED);
        assertEquals(TreeStore.REMOVED, changes.get(key(2000)), "a removal is a change too");
    }

    @Test
    void shouldListChangesInOrderWithinBoundsWhetherAppendedOrNot() {
        // Mostly increasing keys (appended), some puts again of earlier keys and some keys in
        // between (the skip list), checked against a sorted map where the last put wins.
        java.util.Random random = new java.util.Random(42);
        TreeStore.Changes changes = new TreeStore.Changes(0);
        java.util.TreeMap<Integer, Long> model = new java.util.TreeMap<>();
        int next = 100;
        for (int i = 0; i < 3_000; i++) {
            int k = random.nextInt(4) == 0 ? random.nextInt(next) : (next += 1 + random.nextInt(3));
            long v = random.nextInt(5) == 0 ? TreeStore.REMOVED : i + 1;
            changes.put(key(k), v);
            model.put(k, v);
        }
        assertEquals(model, listed(changes.entries()), "every change");
        for (int i = 0; i < 200; i++) {
            int low = random.nextInt(next + 20);
            int high = low + random.nextInt(300);
            boolean lowInclusive = random.nextBoolean();
            boolean highInclusive = random.nextBoolean();
            boolean open = random.nextInt(10) == 0;
            java.util.NavigableMap<Integer, Long> expected = open ? model.tailMap(low, lowInclusive)
                    : model.subMap(low, lowInclusive, high, highInclusive);
            byte[] highKey = open ? null : key(high);
            assertEquals(expected, listed(changes.entries(key(low), lowInclusive, highKey, highInclusive, false)),
                    "ascending from " + low + " to " + (open ? "the end" : high));
            List<Integer> descending = new ArrayList<>();
            changes.entries(key(low), lowInclusive, highKey, highInclusive, true)
                    .forEachRemaining(e -> descending.add(number(e.getKey())));
            assertEquals(new ArrayList<>(expected.descendingKeySet()), descending, "descending from " + low);
        }
        for (var e : model.entrySet()) {
            assertEquals(e.getValue(), changes.get(key(e.getKey())), "get " + e.getKey());
        }
    }

    private static java.util.TreeMap<Integer, Long> listed(java.util.Iterator<java.util.Map.Entry<byte[], Long>> entries) {
        java.util.TreeMap<Integer, Long> listed = new java.util.TreeMap<>();
        int previous = -1;
        while (entries.hasNext()) {
            var e = entries.next();
            int n = number(e.getKey());
            assertTrue(n > previous, "key " + n + " after " + previous);
            previous = n;
            listed.put(n, e.getValue());
        }
        return listed;
    }

    private static int number(byte[] key) {
        return (key[0] & 0xFF) << 8 | key[1] & 0xFF;
    }

    @Test
    void shouldFindKeysUpToTheTreesLastKeyAndNoneAboveIt() {
        try (Pool pool = open()) {
            TreeStore store = new TreeStore(pool, 1, 0);
            assertEquals(BTree.NOT_FOUND, store.get(key(5)), "an empty tree");
            for (int n = 0; n < 1000; n += 2) {
                store.put(key(n), n + 1);
            }
            checkpoint(store);
            assertNotEquals(0, store.root());
            assertEquals(999, store.get(key(998)), "the last key itself is in the tree");
            assertEquals(1, store.get(key(0)));
            assertEquals(BTree.NOT_FOUND, store.get(key(997)), "absent below the last key");
            assertEquals(BTree.NOT_FOUND, store.get(key(999)), "above the last key");
            assertEquals(BTree.NOT_FOUND, store.get(new byte[] {(byte) 0x03, (byte) 0xE6, 0}),
                    "the last key extended sorts after it");

            store.put(key(2000), 7);
            assertEquals(7, store.get(key(2000)), "a change above the tree's last key is found in the changes");
            checkpoint(store);
            assertEquals(7, store.get(key(2000)), "the new root's last key is found in the tree, not the old root's");
            assertEquals(BTree.NOT_FOUND, store.get(key(1500)));
            assertEquals(999, store.get(key(998)));
        }
    }

    @Test
    void shouldAnswerGetsFromChangesFrozenChangesAndTheTreeInThatOrder() {
        try (Pool pool = open()) {
            TreeStore store = new TreeStore(pool, 1, 0);
            for (int n = 0; n < 300; n++) {
                store.put(key(n), 10);
            }
            checkpoint(store);
            for (int n = 0; n < 200; n++) {
                store.put(key(n), 20);
            }
            store.delete(key(0));
            assertTrue(store.freeze());
            for (int n = 0; n < 100; n++) {
                store.put(key(n), 30);
            }
            store.put(key(1), 31);
            store.delete(key(2));
            assertEquals(31, store.get(key(1)), "the newest change of a key put twice since the freeze");
            assertEquals(BTree.NOT_FOUND, store.get(key(2)), "deleted since the freeze");
            assertEquals(20, store.get(key(150)), "a frozen change over the tree");
            assertEquals(10, store.get(key(250)), "the tree");
            assertEquals(30, store.get(key(0)), "put again after a frozen delete");

            store.unfreeze(); // a checkpoint that failed: the frozen changes go back under the newer ones
            assertEquals(31, store.get(key(1)));
            assertEquals(BTree.NOT_FOUND, store.get(key(2)));
            assertEquals(20, store.get(key(150)));
            assertEquals(10, store.get(key(250)));
            assertEquals(30, store.get(key(0)));

            checkpoint(store);
            assertEquals(31, store.get(key(1)));
            assertEquals(BTree.NOT_FOUND, store.get(key(2)));
            assertEquals(20, store.get(key(150)));
            assertEquals(10, store.get(key(250)));
        }
    }

    @Test
    void shouldLeaveWhatPuttingEachReplayedChangeInTurnLeaves() {
        // Recovery's puts and deletes of many keys, each key changed up to four times, in two
        // batches (as a catalog operation in the middle of a replay applies the first), over
        // changes made before: the same as applying them one by one, through gets and scans.
        try (Pool pool = open()) {
            TreeStore direct = new TreeStore(pool, 1, 0);
            TreeStore replayed = new TreeStore(pool, 2, 0);
            for (int n = 0; n < 600; n += 3) {
                direct.put(key(n), n);
                replayed.put(key(n), n);
            }
            java.util.Random random = new java.util.Random(11);
            for (int batch = 0; batch < 2; batch++) {
                for (int i = 0; i < 2_000; i++) {
                    byte[] k = key(random.nextInt(1_000));
                    if (random.nextInt(4) == 0) {
                        direct.delete(k);
                        replayed.deleteReplayed(k);
                    } else {
                        long v = random.nextInt(1 << 20);
                        direct.put(k, v);
                        replayed.putReplayed(k, v);
                    }
                }
                replayed.applyReplayed();
                assertEquals(entries(direct), entries(replayed), "batch " + batch);
                for (int n = 0; n < 1_001; n++) {
                    assertEquals(direct.get(key(n)), replayed.get(key(n)), "key " + n);
                }
                assertEquals(direct.removals(), replayed.removals());
            }
            checkpoint(direct);
            checkpoint(replayed);
            assertEquals(entries(direct), entries(replayed), "checkpointed");
        }
    }

    /** Every entry of {@code store} in key order, as "key=value". */
    private static List<String> entries(TreeStore store) {
        List<String> out = new ArrayList<>();
        TreeStore.EntryCursor c = store.scan(null, false, null, false, false);
        while (c.next()) {
            out.add(number(c.key()) + "=" + c.value());
        }
        return out;
    }
}
