package io.persimmon.engine.pool;

import io.persimmon.engine.alloc.BitmapDirectory;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pmem.SimPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Rule A2 when a free races with a checkpoint: a block that the checkpoint being written names
 * (its bitmap lists it allocated, a root reaches it) and that another thread frees before that
 * checkpoint's header is durable must not be reused until neither header copy names it.
 *
 * <p>The race is made deterministic with the simulator's fence listener: the free runs, in
 * another thread, during the first fence of {@link Pool#checkpoint} (after the allocator prepared
 * the bitmap, before the header is written), as a background garbage collector could.
 */
class FreeDuringCheckpointTest {
    private static final int SIZE = 4096;
    private static final long MARK = 0xB10C_B10C_B10C_B10CL;

    @TempDir
    Path dir;

    private Pool open() {
        return Pool.open(dir.resolve("race.pool"), PoolOptions.defaults().withMode(PersistenceMode.SIM)
                .withInitialSize(1 << 20));
    }

    private static long publishedBlock(Pool pool) {
        long block = pool.allocator().allocate(SIZE);
        pool.segment().set(PoolLayouts.LONG, block, MARK);
        pool.persistence().flush(block, 8);
        return block;
    }

    /** Allocates blocks of the same size until the chunk's slots have certainly wrapped around. */
    private static List<Long> allocateMany(Pool pool) {
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            offsets.add(pool.allocator().allocate(SIZE));
        }
        return offsets;
    }

    @Test
    void shouldNotReuseABlockFreedAfterTheCheckpointThatNamesIt() {
        try (Pool pool = open()) {
            long block = publishedBlock(pool);
            pool.checkpoint(Map.of(RootSlot.TEST, block));
            pool.allocator().free(block, SIZE);
            assertFalse(allocateMany(pool).contains(block), "header 2, the newest, names the block");
        }
    }

    @Test
    void shouldNotReuseABlockFreedWhileTheCheckpointThatNamesItIsWritten() {
        try (Pool pool = open()) {
            long block = publishedBlock(pool);
            SimPersistence sim = (SimPersistence) pool.persistence();
            sim.setFenceListener((s, fence) -> {
                if (fence == 1) {
                    Thread collector = new Thread(() -> pool.allocator().free(block, SIZE));
                    collector.start();
                    try {
                        collector.join();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            });
            PoolHeader header = pool.checkpoint(Map.of(RootSlot.TEST, block));
            sim.setFenceListener(null);

            // Header 2 is durable and names the block: as reachable, and as allocated in its bitmap.
            assertEquals(block, header.root(RootSlot.TEST));
            BitmapDirectory directory = BitmapDirectory.read(pool.segment(), header.root(RootSlot.ALLOCATOR));
            long word = directory.loadWords(pool.segment())[(int) (block / 64 / 64)];
            assertEquals(-1L, word, "the bitmap of checkpoint 2 lists the block's 64 lines as allocated");

            // So the block must not be handed out while header 2 (or its successor's other copy) names it.
            List<Long> later = allocateMany(pool);
            assertFalse(later.contains(block), () -> "block " + block + " was handed out again while the newest"
                    + " durable header names it; its content " + Long.toHexString(MARK) + " would be overwritten");
        }
    }
}
