package io.persimmon.engine.db;

import io.persimmon.engine.testkit.CrashHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash, open, commit, crash, open, crashed at every fence ({@link SecondCrashWorkload}): the
 * blocks that records replayed by an open freed are not handed to new owners while a crash could
 * still replay those records (R1, A2 for logged frees).
 */
class SecondCrashTest {
    @Test
    void shouldRecoverEveryCommitWhenTheSessionAfterTwoCrashesCrashes() throws IOException {
        Path work = CrashHarness.scratchDirectory("second-crash");
        try {
            long states = 0;
            for (long seed = 1; seed <= 2; seed++) {
                CrashHarness.Result result = new CrashHarness(SecondCrashWorkload.POOL, work)
                        .run(SecondCrashWorkload::new, CrashHarness.Options.of(seed, 200, 12));
                assertEquals(0, result.anomalies().size(), result.report());
                assertTrue(result.fences() >= 20, "fences: " + result.fences());
                states += result.statesVerified();
            }
            assertTrue(states >= 400, "crash states verified: " + states);
        } finally {
            try (var files = Files.list(work)) {
                files.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(work);
        }
    }
}
