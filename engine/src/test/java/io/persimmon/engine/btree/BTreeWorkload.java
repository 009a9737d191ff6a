package io.persimmon.engine.btree;

import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.RootSlot;
import io.persimmon.engine.testkit.CrashWorkload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded random workload of one tree for the crash harness: batches of 1 to 60 puts, replaces
 * and deletes (growing the tree to three levels, then shrinking it), each published, and most of
 * them checkpointed into the TEST root (a quarter are not, so that nodes published but never
 * checkpointed are freed and reused too).
 *
 * <p>After a crash the tree the recovered header names must pass {@link BTreeCheck} and hold
 * exactly the model of the last checkpoint (or, during a checkpoint, of the one being written),
 * and {@code check} must find every node allocated and owned once, nothing leaked.
 */
final class BTreeWorkload implements CrashWorkload {
    private final long seed;
    private final int batches;
    private final int pageSize;
    private volatile TreeMap<byte[], Long> durable = TreeModel.newMap();
    private volatile TreeMap<byte[], Long> inFlight;

    BTreeWorkload(long seed, int batches, int pageSize) {
        this.seed = seed;
        this.batches = batches;
        this.pageSize = pageSize;
    }

    @Override
    public void run(Pool pool) {
        SplittableRandom random = new SplittableRandom(seed);
        BTree tree = new BTree(pool, 0, BTree.Options.VERIFYING);
        KeyGenerator keys = new KeyGenerator(random, tree.maxKeyLength());
        TreeMap<byte[], Long> working = TreeModel.newMap();
        for (int b = 0; b < batches; b++) {
            double putShare = b < batches / 2 ? 0.8 : 0.35;
            long root = applyBatch(tree, working, random, keys, putShare, 1 + random.nextInt(60));
            if (random.nextInt(4) != 0 || b == batches - 1) {
                inFlight = TreeModel.copy(working);
                pool.checkpoint(Map.of(RootSlot.TEST, root));
                durable = inFlight;
                inFlight = null;
            }
        }
    }

    private static long applyBatch(BTree tree, TreeMap<byte[], Long> working, SplittableRandom random,
                                   KeyGenerator keys, double putShare, int size) {
        List<byte[]> present = new ArrayList<>(working.keySet());
        try (Batch batch = tree.batch()) {
            for (int i = 0; i < size; i++) {
                if (random.nextDouble() < putShare || present.isEmpty()) {
                    byte[] key = !present.isEmpty() && random.nextInt(5) == 0
                            ? present.get(random.nextInt(present.size())) : keys.next();
                    long value = random.nextLong(Long.MAX_VALUE);
                    batch.put(key, value);
                    working.put(key, value);
                } else {
                    byte[] key = present.get(random.nextInt(present.size()));
                    batch.delete(key);
                    working.remove(key);
                }
            }
            return batch.publish();
        }
    }

    @Override
    public List<Object> acceptableStates() {
        TreeMap<byte[], Long> pending = inFlight;
        return pending == null ? List.of(durable) : List.of(durable, pending);
    }

    @Override
    public String verify(Pool recovered, List<Object> acceptable) {
        long root = recovered.header().root(RootSlot.TEST);
        BTreeCheck.Result check = BTreeCheck.run(recovered.segment(), root, recovered.header().pageSize());
        if (!check.passed()) {
            return "the recovered tree fails its check: " + check.summary();
        }
        BTree tree = new BTree(recovered, root, BTree.Options.VERIFYING);
        var entries = TreeModel.drain(tree.scan(root, null, true, null, true, false));
        for (Object state : acceptable) {
            @SuppressWarnings("unchecked")
            TreeMap<byte[], Long> expected = (TreeMap<byte[], Long>) state;
            if (TreeModel.compare(entries, expected.entrySet(), "scan") == null) {
                for (Map.Entry<byte[], Long> e : expected.entrySet()) {
                    if (tree.get(root, e.getKey()) != e.getValue()) {
                        return "get " + TreeModel.hex(e.getKey()) + " = " + tree.get(root, e.getKey())
                                + " although the scan shows " + e.getValue();
                    }
                }
                return null;
            }
        }
        return "the recovered tree of " + entries.size() + " entries is none of the " + acceptable.size()
                + " acceptable states (" + TreeModel.compare(entries, ((TreeMap<?, ?>) acceptable.get(0)).isEmpty()
                ? List.of() : durableEntries(acceptable.get(0)), "against the last checkpoint") + ")";
    }

    @SuppressWarnings("unchecked")
    private static Iterable<Map.Entry<byte[], Long>> durableEntries(Object state) {
        return ((TreeMap<byte[], Long>) state).entrySet();
    }

    @Override
    public List<BlockOwner> owners() {
        return List.of(new BTreeOwner("B+tree in TEST", RootSlot.TEST, pageSize));
    }
}
