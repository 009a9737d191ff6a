package io.persimmon.engine.bench;

import io.persimmon.engine.btree.BTree;
import io.persimmon.engine.btree.Batch;
import io.persimmon.engine.btree.TreeStats;
import io.persimmon.engine.pmem.PersistenceCounters;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.pool.RootSlot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The B+tree with 1 M keys (8-byte big-endian integers, loaded in random order), in
 * {@code process} mode, for page sizes of 512, 1024 and 4096 bytes: a point lookup, a batch of one
 * put (a replace: the path from the root is copied, written and flushed, nothing fenced; a
 * checkpoint every 64 batches), and that batch followed by the checkpoint that publishes it. At the end of a trial it prints what one
 * single-put batch cost: nodes copied, bytes and cache lines flushed, fences.
 *
 * <pre>MAVEN_ARGS=-o bin/jmh engine BTreeBenchmark -f 1 -wi 2 -i 3</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BTreeBenchmark {
    static final int KEYS = 1_000_000;
    static final int LOAD_BATCH = 100_000;
    /** Batches of {@link #putBatch} per checkpoint. */
    static final int CHECKPOINT_EVERY = 64;

    /** A pool holding a tree of {@link #KEYS} keys, checkpointed; deleted at the end of the trial. */
    @State(Scope.Thread)
    public static class TreeState {
        @Param({"512", "1024", "4096"})
        public int pageSize;

        Path directory;
        Pool pool;
        BTree tree;
        byte[][] keys;
        final SplittableRandom random = new SplittableRandom(7);
        long batchesAtStart;
        long copiedAtStart;
        long writtenAtStart;
        long bytesAtStart;
        PersistenceCounters.Snapshot countsAtStart;

        @Setup(Level.Trial)
        public void load() throws IOException {
            directory = BenchPools.scratchDirectory("btree");
            pool = Pool.open(directory.resolve("bench.pool"), PoolOptions.defaults().withMode(PersistenceMode.PROCESS)
                    .withPageSize(pageSize).withInitialSize(64L << 20).withMaxSize(4L << 30).withDeleteOnClose(true));
            tree = new BTree(pool, 0);
            keys = new byte[KEYS][];
            for (int i = 0; i < KEYS; i++) {
                keys[i] = ByteBuffer.allocate(8).putLong(2L * i).array();
            }
            int[] order = shuffled(KEYS, new SplittableRandom(1));
            for (int from = 0; from < KEYS; from += LOAD_BATCH) {
                try (Batch batch = tree.batch()) {
                    for (int i = from; i < Math.min(KEYS, from + LOAD_BATCH); i++) {
                        batch.put(keys[order[i]], order[i]);
                    }
                    pool.checkpoint(Map.of(RootSlot.TEST, batch.publish()));
                }
            }
            TreeStats stats = tree.stats();
            batchesAtStart = stats.batches();
            copiedAtStart = stats.nodesCopied();
            writtenAtStart = stats.nodesWritten();
            bytesAtStart = stats.bytesWritten();
            countsAtStart = pool.persistence().counters().total();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            TreeStats stats = tree.stats();
            long batches = stats.batches() - batchesAtStart;
            if (batches > 0) {
                PersistenceCounters.Snapshot counts = pool.persistence().counters().total().minus(countsAtStart);
                System.out.printf("%npage %d: height %d, %d batches: per single-put batch %.2f nodes copied, %.2f written,"
                                + " %.0f node bytes flushed; with checkpoints: %.0f bytes / %.1f lines flushed,"
                                + " %.2f fences (pool %d MiB)%n",
                        pageSize, tree.height(tree.root()), batches,
                        (stats.nodesCopied() - copiedAtStart) / (double) batches,
                        (stats.nodesWritten() - writtenAtStart) / (double) batches,
                        (stats.bytesWritten() - bytesAtStart) / (double) batches,
                        counts.bytesPersisted() / (double) batches, counts.flushedLines() / (double) batches,
                        counts.fences() / (double) batches, pool.size() >> 20);
            }
            pool.close();
            Files.deleteIfExists(directory);
        }

        byte[] randomKey() {
            return keys[random.nextInt(KEYS)];
        }
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Benchmark
    public long get(TreeState state) {
        return state.tree.get(state.tree.root(), state.randomKey());
    }

    /**
     * A batch of one put (a replace), published: the new path is flushed, not fenced. Every
     * {@link #CHECKPOINT_EVERY} batches a checkpoint publishes the root (as the engine's background
     * checkpointer would), so that freed nodes become reusable (rule A2) instead of every batch
     * writing to pages never touched before.
     */
    @Benchmark
    public long putBatch(TreeState state) {
        long root = publishOnePut(state);
        if (state.tree.stats().batches() % CHECKPOINT_EVERY == 0) {
            state.pool.checkpoint(Map.of(RootSlot.TEST, root));
        }
        return root;
    }

    /** A batch of one put and the checkpoint that makes its root durable (two fences, the allocator bitmap). */
    @Benchmark
    public long putBatchAndCheckpoint(TreeState state) {
        long root = publishOnePut(state);
        state.pool.checkpoint(Map.of(RootSlot.TEST, root));
        return root;
    }

    private static long publishOnePut(TreeState state) {
        try (Batch batch = state.tree.batch()) {
            batch.put(state.randomKey(), state.random.nextLong(Long.MAX_VALUE));
            return batch.publish();
        }
    }
}
