package io.persimmon.engine.pmem;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pmem.PersistenceCounters.Snapshot;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The persistence modes as a user sees them: what is counted, which modes make system calls,
 * how the mode is chosen, and the parsing of the options that name them.
 */
class PersistenceModeTest {
    private static final PoolOptions OPTIONS = PoolOptions.defaults().withInitialSize(1 << 20);
    /** A region of a 1 MiB pool that no allocation or checkpoint of these tests touches. */
    private static final long BASE = 512 << 10;
    private static final long PAGE = 4096;

    @TempDir
    Path dir;

    private Pool open(String name, PersistenceMode mode) {
        return Pool.open(dir.resolve(name), OPTIONS.withMode(mode));
    }

    // ------------------------------------------------------------------ counters

    @Test
    void shouldCountLinesFencesAndBytes() {
        try (Pool pool = open("count.pool", PersistenceMode.PROCESS)) {
            Persistence p = pool.persistence();
            Snapshot before = p.counters().total();
            p.flush(BASE + 60, 10);     // bytes 60..69: across a line boundary, 2 lines
            p.flush(BASE + 128, 64);    // exactly one line
            p.flush(BASE + 200, 0);     // empty: nothing
            p.flush(BASE + 1, 4096);    // 4 KiB starting off a line: 65 lines
            p.fence();
            p.fence();
            assertEquals(new Snapshot(2 + 1 + 65, 2, 10 + 64 + 4096, 0), p.counters().total().minus(before));
            p.persist(BASE + 8, 8);
            assertEquals(new Snapshot(69, 3, 4178, 0), p.counters().total().minus(before));
        }
    }

    @Test
    void shouldNestScopesAndAddThemToTheOuterScope() throws InterruptedException {
        try (Pool pool = open("scopes.pool", PersistenceMode.PROCESS)) {
            Persistence p = pool.persistence();
            PersistenceCounters counters = p.counters();
            Snapshot before = counters.total();
            try (PersistenceCounters.Scope outer = counters.openScope()) {
                p.flush(BASE, 64);
                try (PersistenceCounters.Scope inner = counters.openScope()) {
                    p.flush(BASE + 64, 128);
                    p.fence();
                    assertEquals(new Snapshot(2, 1, 128, 0), inner.snapshot());
                    assertEquals(new Snapshot(1, 0, 64, 0), outer.snapshot(), "inner counts join the outer at close");
                }
                assertEquals(new Snapshot(3, 1, 192, 0), outer.snapshot());

                Thread other = new Thread(() -> p.persist(BASE + 4096, 256));
                other.start();
                other.join();
                assertEquals(new Snapshot(3, 1, 192, 0), outer.snapshot(), "a scope counts its own thread only");

                p.fence();
                assertEquals(new Snapshot(3, 2, 192, 0), outer.snapshot());
            }
            p.persist(BASE, 8);
            assertEquals(new Snapshot(3 + 4 + 1, 2 + 1 + 1, 192 + 256 + 8, 0), counters.total().minus(before));
        }
    }

    // ------------------------------------------------------------------ system calls per mode

    @Test
    void shouldMakeNoSystemCallInProcessMode() {
        try (Pool pool = open("process.pool", PersistenceMode.PROCESS)) {
            Persistence p = pool.persistence();
            assertEquals(PersistenceMode.PROCESS, p.mode());
            MemorySegment s = pool.segment();
            Snapshot before = p.counters().total();
            for (int i = 0; i < 1000; i++) {
                s.set(PoolLayouts.LONG, BASE + 8L * i, i);
                p.persist(BASE + 8L * i, 8);
            }
            Snapshot done = p.counters().total().minus(before);
            assertEquals(1000, done.fences());
            assertEquals(1000, done.flushedLines());
            assertEquals(0, done.syncCalls());
            assertEquals(0, p.counters().total().syncCalls(), "not even while opening or creating the pool");
        }
    }

    @Test
    void shouldCountOneSyncCallPerContiguousRunInMsyncMode() {
        try (Pool pool = open("msync.pool", PersistenceMode.MSYNC)) {
            Persistence p = pool.persistence();
            assertEquals(PersistenceMode.MSYNC, p.mode());
            MemorySegment s = pool.segment();
            Snapshot before = p.counters().total();

            s.set(PoolLayouts.LONG, BASE, 1);
            p.persist(BASE, 8);
            assertEquals(new Snapshot(1, 1, 8, 1), p.counters().total().minus(before), "one page, one msync");

            before = p.counters().total();
            p.fence();
            assertEquals(new Snapshot(0, 1, 0, 0), p.counters().total().minus(before), "nothing flushed, no msync");

            before = p.counters().total();
            s.set(PoolLayouts.LONG, BASE + PAGE, 2);
            s.set(PoolLayouts.LONG, BASE + 2 * PAGE, 3);
            p.flush(BASE + 2 * PAGE, 8);
            p.flush(BASE + PAGE, 8);
            p.fence();
            assertEquals(1, p.counters().total().minus(before).syncCalls(), "adjacent pages are one run");

            before = p.counters().total();
            s.set(PoolLayouts.LONG, BASE + 8 * PAGE, 4);
            p.flush(BASE, 8);
            p.flush(BASE + 8 * PAGE, 8);
            p.fence();
            assertEquals(2, p.counters().total().minus(before).syncCalls(), "distant pages are two runs");
        }
    }

    @Test
    void shouldSyncACheckpointSizedFlushWithOneMsyncOverItsSpan() {
        try (Pool pool = open("span.pool", PersistenceMode.MSYNC)) {
            Persistence p = pool.persistence();
            MemorySegment s = pool.segment();
            long[] pages = {BASE, BASE + 16 * PAGE, BASE + 32 * PAGE};
            Snapshot before = p.counters().total();
            for (int i = 0; i < 99; i++) { // 99 ranges noted (more than a batch takes), 3 distant runs
                long at = pages[i % 3] + (i / 3) * 8L;
                s.set(PoolLayouts.LONG, at, i);
                p.flush(at, 8);
            }
            p.fence();
            assertEquals(1, p.counters().total().minus(before).syncCalls(),
                    "one msync over the span, not one per run: each msync flushes the device's cache");
            for (int i = 0; i < 99; i++) {
                assertEquals(i, s.get(PoolLayouts.LONG, pages[i % 3] + (i / 3) * 8L));
            }
        }
    }

    @Test
    void shouldShareSyncCallsBetweenConcurrentFencesInMsyncMode() throws Exception {
        int threads = 6;
        int rounds = 20;
        try (Pool pool = open("group.pool", PersistenceMode.MSYNC)) {
            Persistence p = pool.persistence();
            MemorySegment s = pool.segment();
            Snapshot before = p.counters().total();
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long page = BASE + t * PAGE; // distinct but adjacent pages: a shared msync merges them
                    done.add(executor.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        for (int r = 0; r < rounds; r++) {
                            s.set(PoolLayouts.LONG, page, r);
                            p.flush(page, 8);
                            p.fence();
                        }
                        return rounds;
                    }));
                }
                for (Future<Integer> f : done) {
                    assertEquals(rounds, f.get(30, TimeUnit.SECONDS), "every fence returned");
                }
            } finally {
                executor.shutdownNow();
            }
            Snapshot delta = p.counters().total().minus(before);
            assertEquals((long) threads * rounds, delta.fences());
            assertEquals((long) threads * rounds, delta.flushedLines());
            assertTrue(delta.syncCalls() >= 1 && delta.syncCalls() <= delta.fences(),
                    () -> "sync calls " + delta.syncCalls() + " for " + delta.fences() + " fences");
        }
    }

    // ------------------------------------------------------------------ choosing the mode

    @Test
    void shouldRefuseDaxWhereThereIsNoDaxAndLeaveThePoolUntouched() throws IOException {
        Path file = dir.resolve("dax.pool");
        Pool.open(file, OPTIONS.withMode(PersistenceMode.PROCESS)).close();
        byte[] before = Files.readAllBytes(file);

        PersimmonException e = refusedAsDax(file, false);
        assertEquals(ErrorCode.MODE_UNAVAILABLE, e.code(), e::getMessage);
        assertTrue(e.getMessage().contains("cannot map " + file.toAbsolutePath() + " with MAP_SYNC"), e::getMessage);
        assertArrayEquals(before, Files.readAllBytes(file));

        try (Pool pool = Pool.open(file, OPTIONS.withMode(PersistenceMode.PROCESS).withCreate(false))) {
            assertEquals(PersistenceMode.PROCESS, pool.persistence().mode());
            assertEquals(1, pool.header().sequence());
        }
    }

    @Test
    void shouldCreateNothingWhenDaxIsRefusedForANewPool() throws IOException {
        Path file = dir.resolve("new-dax.pool");
        PersimmonException e = refusedAsDax(file, true);
        assertEquals(ErrorCode.MODE_UNAVAILABLE, e.code(), e::getMessage);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "neither the pool nor its temporary file is left");
        }
        try (Pool pool = Pool.open(file, OPTIONS.withMode(PersistenceMode.PROCESS))) {
            assertEquals(1, pool.header().sequence());
        }
    }

    private static PersimmonException refusedAsDax(Path file, boolean create) {
        try (Pool pool = Pool.open(file, OPTIONS.withMode(PersistenceMode.DAX).withCreate(create))) {
            assumeTrue(false, "the file system of " + file + " offers DAX: nothing to refuse here");
            return null;
        } catch (PersimmonException e) {
            return e;
        }
    }

    @Test
    void shouldPickProcessModeOnTmpfs() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no writable /dev/shm");
        assumeTrue(Persistences.isMemoryFileSystem(Files.getFileStore(shm).type()), "/dev/shm is not tmpfs");
        Path scratch = Files.createTempDirectory(shm, "persimmon-mode-test");
        try (Pool pool = Pool.open(scratch.resolve("auto.pool"), OPTIONS.withMode(PersistenceMode.AUTO))) {
            assertEquals(PersistenceMode.PROCESS, pool.persistence().mode());
        } finally {
            deleteTree(scratch);
        }
    }

    @Test
    void shouldPickMsyncModeOnADiskFileSystem() throws IOException {
        Path target = Path.of(System.getProperty("user.dir"), "target");
        Files.createDirectories(target);
        String type = Files.getFileStore(target).type();
        assumeTrue(Set.of("ext4", "xfs", "btrfs", "overlay", "ext3", "zfs").contains(type),
                "the build directory is on " + type + ", not a disk file system");
        Path scratch = Files.createTempDirectory(target, "mode-test");
        try (Pool pool = Pool.open(scratch.resolve("auto.pool"), OPTIONS.withMode(PersistenceMode.AUTO))) {
            assertEquals(PersistenceMode.MSYNC, pool.persistence().mode());
        } finally {
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    // ------------------------------------------------------------------ options

    @Test
    void shouldParseLatencyEmulation() {
        assertEquals(LatencyEmulation.NONE, LatencyEmulation.parse("off"));
        assertEquals(LatencyEmulation.NONE, LatencyEmulation.parse(" OFF "));
        assertEquals(new LatencyEmulation(100, 500), LatencyEmulation.parse("optane"));
        assertEquals(LatencyEmulation.OPTANE, LatencyEmulation.parse("Optane"));
        assertEquals(new LatencyEmulation(100, 500), LatencyEmulation.parse("100/500"));
        assertEquals(new LatencyEmulation(0, 250), LatencyEmulation.parse("0/250"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "100", "100/", "/500", "1/2/3", "a/b", "100 / 500x"})
    void shouldRejectGarbageLatencyEmulation(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatencyEmulation.parse(text));
        assertEquals("unknown latency emulation '" + text
                + "' (expected off, optane, or <ns per line>/<ns per fence>)", e.getMessage());
    }

    @Test
    void shouldRejectNegativeLatencyEmulation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatencyEmulation.parse("-1/5"));
        assertTrue(e.getMessage().contains("non-negative"), e::getMessage);
    }

    @Test
    void shouldSpinForEmulatedLatency() {
        try (Pool pool = Pool.open(dir.resolve("slow.pool"), OPTIONS.withMode(PersistenceMode.PROCESS)
                .withEmulation(LatencyEmulation.parse("1000000/3000000")))) {
            Persistence p = pool.persistence();
            long start = System.nanoTime();
            p.flush(BASE, 256);   // 4 lines of 1 ms
            p.fence();            // 3 ms
            long elapsed = System.nanoTime() - start;
            assertTrue(elapsed >= 7_000_000, () -> "took " + elapsed + " ns, at least 7 ms expected");
        }
    }

    @Test
    void shouldParsePersistenceMode() {
        assertEquals(PersistenceMode.DAX, PersistenceMode.parse("dax"));
        assertEquals(PersistenceMode.MSYNC, PersistenceMode.parse("MSYNC"));
        assertEquals(PersistenceMode.PROCESS, PersistenceMode.parse(" process "));
        assertEquals(PersistenceMode.SIM, PersistenceMode.parse("sim"));
        assertEquals(PersistenceMode.AUTO, PersistenceMode.parse("Auto"));
        for (PersistenceMode mode : PersistenceMode.values()) {
            assertEquals(mode, PersistenceMode.parse(mode.optionName()));
        }
        for (String garbage : new String[] {"", "fast", "msyncx", "d a x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PersistenceMode.parse(garbage));
            assertEquals("unknown persistence mode '" + garbage + "' (expected dax, msync, process, sim or auto)",
                    e.getMessage());
        }
    }
}
