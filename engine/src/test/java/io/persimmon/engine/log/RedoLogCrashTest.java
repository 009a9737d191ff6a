package io.persimmon.engine.log;

import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.testkit.CrashHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The redo log under the crash simulator: every fence a crash point (each commit is one), 50
 * subsets each. Recovery = checkpointed map + replay of the valid records after it; it must give
 * exactly the committed transactions (and the one whose fence was hit, or not), with nothing leaked.
 */
class RedoLogCrashTest {

    @Test
    void shouldRecoverExactlyTheCommittedTransactions() throws IOException {
        Path work = CrashHarness.scratchDirectory("log-crash");
        try {
            CrashHarness harness = new CrashHarness(PoolOptions.defaults().withInitialSize(256 << 10), work);
            long total = 0;
            for (long seed = 1; seed <= 2; seed++) {
                CrashHarness.Result result = harness.run(s -> new KeyValueLogWorkload(s, 150, 8192),
                        CrashHarness.Options.of(seed, 300, 50));
                assertEquals(0, result.anomalies().size(), result.report());
                assertTrue(result.fences() >= 150, "each commit is a fence: " + result.fences());
                total += result.statesVerified();
            }
            assertTrue(total >= 10_000, "only " + total + " crash states");
            System.out.println("redo log: crash states verified: " + total + ", anomalies: 0");
        } finally {
            try (var files = Files.list(work)) {
                files.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(work);
        }
    }
}
