package io.persimmon.engine.pool;

import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.testkit.CrashHarness;
import io.persimmon.engine.testkit.CrashWorkload;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The header update alone: checkpoints that change a root slot, crashed at every fence with every
 * subset of the header words not yet durable. The recovered root is the last published value or
 * the one being published, never a mixture, and the sequence matches it.
 */
class HeaderCrashTest {

    /** Publishes root SPARE_3 = 1, 2, 3 ... and SPARE_4 = its square, one checkpoint each. */
    static final class CountingRoots implements CrashWorkload {
        private final int checkpoints;
        private volatile long committed;
        private volatile long publishing = -1;

        CountingRoots(int checkpoints) {
            this.checkpoints = checkpoints;
        }

        @Override
        public void run(Pool pool) {
            for (long value = 1; value <= checkpoints; value++) {
                publishing = value;
                pool.checkpoint(Map.of(RootSlot.SPARE_3, value, RootSlot.SPARE_4, value * value));
                committed = value;
                publishing = -1;
            }
        }

        @Override
        public List<Object> acceptableStates() {
            return publishing < 0 ? List.of(committed) : List.of(committed, publishing);
        }

        @Override
        public String verify(Pool recovered, List<Object> acceptable) {
            long value = recovered.header().root(RootSlot.SPARE_3);
            long square = recovered.header().root(RootSlot.SPARE_4);
            if (!acceptable.contains(value)) {
                return "root " + value + " is none of " + acceptable;
            }
            if (square != value * value) {
                return "roots torn: " + value + " with " + square;
            }
            return null;
        }

        @Override
        public List<BlockOwner> owners() {
            return List.of();
        }
    }

    @Test
    void shouldPublishEachHeaderWholeOrNotAtAll() throws IOException {
        Path work = CrashHarness.scratchDirectory("header-crash");
        try {
            CrashHarness harness = new CrashHarness(PoolOptions.defaults().withInitialSize(256 << 10), work);
            CrashHarness.Result result = harness.run(seed -> new CountingRoots(40), CrashHarness.Options.of(7, 1000, 50));
            assertEquals(0, result.anomalies().size(), result.report());
            assertEquals(80, result.fences(), "two fences per checkpoint");
            assertTrue(result.statesVerified() >= 80 * 8, result.summary());
        } finally {
            try (var files = Files.list(work)) {
                files.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(work);
        }
    }
}
