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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Rule A5: a full pool can still checkpoint, so frees can make room again. */
class PoolFullTest {
    @TempDir
    Path dir;

    @Test
    void shouldStillCheckpointAndReuseSpaceAfterRunningOut() {
        PoolOptions options = PoolOptions.defaults().withMode(PersistenceMode.PROCESS)
                .withInitialSize(256 << 10).withMaxSize(2 << 20);
        List<Long> blocks = new ArrayList<>();
        try (Pool pool = Pool.open(dir.resolve("full.pool"), options)) {
            PersimmonException full = assertThrows(PersimmonException.class, () -> {
                while (true) {
                    blocks.add(pool.allocator().allocate(4096));
                }
            });
            assertEquals(ErrorCode.POOL_FULL, full.code());
            assertTrue(full.getMessage().contains(String.valueOf(2 << 20)), full.getMessage());
            assertEquals(2 << 20, pool.size(), "the pool grew to its maximum");
            assertTrue(blocks.size() > 400, "only " + blocks.size() + " pages fitted in 2 MiB");

            pool.checkpoint(Map.of());
            assertPasses(pool, blocks);

            List<Long> freed = new ArrayList<>(blocks.subList(0, blocks.size() / 2));
            for (long block : freed) {
                pool.allocator().free(block, 4096);
            }
            blocks.removeAll(freed);
            // A2: until two checkpoints pass, no freed block comes back (other space may).
            int before = blocks.size();
            assertThrows(PersimmonException.class, () -> {
                while (true) {
                    long block = pool.allocator().allocate(4096);
                    assertFalse(freed.contains(block), "block " + block + " reused before two checkpoints");
                    blocks.add(block);
                }
            });
            int interim = blocks.size() - before;
            pool.checkpoint(Map.of());
            pool.checkpoint(Map.of());
            List<Long> again = new ArrayList<>();
            assertThrows(PersimmonException.class, () -> {
                while (true) {
                    again.add(pool.allocator().allocate(4096));
                }
            });
            assertTrue(again.size() >= freed.size() - interim, again.size() + " pages reused of " + freed.size());
            blocks.addAll(again);
            pool.checkpoint(Map.of());
            assertPasses(pool, blocks);
        }
    }

    private static void assertPasses(Pool pool, List<Long> blocks) {
        List<Long> owned = List.copyOf(blocks);
        CheckReport report = PoolCheck.run(pool.segment(), List.of(new BlockOwner() {
            @Override
            public String name() {
                return "pages";
            }

            @Override
            public void forEachBlock(MemorySegment s, long[] roots, BlockVisitor visitor) {
                owned.forEach(b -> visitor.block(b, 4096, "page"));
            }
        }));
        assertTrue(report.passed(), report::toString);
    }
}
