package io.persimmon.engine.alloc;

import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.testkit.CrashHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The allocator under the crash simulator: every fence a crash point, at least 50 subsets of the
 * undurable words each. After recovery the block list is the one last checkpointed, every listed
 * block is intact, and check finds nothing leaked and nothing owned twice.
 */
class AllocatorCrashTest {
    private final Path work = CrashHarness.scratchDirectory("alloc-crash");

    @AfterEach
    void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void shouldRecoverExactlyTheCheckpointedBlocksAtEveryFence() {
        PoolOptions options = PoolOptions.defaults().withInitialSize(256 << 10).withMaxSize(64 << 20);
        CrashHarness harness = new CrashHarness(options, work);
        long total = 0;
        for (long seed = 1; seed <= 3; seed++) {
            CrashHarness.Result result = harness.run(s -> new BlockListWorkload(s, 120),
                    CrashHarness.Options.of(seed, 400, 50));
            assertEquals(0, result.anomalies().size(), result.report());
            assertTrue(result.fences() >= 60, "the workload fenced only " + result.fences() + " times");
            assertEquals(result.fences() + 1, result.crashPoints(), "every fence is a crash point");
            // Each point gets 50 subsets, or every subset when there are fewer (a header fence: 16).
            assertTrue(result.statesVerified() >= result.crashPoints() * 16, result.summary());
            total += result.statesVerified();
        }
        System.out.println("allocator: crash states verified: " + total + ", anomalies: 0");
    }
}
