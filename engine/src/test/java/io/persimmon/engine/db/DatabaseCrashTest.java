package io.persimmon.engine.db;

import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.testkit.CrashHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database end to end under the crash simulator: every fence a crash point (sampled), random
 * subsets of the unfenced words lost at each, recovery by opening the database, rows compared one
 * by one. Seeds run side by side, one harness and scratch directory each.
 */
class DatabaseCrashTest {
    private static final int SEEDS = 4;

    @Test
    void shouldRecoverEveryCommittedTransactionAndNothingElse() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, Math.min(SEEDS, Runtime.getRuntime().availableProcessors())));
        List<Future<CrashHarness.Result>> runs = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try {
            for (long seed = 1; seed <= SEEDS; seed++) {
                Path work = CrashHarness.scratchDirectory("database-crash-" + seed);
                dirs.add(work);
                long s = seed;
                runs.add(threads.submit(() -> new CrashHarness(
                        PoolOptions.defaults().withInitialSize(512 << 10).withPageSize(512), work)
                        .run(x -> new DatabaseCrashWorkload(x, 190), CrashHarness.Options.of(s, 500, 18))));
            }
            long total = 0;
            for (Future<CrashHarness.Result> run : runs) {
                CrashHarness.Result result = run.get();
                assertEquals(0, result.anomalies().size(), result.report());
                assertTrue(result.fences() >= 190, "fences: " + result.fences());
                total += result.statesVerified();
            }
            assertTrue(total >= 20_000, "only " + total + " crash states");
            System.out.println("database: crash states verified: " + total + ", anomalies: 0");
        } finally {
            threads.shutdownNow();
            for (Path work : dirs) {
                try (var files = Files.list(work)) {
                    files.forEach(p -> p.toFile().delete());
                }
                Files.deleteIfExists(work);
            }
        }
    }
}
