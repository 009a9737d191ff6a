package io.persimmon.engine.txn;

import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.testkit.CrashHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commit protocol (redo record with version images and slot swings, one fence, apply,
 * checkpoint, recovery in two passes) under the crash simulator, every fence a crash point.
 */
class CommitProtocolCrashTest {

    @Test
    void shouldRecoverExactlyTheCommittedVersionHistories() throws IOException {
        Path work = CrashHarness.scratchDirectory("commit-crash");
        try {
            CrashHarness harness = new CrashHarness(PoolOptions.defaults().withInitialSize(256 << 10), work);
            long total = 0;
            for (long seed = 1; seed <= 2; seed++) {
                int areaSize = seed == 1 ? 16384 : 14336;
                int checkpointEvery = seed == 1 ? 5 : 40;
                CrashHarness.Result result = harness.run(s -> new VersionedStoreWorkload(s, 120, areaSize, checkpointEvery),
                        CrashHarness.Options.of(seed, 250, 40));
                assertEquals(0, result.anomalies().size(), result.report());
                assertTrue(result.fences() >= 120, "each commit is a fence: " + result.fences());
                total += result.statesVerified();
            }
            assertTrue(total >= 8_000, "only " + total + " crash states");
            assertTrue(VersionedStoreWorkload.LOG_FULL_RETRIES.get() > 0, "no commit ever found the log full");
            System.out.println("commit protocol: crash states verified: " + total + ", anomalies: 0");
        } finally {
            try (var files = Files.list(work)) {
                files.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(work);
        }
    }
}
