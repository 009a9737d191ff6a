package io.persimmon.engine.db;

import io.persimmon.engine.testkit.CrashHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transactions larger than the log through two crashes and a session crashed at every fence ({@link LargeTransactionCrashWorkload}, C7). */
class LargeTransactionCrashTest {
    @Test
    void shouldRecoverEveryLargeCommitAndLeakNoBodyBlock() throws IOException {
        Path work = CrashHarness.scratchDirectory("large-transaction-crash");
        try {
            long states = 0;
            for (long seed = 1; seed <= 2; seed++) {
                CrashHarness.Result result = new CrashHarness(LargeTransactionCrashWorkload.POOL, work)
                        .run(LargeTransactionCrashWorkload::new, CrashHarness.Options.of(seed, 200, 12));
                assertEquals(0, result.anomalies().size(), result.report());
                assertTrue(result.fences() >= 20, "fences: " + result.fences());
                states += result.statesVerified();
            }
            System.out.println("large transactions: crash states verified: " + states + ", anomalies: 0");
            assertTrue(states >= 400, "crash states verified: " + states);
        } finally {
            try (var files = Files.list(work)) {
                files.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(work);
        }
    }
}
