package io.persimmon.engine.pool;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.check.PoolCheck;
import io.persimmon.engine.pmem.PersistenceMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PoolLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void shouldCreateReopenAndKeepRoots() {
        Path file = dir.resolve("a.pool");
        PoolOptions options = PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withInitialSize(1 << 20);
        long block;
        try (Pool pool = Pool.open(file, options)) {
            assertEquals(1, pool.header().sequence());
            block = pool.allocator().allocate(1000);
            pool.persistence().flush(block, 1000);
            pool.checkpoint(Map.of(RootSlot.TEST, block));
            assertEquals(2, pool.header().sequence());
        }
        try (Pool pool = Pool.open(file, options.withCreate(false))) {
            assertEquals(block, pool.header().root(RootSlot.TEST));
            assertTrue(pool.allocator().isAllocated(block, 1000));
            var report = PoolCheck.run(pool.segment(), List.of(new io.persimmon.engine.check.BlockOwner() {
                public String name() { return "test"; }
                public void forEachBlock(java.lang.foreign.MemorySegment s, long[] roots, BlockVisitor v) {
                    v.block(roots[RootSlot.TEST.index()], 1000, "test block");
                }
            }));
            assertTrue(report.passed(), report::toString);
        }
    }

    @Test
    void shouldRefuseASecondOpenInTheSameProcess() {
        Path file = dir.resolve("b.pool");
        PoolOptions options = PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withInitialSize(1 << 20);
        try (Pool pool = Pool.open(file, options)) {
            PersimmonException e = assertThrows(PersimmonException.class, () -> Pool.open(file, options));
            assertEquals(ErrorCode.ALREADY_OPEN, e.code());
        }
    }
}
