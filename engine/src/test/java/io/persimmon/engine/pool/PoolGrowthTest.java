package io.persimmon.engine.pool;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.check.PoolCheck;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.PoolLayouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Growth without user action: a pool doubles as allocations need it, up to its maximum size;
 * beyond that allocation fails with POOL_FULL, and the pool goes on working.
 */
class PoolGrowthTest {
    private static final long INITIAL = 256 << 10;
    private static final long MAX = 1 << 20;
    private static final PoolOptions OPTIONS = PoolOptions.defaults().withMode(PersistenceMode.PROCESS)
            .withInitialSize(INITIAL).withMaxSize(MAX);
    private static final long[] SIZES = {64, 256, 4096, 70_000};

    @TempDir
    Path dir;

    /** Blocks by offset, with their sizes. */
    private final TreeMap<Long, Long> blocks = new TreeMap<>();

    private long allocate(Pool pool, long bytes) {
        long offset = pool.allocator().allocate(bytes);
        assertNull(blocks.put(offset, bytes), "offset " + offset + " handed out twice");
        return offset;
    }

    /** Allocates blocks of every size in turn until none fits; returns the first POOL_FULL. */
    private PersimmonException fill(Pool pool) {
        List<Long> sizes = new ArrayList<>(List.of(SIZES[0], SIZES[1], SIZES[2], SIZES[3]));
        PersimmonException first = null;
        for (int i = 0; !sizes.isEmpty(); i++) {
            long size = sizes.get(i % sizes.size());
            try {
                allocate(pool, size);
            } catch (PersimmonException e) {
                assertEquals(ErrorCode.POOL_FULL, e.code(), e::getMessage);
                first = first == null ? e : first;
                sizes.remove(size);
            }
        }
        assertNotNull(first, "the pool filled up");
        return first;
    }

    /** The blocks allocated so far, checkpointed with them. */
    private Map<Long, Long> allocateAndCheckpoint(Pool pool, int perSize) {
        for (int i = 0; i < perSize; i++) {
            for (long size : SIZES) {
                long offset = allocate(pool, size);
                pool.segment().set(PoolLayouts.LONG, offset, offset);
                pool.persistence().flush(offset, 8);
            }
        }
        pool.checkpoint(Map.of());
        return new TreeMap<>(blocks);
    }

    private static BlockOwner owner(Map<Long, Long> owned) {
        return new BlockOwner() {
            @Override
            public String name() {
                return "test blocks";
            }

            @Override
            public void forEachBlock(MemorySegment pool, long[] roots, BlockVisitor visitor) {
                owned.forEach((offset, bytes) -> visitor.block(offset, bytes, "block"));
            }
        };
    }

    private static void assertConsistent(Pool pool, Map<Long, Long> owned) {
        CheckReport report = PoolCheck.run(pool.segment(), List.of(owner(owned)));
        assertTrue(report.passed(), report::toString);
        assertEquals(4, report.steps().size());
    }

    @Test
    void shouldDoubleThePoolAsAllocationsNeedIt() throws IOException {
        Path file = dir.resolve("grow.pool");
        try (Pool pool = Pool.open(file, OPTIONS)) {
            assertEquals(INITIAL, pool.size());
            long first = allocate(pool, 4096);
            pool.segment().set(PoolLayouts.LONG, first, 0x5EED_5EEDL);
            LinkedHashSet<Long> sizesSeen = new LinkedHashSet<>(List.of(pool.size()));
            while (pool.size() < MAX) {
                long offset = allocate(pool, 4096);
                assertTrue(offset + 4096 <= pool.size(), "block at " + offset + " inside the pool of " + pool.size());
                sizesSeen.add(pool.size());
                assertEquals(pool.size(), pool.allocator().capacityBytes());
                assertEquals(pool.size(), Files.size(file));
            }
            assertEquals(List.of(INITIAL, 2 * INITIAL, 4 * INITIAL), List.copyOf(sizesSeen));
            assertEquals(0x5EED_5EEDL, pool.segment().get(PoolLayouts.LONG, first), "growth keeps the content");
        }
    }

    @Test
    void shouldRefuseToGrowBeyondMaxSizeWithPoolFull() {
        try (Pool pool = Pool.open(dir.resolve("full.pool"), OPTIONS)) {
            PersimmonException full = fill(pool);
            assertEquals("pool " + pool.path() + " is full: it has reached its maximum size of 1048576 bytes"
                    + " (raise the maxSize option)", full.getMessage());
            assertEquals(MAX, pool.size());
            long allocated = pool.allocator().allocatedBytes();
            for (long size : new long[] {64, 4096, 2 * MAX}) {
                PersimmonException again = assertThrows(PersimmonException.class, () -> pool.allocator().allocate(size));
                assertEquals(ErrorCode.POOL_FULL, again.code());
                assertTrue(again.getMessage().contains("maximum size of 1048576 bytes"), again::getMessage);
            }
            assertEquals(allocated, pool.allocator().allocatedBytes(), "a refused allocation changes nothing");
            assertEquals(MAX, pool.size());
        }
    }

    @Test
    void shouldCheckpointAfterPoolFull() {
        try (Pool pool = Pool.open(dir.resolve("full-checkpoint.pool"), OPTIONS)) {
            allocateAndCheckpoint(pool, 3);
            long sequence = pool.header().sequence();
            fill(pool);
            // Nothing else will ever make room if the checkpoint cannot be written: freed blocks
            // become reusable only through checkpoints.
            PoolHeader header = pool.checkpoint(Map.of());
            assertEquals(sequence + 1, header.sequence());
            assertConsistent(pool, blocks);
        }
    }

    @Test
    void shouldReuseABlockFreedSinceTheLastCheckpointAfterPoolFull() {
        try (Pool pool = Pool.open(dir.resolve("full-free.pool"), OPTIONS)) {
            Map<Long, Long> checkpointed = allocateAndCheckpoint(pool, 3);
            fill(pool);
            long victim = blocks.descendingMap().entrySet().stream()
                    .filter(e -> e.getValue() == 4096 && !checkpointed.containsKey(e.getKey()))
                    .findFirst().orElseThrow().getKey();
            pool.allocator().free(victim, 4096);
            blocks.remove(victim);
            assertEquals(victim, allocate(pool, 4096), "the freed block is the only room left");
            assertThrows(PersimmonException.class, () -> pool.allocator().allocate(4096));
        }
    }

    @Test
    void shouldReuseCheckpointedSpaceAfterPoolFull() {
        try (Pool pool = Pool.open(dir.resolve("full-reuse.pool"), OPTIONS)) {
            Map<Long, Long> checkpointed = allocateAndCheckpoint(pool, 3);
            fill(pool);
            List<Long> freed = checkpointed.entrySet().stream().filter(e -> e.getValue() == 4096)
                    .map(Map.Entry::getKey).toList();
            assertEquals(3, freed.size());
            for (long offset : freed) {
                pool.allocator().free(offset, 4096);
                blocks.remove(offset);
            }
            // A1-A4: reusable once neither header copy names them, i.e. two checkpoints later.
            pool.checkpoint(Map.of());
            pool.checkpoint(Map.of());
            List<Long> reused = new ArrayList<>();
            for (int i = 0; i < freed.size(); i++) {
                reused.add(allocate(pool, 4096));
            }
            assertEquals(Set.copyOf(freed), Set.copyOf(reused), "the freed blocks were the only room for 4 KiB");
            pool.checkpoint(Map.of());
            assertConsistent(pool, blocks);
        }
    }

    /**
     * A block that no checkpoint ever held is reusable at once (A2), so allocating and freeing
     * one block again and again keeps reusing the same chunk, instead of marching through every
     * free chunk of the pool and queueing every freed block until the pool runs out.
     */
    @Test
    void shouldReuseBlocksFreedBeforeAnyCheckpointInsteadOfSpreadingOverThePool() {
        try (Pool pool = Pool.open(dir.resolve("churn.pool"), OPTIONS.withInitialSize(MAX))) {
            long lowest = Long.MAX_VALUE;
            long highest = 0;
            for (int i = 0; i < 5000; i++) {
                long offset = pool.allocator().allocate(64);
                pool.allocator().free(offset, 64);
                lowest = Math.min(lowest, offset);
                highest = Math.max(highest, offset);
            }
            assertTrue(highest - lowest < 2 * io.persimmon.engine.alloc.AllocatorLayout.CHUNK, "5000 cycles of one 64-byte block spread over "
                    + (highest - lowest) + " bytes of the pool, with " + pool.allocator().pendingReuse()
                    + " freed blocks waiting for reuse");
        }
    }

    @Test
    void shouldFindEveryCheckpointedBlockAfterReopenFollowingPoolFull() {
        Path file = dir.resolve("full-reopen.pool");
        Map<Long, Long> checkpointed;
        try (Pool pool = Pool.open(file, OPTIONS)) {
            checkpointed = allocateAndCheckpoint(pool, 3);
            fill(pool);
        }
        try (Pool pool = Pool.open(file, OPTIONS.withCreate(false))) {
            assertEquals(MAX, pool.size());
            for (Map.Entry<Long, Long> block : checkpointed.entrySet()) {
                assertTrue(pool.allocator().isAllocated(block.getKey(), block.getValue()), "block " + block);
                assertEquals(block.getKey(), pool.segment().get(PoolLayouts.LONG, block.getKey()));
            }
            assertEquals(checkpointed.values().stream().mapToLong(b -> (b + 63) / 64 * 64).sum() + HeaderLayout.REGION_SIZE,
                    pool.allocator().allocatedBytes(), "only the checkpointed blocks (and the header) are allocated");
            assertConsistent(pool, checkpointed);
        }
    }
}
