package io.persimmon.tpcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NURandTest {

    private final TpccRandom random = new TpccRandom(11);

    @Test
    void shouldStayWithinTheRangeOfEachField() {
        NURand constants = NURand.forLoad(random);
        for (int i = 0; i < 50_000; i++) {
            int last = constants.lastNameNumber(random);
            int customer = constants.customerId(random);
            int item = constants.itemId(random);
            assertTrue(last >= 0 && last <= 999, "C_LAST " + last);
            assertTrue(customer >= 1 && customer <= 3_000, "C_ID " + customer);
            assertTrue(item >= 1 && item <= 100_000, "OL_I_ID " + item);
        }
    }

    @Test
    void shouldBeSkewedUnlikeAUniformDistribution() {
        NURand constants = new NURand(0, 0, 0);
        int draws = 300_000;
        int[] counts = new int[3_001];
        for (int i = 0; i < draws; i++) {
            counts[constants.customerId(random)]++;
        }
        int[] sorted = Arrays.stream(counts, 1, counts.length).sorted().toArray();
        long top10Percent = 0;
        for (int i = sorted.length - 300; i < sorted.length; i++) {
            top10Percent += sorted[i];
        }
        // Uniform draws would put about 10% of the draws on the 10% most frequent ids.
        assertTrue(top10Percent > 0.2 * draws, "share of the top 10% ids: " + (double) top10Percent / draws);
    }

    @Test
    void shouldComputeTheSpecificationFormula() {
        TpccRandom a = new TpccRandom(5);
        TpccRandom b = new TpccRandom(5);
        for (int i = 0; i < 1_000; i++) {
            int expected = (((b.uniform(0, 255) | b.uniform(0, 999)) + 123) % 1000) + 0;
            assertEquals(expected, a.nuRand(255, 123, 0, 999));
        }
    }

    @Test
    void shouldChooseARunConstantForLastNamesWithAValidDelta() {
        for (int i = 0; i < 2_000; i++) {
            NURand load = NURand.forLoad(random);
            NURand run = NURand.forRun(load, random);
            int delta = Math.abs(run.cLast() - load.cLast());
            assertTrue(delta >= 65 && delta <= 119 && delta != 96 && delta != 112, "delta " + delta);
        }
        assertTrue(NURand.isValidRunDelta(0, 65));
        assertTrue(NURand.isValidRunDelta(200, 81));
        assertFalse(NURand.isValidRunDelta(0, 64));
        assertFalse(NURand.isValidRunDelta(0, 96));
        assertFalse(NURand.isValidRunDelta(150, 38));
        assertFalse(NURand.isValidRunDelta(0, 120));
    }

    @Test
    void shouldRejectConstantsOutsideZeroToA() {
        assertThrows(IllegalArgumentException.class, () -> new NURand(256, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new NURand(0, 1024, 0));
        assertThrows(IllegalArgumentException.class, () -> new NURand(0, 0, -1));
    }
}
