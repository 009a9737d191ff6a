package io.persimmon.engine.pool;

import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.DatabaseOptions;
import io.persimmon.engine.pmem.PersistenceMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Pool#prefaultAhead}: the memory just above the allocator's frontier is faulted in
 * before a commit first writes it, without a byte of it changing, and again in the new mapping
 * after the pool grows. Residency is the kernel's answer ({@link MemorySegment#isLoaded}, mincore):
 * the pool files here are sparse, so before the call those pages are in no cache.
 */
class PrefaultAheadTest {
    private static final PoolOptions OPTIONS = PoolOptions.defaults().withMode(PersistenceMode.PROCESS)
            .withInitialSize(64L << 20).withMaxSize(1L << 30);

    @TempDir
    Path dir;

    @Test
    void faultsInTheMemoryAboveTheFrontierWithoutWritingIt() {
        try (Pool pool = Pool.open(dir.resolve("ahead.pool"), OPTIONS)) {
            long frontier = pool.allocator().frontierBytes();
            MemorySegment ahead = pool.segment().asSlice(frontier, Pool.PREFAULT_AHEAD);
            assertFalse(ahead.isLoaded(), "a new pool's memory above the frontier is not in memory yet");

            pool.prefaultAhead();

            assertTrue(ahead.isLoaded(), "the " + (Pool.PREFAULT_AHEAD >> 20) + " MiB above the frontier are faulted in");
            assertEquals(-1, MemorySegment.mismatch(ahead, 0, ahead.byteSize(),
                    MemorySegment.ofArray(new byte[(int) ahead.byteSize()]), 0, ahead.byteSize()), "and still zero");
            MemorySegment beyond = pool.segment().asSlice(frontier + Pool.PREFAULT_AHEAD,
                    pool.segment().byteSize() - frontier - Pool.PREFAULT_AHEAD);
            assertFalse(beyond.isLoaded(), "nothing further than that");
        }
    }

    @Test
    void followsTheFrontierIntoTheMappingAfterGrowth() {
        try (Pool pool = Pool.open(dir.resolve("grown.pool"), OPTIONS)) {
            pool.prefaultAhead();
            long size = pool.segment().byteSize();
            while (pool.segment().byteSize() == size) {
                pool.allocator().allocate(64 << 10); // up to a growth: the frontier moves and the pool is mapped anew
            }
            long frontier = pool.allocator().frontierBytes();
            assertTrue(frontier > Pool.PREFAULT_AHEAD, "the frontier passed what the first call faulted in");
            MemorySegment ahead = pool.segment().asSlice(frontier, Pool.PREFAULT_AHEAD);
            assertFalse(ahead.isLoaded(), "the new mapping's memory above the frontier is not in memory yet");

            pool.prefaultAhead();

            assertTrue(ahead.isLoaded(), "the new mapping is faulted in above the new frontier");
        }
    }

    @Test
    void notInMsyncModeWhereAPopulatedPageWouldBeWrittenBackAsZeros() {
        try (Pool pool = Pool.open(dir.resolve("msync.pool"), OPTIONS.withMode(PersistenceMode.MSYNC))) {
            long frontier = pool.allocator().frontierBytes();
            pool.prefaultAhead();
            assertFalse(pool.segment().asSlice(frontier, Pool.PREFAULT_AHEAD).isLoaded());
        }
    }

    @Test
    void aClosedPoolIsLeftAlone() {
        Pool pool = Pool.open(dir.resolve("closed.pool"), OPTIONS);
        pool.close(); // as a test's simulated crash does under a database whose thread still runs
        assertDoesNotThrow(pool::prefaultAhead);
    }

    @Test
    void aDatabasesBackgroundThreadKeepsItAhead() throws InterruptedException {
        DatabaseOptions options = DatabaseOptions.defaults().withPool(OPTIONS)
                .withMaintenanceInterval(Duration.ofMillis(10));
        try (Database db = Database.open(dir.resolve("db.pool"), options)) {
            Pool pool = db.pool();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean loaded = false;
            while (!loaded && System.nanoTime() < deadline) {
                Thread.sleep(10);
                long frontier = pool.allocator().frontierBytes();
                loaded = pool.segment().asSlice(frontier, Pool.PREFAULT_AHEAD).isLoaded();
            }
            assertTrue(loaded, "the maintenance thread faulted in the memory above the frontier");
        }
    }
}
