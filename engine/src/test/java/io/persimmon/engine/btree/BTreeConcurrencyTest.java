package io.persimmon.engine.btree;

import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.RootSlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Two readers scan and get, lock-free, against roots they pick up inside a {@link ReaderEpochs}
 * epoch, while the writer publishes batches that free the nodes they replace (reused as soon as
 * the gate allows) and checkpoints now and then. Every node a reader opens is checked against its
 * CRC32C, and everything it reads against the model of the root it picked up: a torn or reused
 * node would show as a corrupt node or a wrong answer.
 */
class BTreeConcurrencyTest {
    private static final int BATCHES = 400;

    @TempDir
    Path dir;

    /** A root and the model it holds, published together. */
    private record Published(long root, TreeMap<byte[], Long> model) {}

    @Test
    void shouldNeverShowAReaderATornOrReusedNode() throws InterruptedException {
        try (Pool pool = TestPools.open(dir, 512)) {
            ReaderEpochs epochs = new ReaderEpochs();
            pool.allocator().setReuseGate(epochs);
            BTree tree = new BTree(pool, 0, BTree.Options.VERIFYING);
            AtomicReference<Published> current = new AtomicReference<>(new Published(0, TreeModel.newMap()));
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> anomalies = new ConcurrentLinkedQueue<>();
            AtomicLong reads = new AtomicLong();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                long seed = r;
                Thread reader = new Thread(() -> read(tree, epochs, current, stop, anomalies, reads, seed), "reader-" + r);
                reader.start();
                readers.add(reader);
            }
            int reused;
            try {
                reused = write(pool, tree, epochs, current);
            } finally {
                stop.set(true);
                for (Thread reader : readers) {
                    reader.join();
                }
            }
            assertTrue(anomalies.isEmpty(), () -> anomalies.size() + " anomalies, first: " + anomalies.peek());
            assertTrue(reads.get() >= 100, "the readers read only " + reads.get() + " times");
            assertTrue(reused > 0, "no node was ever reused: the test proves nothing");
            System.out.println("B+tree concurrency: " + BATCHES + " batches, " + reads.get() + " reads, "
                    + reused + " nodes written into reused blocks, 0 anomalies");
        }
    }

    /** The writer: publishes, then lets readers see the new root, then advances the epoch. */
    private static int write(Pool pool, BTree tree, ReaderEpochs epochs, AtomicReference<Published> current) {
        SplittableRandom random = new SplittableRandom(99);
        KeyGenerator keys = new KeyGenerator(random, tree.maxKeyLength());
        TreeMap<byte[], Long> model = TreeModel.newMap();
        Set<Long> everWritten = new HashSet<>();
        Set<Long> previous = Set.of();
        int reused = 0;
        for (int b = 0; b < BATCHES; b++) {
            double putShare = model.size() < 600 ? 0.75 : 0.4;
            List<byte[]> present = new ArrayList<>(model.keySet());
            long root;
            try (Batch batch = tree.batch()) {
                for (int i = 1 + random.nextInt(30); i > 0; i--) {
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
                root = batch.publish();
            }
            current.set(new Published(root, TreeModel.copy(model)));
            epochs.advance(); // readers entering from now on can only pick up the new root
            pool.allocator().reclaim();
            if (b % 10 == 0) {
                pool.checkpoint(Map.of(RootSlot.TEST, root));
            }
            Set<Long> nodes = Nodes.image(pool, root).keySet();
            for (long node : nodes) {
                if (!previous.contains(node) && !everWritten.add(node)) {
                    reused++;
                }
            }
            previous = nodes;
        }
        return reused;
    }

    private static void read(BTree tree, ReaderEpochs epochs, AtomicReference<Published> current, AtomicBoolean stop,
                             ConcurrentLinkedQueue<String> anomalies, AtomicLong reads, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        KeyGenerator keys = new KeyGenerator(new SplittableRandom(seed + 100), tree.maxKeyLength());
        while (!stop.get() && anomalies.size() < 10) {
            try (ReaderEpochs.Guard guard = epochs.enter()) {
                Published p = current.get(); // picked up inside the epoch of `guard`
                assert guard.epoch() > 0;
                String problem = TreeModel.verify(tree, p.root(), p.model(), random, keys, 2);
                if (problem != null) {
                    anomalies.add("root " + p.root() + ": " + problem);
                }
            } catch (RuntimeException e) {
                anomalies.add(e.toString());
            }
            reads.incrementAndGet();
        }
    }
}
