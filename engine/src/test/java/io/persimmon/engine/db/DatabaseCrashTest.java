package io.persimmon.engine.db;

import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.testkit.CrashHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database end to end under the crash simulator: every fence a crash point, random subsets
 * of the unfenced words lost at each, recovery by opening the database, rows compared one by one.
 */
class DatabaseCrashTest {
    @Test
    void shouldRecoverEveryCommittedTransactionAndNothingElse() throws IOException {
        Path work = CrashHarness.scratchDirectory("database-crash");
        try {
            CrashHarness harness = new CrashHarness(PoolOptions.defaults().withInitialSize(512 << 10), work);
            long total = 0;
            for (long seed = 1; seed <= 2; seed++) {
                CrashHarness.Result result = harness.run(s -> new DatabaseCrashWorkload(s, 90),
                        CrashHarness.Options.of(seed, 200, 12));
                assertEquals(0, result.anomalies().size(), result.report());
                assertTrue(result.fences() >= 90, "fences: " + result.fences());
                total += result.statesVerified();
            }
            assertTrue(total >= 3_000, "only " + total + " crash states");
            System.out.println("database: crash states verified: " + total + ", anomalies: 0");
        } finally {
            try (var files = Files.list(work)) {
                files.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(work);
        }
    }
}
