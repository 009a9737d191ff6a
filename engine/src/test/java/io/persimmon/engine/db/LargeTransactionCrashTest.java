package io.persimmon.engine.db;

import io.persimmon.engine.testkit.CrashHarness;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transactions larger than the log through two crashes and a session crashed at every fence ({@link LargeTransactionCrashWorkload}, C7). */
class LargeTransactionCrashTest {
    @Test
    void shouldRecoverEveryLargeCommitAndLeakNoBodyBlock() {
        long states = 0;
        for (CrashHarness.Result result : CrashHarness.runSeeds("large-transaction-crash", LargeTransactionCrashWorkload.POOL,
                LargeTransactionCrashWorkload::new, 2, 200, 12)) {
            assertEquals(0, result.anomalies().size(), result.report());
            assertTrue(result.fences() >= 20, "fences: " + result.fences());
            states += result.statesVerified();
        }
        System.out.println("large transactions: crash states verified: " + states + ", anomalies: 0");
        assertTrue(states >= 400, "crash states verified: " + states);
    }
}
