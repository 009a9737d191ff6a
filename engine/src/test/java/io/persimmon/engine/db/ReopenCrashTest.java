package io.persimmon.engine.db;

import io.persimmon.engine.testkit.CrashHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening a crashed pool leaves the records it replays in the log behind a new header copy
 * (R1, D3); {@link ReopenCrashWorkload} crashes that open and the session after it at every fence.
 */
class ReopenCrashTest {
    @Test
    void shouldRecoverEveryCommitWhenTheSessionAfterARecoveryCrashes() throws IOException {
        Path work = CrashHarness.scratchDirectory("reopen-crash");
        try {
            CrashHarness.Result result = new CrashHarness(ReopenCrashWorkload.POOL, work)
                    .run(ReopenCrashWorkload::new, CrashHarness.Options.of(1, 200, 16));
            assertEquals(0, result.anomalies().size(), result.report());
            assertTrue(result.fences() >= 15, "fences: " + result.fences());
            assertTrue(result.statesVerified() >= 200, result.summary());
        } finally {
            try (var files = Files.list(work)) {
                files.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(work);
        }
    }
}
