package io.persimmon.engine.btree;

import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.check.PoolCheck;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.RootSlot;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The tree against a {@link TreeMap}: thousands of seeded random puts, replaces and deletes in
 * batches of 1 to 400, keys of 1 byte to the maximum; after every batch the tree must pass
 * {@link BTreeCheck} and agree with the model on full scans both ways, bounded scans, gets and
 * counts. The tree grows to at least four levels, so splits and merges happen at every level;
 * then everything is deleted, and every node must be freed.
 */
class BTreeModelTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "page size {0}")
    @ValueSource(ints = {512, 4096})
    void shouldAgreeWithATreeMapAfterEveryBatch(int pageSize) {
        try (Pool pool = TestPools.open(dir, pageSize)) {
            long allocatedAtStart = pool.allocator().allocatedBytes();
            BTree tree = new BTree(pool, 0, BTree.Options.VERIFYING);
            SplittableRandom random = new SplittableRandom(pageSize * 7919L);
            KeyGenerator keys = new KeyGenerator(random, tree.maxKeyLength());
            TreeMap<byte[], Long> model = TreeModel.newMap();
            int maxHeight = 0;
            int batches = 0;
            long operations = 0;
            // Grow, churn, shrink: the share of puts falls from 80% to 30%.
            double[] putShare = {0.8, 0.8, 0.55, 0.5, 0.3, 0.3};
            for (double share : putShare) {
                for (int b = 0; b < 30; b++) {
                    operations += applyBatch(tree, model, random, keys, share, batchSize(random));
                    long root = tree.root();
                    assertAgrees(pool, tree, root, model, random, keys, pageSize, ++batches);
                    maxHeight = Math.max(maxHeight, tree.height(root));
                    if (batches % 7 == 0) {
                        pool.checkpoint(Map.of(RootSlot.TEST, root));
                    }
                }
            }
            assertTrue(operations >= 5000, "only " + operations + " operations");
            deleteEverything(pool, tree, model, random, keys, pageSize, batches);
            assertEquals(0, tree.root(), "a tree with no entries has root 0");
            pool.checkpoint(Map.of(RootSlot.TEST, 0L));
            assertEquals(allocatedAtStart, pool.allocator().allocatedBytes(), "every node is freed");
            CheckReport report = PoolCheck.run(pool.segment(), List.of(new BTreeOwner("tree", RootSlot.TEST, pageSize)));
            assertTrue(report.passed(), report::toString);
            assertEveryLevelRebalanced(tree.stats(), maxHeight, pageSize);
        }
    }

    private static int batchSize(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 1;
            case 1 -> 2 + random.nextInt(9);
            case 2 -> 10 + random.nextInt(90);
            default -> 100 + random.nextInt(300);
        };
    }

    /** One batch of {@code size} random operations, applied to the tree and the model; returns the count. */
    private static int applyBatch(BTree tree, TreeMap<byte[], Long> model, SplittableRandom random, KeyGenerator keys,
                                  double putShare, int size) {
        List<byte[]> present = new ArrayList<>(model.keySet());
        try (Batch batch = tree.batch()) {
            for (int i = 0; i < size; i++) {
                double r = random.nextDouble();
                if (r < putShare) {
                    boolean replace = !present.isEmpty() && random.nextInt(5) == 0;
                    byte[] key = replace ? present.get(random.nextInt(present.size())) : keys.next();
                    long value = random.nextLong();
                    Long before = model.put(key, value);
                    assertEquals(before == null ? BTree.NOT_FOUND : before, batch.put(key, value));
                } else {
                    boolean missing = present.isEmpty() || random.nextInt(10) == 0;
                    byte[] key = missing ? keys.next() : present.get(random.nextInt(present.size()));
                    Long before = model.remove(key);
                    assertEquals(before == null ? BTree.NOT_FOUND : before, batch.delete(key));
                }
            }
            batch.publish();
        }
        return size;
    }

    private static void deleteEverything(Pool pool, BTree tree, TreeMap<byte[], Long> model, SplittableRandom random,
                                         KeyGenerator keys, int pageSize, int batches) {
        while (!model.isEmpty()) {
            List<byte[]> present = new ArrayList<>(model.keySet());
            int size = Math.min(present.size(), batchSize(random));
            try (Batch batch = tree.batch()) {
                for (int i = 0; i < size; i++) {
                    byte[] key = present.remove(random.nextInt(present.size()));
                    assertEquals(model.remove(key), batch.delete(key));
                }
                batch.publish();
            }
            assertAgrees(pool, tree, tree.root(), model, random, keys, pageSize, ++batches);
        }
    }

    static void assertAgrees(Pool pool, BTree tree, long root, TreeMap<byte[], Long> model, SplittableRandom random,
                             KeyGenerator keys, int pageSize, int batch) {
        BTreeCheck.Result check = BTreeCheck.run(pool.segment(), root, pageSize);
        assertTrue(check.passed(), () -> "after batch " + batch + ": " + check.summary());
        assertEquals(model.size(), check.entries(), "entries found by the check after batch " + batch);
        String problem = TreeModel.verify(tree, root, model, random, keys, 4);
        assertNull(problem, () -> "after batch " + batch + ": " + problem);
    }

    private static void assertEveryLevelRebalanced(TreeStats stats, int maxHeight, int pageSize) {
        StringBuilder text = new StringBuilder("page " + pageSize + ", max height " + maxHeight + ", " + stats + ":");
        for (int level = 0; level < maxHeight; level++) {
            text.append(" L").append(level).append(" split/merge/borrow ").append(stats.splits(level)).append('/')
                    .append(stats.merges(level)).append('/').append(stats.borrows(level));
        }
        System.out.println(text);
        assertTrue(maxHeight >= 4, "the tree never grew past " + maxHeight + " levels: " + text);
        for (int level = 0; level < maxHeight - 1; level++) {
            assertTrue(stats.splits(level) > 0, "no split at level " + level + ": " + text);
            assertTrue(stats.merges(level) > 0, "no merge at level " + level + ": " + text);
        }
        assertTrue(stats.borrows(0) > 0 && stats.borrows(1) > 0, "no redistribution at levels 0 and 1: " + text);
    }
}
