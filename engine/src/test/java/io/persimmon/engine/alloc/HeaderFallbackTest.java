package io.persimmon.engine.alloc;

import io.persimmon.engine.check.PoolCheck;
import io.persimmon.engine.pmem.CrashState;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.SimPersistence;
import io.persimmon.engine.pool.HeaderLayout;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolHeader;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.testkit.CrashHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rule A2 of docs/crash-consistency.md: nothing the older header copy names is reused while it
 * may be chosen. Just before each checkpoint publishes, after more allocations and frees, the
 * newest header copy is damaged: the pool must open from the older copy and find that state
 * whole, every block of it intact and owned exactly once.
 */
class HeaderFallbackTest {

    @Test
    void shouldOpenTheOlderStateIntactWhenTheNewestHeaderCopyIsDamaged() throws IOException {
        Path work = CrashHarness.scratchDirectory("fallback");
        PoolOptions options = PoolOptions.defaults().withInitialSize(256 << 10).withMaxSize(64 << 20)
                .withMode(PersistenceMode.SIM);
        BlockListWorkload workload = new BlockListWorkload(42, 160);
        List<String> problems = new ArrayList<>();
        int[] checked = {0};
        try (Pool pool = Pool.open(work.resolve("live.pool"), options)) {
            SimPersistence sim = (SimPersistence) pool.persistence();
            long base = sim.fenceCount();
            sim.setFenceListener((s, number) -> {
                // Odd fences open a checkpoint: the header copies then name the two newest durable states.
                if ((number - base) % 2 == 1 && number - base > 3) {
                    CrashState state = s.crashState();
                    BitSet everything = new BitSet();
                    everything.set(0, state.differingWords());
                    String problem = openFromOlderCopy(work, state.image(everything), pool.header(), workload);
                    checked[0]++;
                    if (problem != null) {
                        problems.add("fence " + (number - base) + ": " + problem);
                    }
                }
            });
            workload.run(pool);
        } finally {
            try (var files = Files.list(work)) {
                files.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(work);
        }
        assertEquals(List.of(), problems);
        assertTrue(checked[0] >= 30, "only " + checked[0] + " fallbacks were checked");
    }

    private static String openFromOlderCopy(Path work, byte[] image, PoolHeader newest, BlockListWorkload workload) {
        int damaged = HeaderLayout.copyOffset(newest.copyIndex()) + HeaderLayout.SEQUENCE_OFFSET;
        image[damaged] ^= 0x5A;
        Path file = work.resolve("fallback.pool");
        try {
            Files.write(file, image);
            try (Pool older = Pool.open(file, PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withCreate(false))) {
                if (!(older.otherCopyAtOpen() instanceof PoolHeader.Decoded.Damaged)) {
                    return "the damaged copy was not noticed: " + older.otherCopyAtOpen();
                }
                var report = PoolCheck.run(older.segment(), workload.owners());
                if (!report.passed()) {
                    return "check: " + report.problems();
                }
                return workload.verify(older, List.of(workload.previousDurable()));
            }
        } catch (IOException | RuntimeException e) {
            return e.toString();
        } finally {
            file.toFile().delete();
        }
    }
}
