package io.persimmon.engine.alloc;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.check.PoolCheck;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An opened pool's allocator loads its bitmap pages when first needed, not at open: each block
 * operation loads the pages of its lines, allocation loads more pages when the loaded ones have no
 * room, and the checkpoint metadata the pool was opened with is held as its pages load. Whatever
 * the order, no block is handed out while it is allocated, claimed, metadata, or freed and waiting
 * for two checkpoints (A2).
 */
class LazyBitmapTest {
    private static final PoolOptions OPTIONS = PoolOptions.defaults().withMode(PersistenceMode.PROCESS)
            .withInitialSize(16 << 20).withMaxSize(24 << 20);
    private static final long PAGE = 4096;

    @TempDir
    Path dir;

    @Test
    void loadsPagesOnDemandAndNeverHandsOutABlockTwice() {
        Path path = dir.resolve("lazy.pool");
        TreeMap<Long, Long> owned = new TreeMap<>();
        try (Pool pool = Pool.open(path, OPTIONS)) {
            // 12 MiB of 4 KiB blocks: every 2 MiB bitmap page but the last ones holds some.
            for (int i = 0; i < 3000; i++) {
                owned.put(pool.allocator().allocate(PAGE), PAGE);
            }
            pool.checkpoint(Map.of()); // the bitmap of the next open; its directory and pages are metadata
        }
        try (Pool pool = Pool.open(path, OPTIONS)) {
            Allocator allocator = pool.allocator();
            int pages = AllocatorLayout.bitmapPages(pool.size());
            assertEquals(pages, allocator.unloadedPages(), "the open loaded no bitmap page");

            // Frees and claims in pages not loaded yet: each loads its page first.
            long freed = owned.ceilingKey(AllocatorLayout.BYTES_PER_BITMAP_PAGE); // in the second page
            allocator.free(freed, PAGE); // checkpointed: reusable only after two more checkpoints
            owned.remove(freed);
            assertEquals(pages - 1, allocator.unloadedPages(), "the free loaded its page");
            BitmapDirectory opened = allocator.durableDirectory();
            long metadata = opened.pageOffsets()[0]; // a bitmap page block, written after the data, higher up
            assertTrue(metadata / AllocatorLayout.BYTES_PER_BITMAP_PAGE > 1, "in a page not loaded yet");
            PersimmonException overlap = assertThrows(PersimmonException.class,
                    () -> allocator.claimForReplay(metadata, PAGE), "a replayed allocation of the open's metadata");
            assertEquals(ErrorCode.CORRUPT, overlap.code());
            long claimed = pool.size() - AllocatorLayout.CHUNK; // free in the checkpoint, in the last page
            assertFalse(allocator.isAllocated(claimed, PAGE));
            allocator.claimForReplay(claimed, PAGE);
            owned.put(claimed, PAGE);
            assertTrue(allocator.unloadedPages() > 0, "only the pages touched are loaded");

            TreeMap<Long, Long> held = new TreeMap<>(owned);
            held.put(freed, PAGE);
            held.put(opened.offset(), opened.size());
            for (long page : opened.pageOffsets()) {
                if (page != 0) {
                    held.put(page, (long) AllocatorLayout.BITMAP_PAGE);
                }
            }
            // Fill the pool, growing it to its maximum: every page gets loaded on the way.
            PersimmonException full = assertThrows(PersimmonException.class, () -> {
                while (true) {
                    long block = allocator.allocate(PAGE);
                    assertNoOverlap(held, block, PAGE);
                    held.put(block, PAGE);
                    owned.put(block, PAGE);
                }
            });
            assertEquals(ErrorCode.POOL_FULL, full.code());
            assertEquals(0, allocator.unloadedPages());
            assertTrue(allocator.isAllocated(claimed, PAGE));

            pool.checkpoint(Map.of());
            assertPasses(pool, owned);
        }
    }

    @Test
    void frontierIsWhatLoadingEveryPageGives() {
        Path path = dir.resolve("frontier.pool");
        long highest = 0;
        try (Pool pool = Pool.open(path, OPTIONS)) {
            for (int i = 0; i < 100; i++) {
                pool.allocator().allocate(PAGE);
            }
            pool.checkpoint(Map.of()); // its metadata low in the pool, where the next reuses its chunk
            for (int i = 0; i < 1500; i++) {
                highest = Math.max(highest, pool.allocator().allocate(PAGE));
            }
            pool.checkpoint(Map.of());
            assertTrue(pool.allocator().durableDirectory().offset() < highest, "the metadata lies below the highest block");
        }
        try (Pool pool = Pool.open(path, OPTIONS)) {
            long frontier = pool.allocator().frontierBytes();
            assertTrue(frontier > highest, "the frontier " + frontier + " lies above the highest block " + highest);
            pool.allocator().allocatedBytes(); // loads every page
            assertEquals(frontier, pool.allocator().frontierBytes(), "and is the one loading every page gives");
        }
    }

    private static void assertNoOverlap(TreeMap<Long, Long> held, long block, long size) {
        Map.Entry<Long, Long> below = held.floorEntry(block + size - 1);
        assertTrue(below == null || below.getKey() + below.getValue() <= block,
                "block " + block + " overlaps " + below + ", which is held");
    }

    private static void assertPasses(Pool pool, TreeMap<Long, Long> owned) {
        Map<Long, Long> blocks = Map.copyOf(owned);
        CheckReport report = PoolCheck.run(pool.segment(), java.util.List.of(new BlockOwner() {
            @Override
            public String name() {
                return "blocks";
            }

            @Override
            public void forEachBlock(MemorySegment s, long[] roots, BlockVisitor visitor) {
                for (Map.Entry<Long, Long> e : blocks.entrySet()) {
                    visitor.block(e.getKey(), e.getValue(), "block");
                }
            }
        }));
        assertTrue(report.passed(), report::toString);
    }
}
