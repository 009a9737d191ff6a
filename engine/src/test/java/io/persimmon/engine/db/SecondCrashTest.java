package io.persimmon.engine.db;

import io.persimmon.engine.testkit.CrashHarness;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash, open, commit, crash, open, crashed at every fence ({@link SecondCrashWorkload}): the
 * blocks that records replayed by an open freed are not handed to new owners while a crash could
 * still replay those records (R1, A2 for logged frees).
 */
class SecondCrashTest {
    @Test
    void shouldRecoverEveryCommitWhenTheSessionAfterTwoCrashesCrashes() {
        long states = 0;
        for (CrashHarness.Result result : CrashHarness.runSeeds("second-crash", SecondCrashWorkload.POOL,
                SecondCrashWorkload::new, 2, 200, 12)) {
            assertEquals(0, result.anomalies().size(), result.report());
            assertTrue(result.fences() >= 20, "fences: " + result.fences());
            states += result.statesVerified();
        }
        assertTrue(states >= 400, "crash states verified: " + states);
    }
}
