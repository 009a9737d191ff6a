package io.persimmon.engine.btree;

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
 * The tree under the crash simulator: every fence of a run of batches and checkpoints is a crash
 * point, with 50 subsets of the undurable words each (every subset when there are at most six).
 * Each recovered tree must be the last checkpointed one (or the one being checkpointed), pass
 * {@link BTreeCheck}, and leave {@code check} nothing leaked and nothing owned twice.
 */
class BTreeCrashTest {
    private final Path work = CrashHarness.scratchDirectory("btree-crash");

    @AfterEach
    void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void shouldRecoverExactlyTheCheckpointedTreeAtEveryFence() {
        PoolOptions options = PoolOptions.defaults().withPageSize(512).withInitialSize(1 << 20).withMaxSize(64 << 20);
        CrashHarness harness = new CrashHarness(options, work);
        CrashHarness.Result result = harness.run(seed -> new BTreeWorkload(seed, 40, 512),
                CrashHarness.Options.of(11, 400, 50));
        assertEquals(0, result.anomalies().size(), result.report());
        assertEquals(result.fences() + 1, result.crashPoints(), "every fence is a crash point");
        assertTrue(result.statesVerified() >= 2000, result.summary());
        System.out.println("B+tree: " + result.summary());
    }
}
