package io.persimmon.engine.btree;

import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.RootSlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Copy-on-write: a published root keeps reading exactly what it held, byte for byte in every
 * node, through later batches and checkpoints, as long as a reader holds it; once the reader
 * leaves, its nodes are freed and reused.
 */
class BTreeImmutabilityTest {
    @TempDir
    Path dir;

    private record Kept(long root, TreeMap<byte[], Long> model, Map<Long, byte[]> nodes) {}

    @Test
    void shouldKeepOldRootsIntactUntilTheirNodesAreFreed() {
        int pageSize = 512;
        try (Pool pool = TestPools.open(dir, pageSize)) {
            ReaderEpochs epochs = new ReaderEpochs();
            pool.allocator().setReuseGate(epochs);
            BTree tree = new BTree(pool, 0, BTree.Options.VERIFYING);
            SplittableRandom random = new SplittableRandom(42);
            KeyGenerator keys = new KeyGenerator(random, tree.maxKeyLength());
            TreeMap<byte[], Long> model = TreeModel.newMap();
            for (int b = 0; b < 5; b++) {
                batch(tree, model, random, keys, 0.9);
            }
            ReaderEpochs.Guard reader = epochs.enter();
            List<Kept> kept = new ArrayList<>();
            for (int b = 0; b < 60; b++) {
                long root = batch(tree, model, random, keys, b < 30 ? 0.7 : 0.3);
                epochs.advance();
                if (b % 12 == 0) {
                    kept.add(new Kept(root, TreeModel.copy(model), Nodes.image(pool, root)));
                }
                if (b % 3 == 0) {
                    pool.checkpoint(Map.of(RootSlot.TEST, root));
                }
            }
            for (Kept k : kept) {
                assertIntact(pool, tree, k, random, keys);
            }
            reader.close();
            Set<Long> oldNodes = new HashSet<>();
            kept.forEach(k -> oldNodes.addAll(k.nodes().keySet()));
            oldNodes.removeAll(Nodes.image(pool, tree.root()).keySet());
            for (int b = 0; b < 3; b++) {
                pool.checkpoint(Map.of(RootSlot.TEST, batch(tree, model, random, keys, 0.6)));
                epochs.advance();
            }
            // Freed, and reusable: allocation hands the old nodes' blocks out again.
            Set<Long> reused = new HashSet<>();
            for (int i = 0; i < 4000 && reused.isEmpty(); i++) {
                long block = pool.allocator().allocate(pageSize);
                if (oldNodes.contains(block)) {
                    reused.add(block);
                }
            }
            assertFalse(reused.isEmpty(), "the old roots' nodes were never freed and reused");
        }
    }

    private static void assertIntact(Pool pool, BTree tree, Kept k, SplittableRandom random, KeyGenerator keys) {
        for (Map.Entry<Long, byte[]> node : k.nodes().entrySet()) {
            byte[] now = pool.segment().asSlice(node.getKey(), node.getValue().length)
                    .toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            assertTrue(Arrays.equals(node.getValue(), now), "node at " + node.getKey() + " of root " + k.root()
                    + " changed after it was published");
        }
        BTreeCheck.Result check = BTreeCheck.run(pool.segment(), k.root(), pool.header().pageSize());
        assertTrue(check.passed(), check::summary);
        assertNull(TreeModel.verify(tree, k.root(), k.model(), random, keys, 3));
    }

    private static long batch(BTree tree, TreeMap<byte[], Long> model, SplittableRandom random, KeyGenerator keys,
                              double putShare) {
        List<byte[]> present = new ArrayList<>(model.keySet());
        try (Batch batch = tree.batch()) {
            for (int i = 1 + random.nextInt(40); i > 0; i--) {
                if (random.nextDouble() < putShare || present.isEmpty()) {
                    byte[] key = keys.next();
                    long value = random.nextLong(Long.MAX_VALUE);
                    batch.put(key, value);
                    model.put(key, value);
                } else {
                    byte[] key = present.get(random.nextInt(present.size()));
                    batch.delete(key);
                    model.remove(key);
                }
            }
            return batch.publish();
        }
    }
}
