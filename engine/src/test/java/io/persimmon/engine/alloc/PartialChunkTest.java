package io.persimmon.engine.alloc;

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
 * Small blocks come from the lowest chunk of their class with a free slot, also after the search
 * has moved on to later chunks ({@link ChunkSet} remembers where the set's lowest chunk is).
 */
class PartialChunkTest {
    @TempDir
    Path dir;

    @Test
    void shouldTakeASlotFreedInAnEarlierChunkBeforeLaterSpace() {
        PoolOptions options = PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withInitialSize(4 << 20);
        try (Pool pool = Pool.open(dir.resolve("partial.pool"), options)) {
            Allocator allocator = pool.allocator();
            List<Long> blocks = new ArrayList<>();
            // Three chunks' worth of 128-byte blocks: the first chunks fill up and leave the set.
            for (int i = 0; i < 3 * AllocatorLayout.LINES_PER_CHUNK / 2; i++) {
                blocks.add(allocator.allocate(128));
            }
            long early = blocks.get(10);
            long later = blocks.getLast();
            assertNotEquals(early / AllocatorLayout.CHUNK, later / AllocatorLayout.CHUNK, "the blocks span several chunks");
            // Never checkpointed and no reader: the slot is free again at once, and its chunk rejoins the set.
            allocator.free(early, 128);
            assertEquals(early, allocator.allocate(128), "the slot freed in the earlier chunk is taken first");
            long next = allocator.allocate(128);
            assertTrue(next > later, "then the search goes on after the last block (" + next + " after " + later + ")");
        }
    }
}
