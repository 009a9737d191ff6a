package io.persimmon.tpcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TpccRandomTest {

    private final TpccRandom random = new TpccRandom(7);

    @Test
    void shouldBuildLastNamesFromTheSyllablesOfEachDigit() {
        assertEquals("BARBARBAR", TpccRandom.lastName(0));
        assertEquals("PRICALLYOUGHT", TpccRandom.lastName(371));
        assertEquals("OUGHTABLEPRI", TpccRandom.lastName(123));
        assertEquals("EINGEINGEING", TpccRandom.lastName(999));
        assertEquals("BARBARPRES", TpccRandom.lastName(4));
        assertThrows(IllegalArgumentException.class, () -> TpccRandom.lastName(1000));
        assertThrows(IllegalArgumentException.class, () -> TpccRandom.lastName(-1));
    }

    @Test
    void shouldGenerateAlphanumericStringsWithinTheLengthRange() {
        boolean sawMin = false;
        boolean sawMax = false;
        for (int i = 0; i < 5_000; i++) {
            String s = random.aString(8, 16);
            assertTrue(s.length() >= 8 && s.length() <= 16, s);
            assertTrue(s.chars().allMatch(Character::isLetterOrDigit), s);
            sawMin |= s.length() == 8;
            sawMax |= s.length() == 16;
        }
        assertTrue(sawMin && sawMax, "both length bounds are reachable");
    }

    @Test
    void shouldGenerateDigitStringsOfTheRequestedLength() {
        for (int i = 0; i < 1_000; i++) {
            String s = random.nString(16, 16);
            assertEquals(16, s.length());
            assertTrue(s.chars().allMatch(c -> c >= '0' && c <= '9'), s);
        }
        String zip = random.zip();
        assertEquals(9, zip.length());
        assertTrue(zip.endsWith("11111"), zip);
    }

    @Test
    void shouldPutOriginalInAboutTenPercentOfDataFields() {
        int n = 20_000;
        int original = 0;
        for (int i = 0; i < n; i++) {
            String data = random.dataField(26, 50);
            assertTrue(data.length() >= 26 && data.length() <= 50, data);
            if (data.contains("ORIGINAL")) {
                original++;
            }
        }
        double share = (double) original / n;
        assertTrue(share > 0.09 && share < 0.11, "share of ORIGINAL: " + share);
    }

    @Test
    void shouldDrawUniformIntegersAndDecimalsWithBothEndsIncluded() {
        int[] seen = new int[11];
        for (int i = 0; i < 10_000; i++) {
            seen[random.uniform(5, 15) - 5]++;
        }
        assertTrue(Arrays.stream(seen).allMatch(count -> count > 700), Arrays.toString(seen));
        for (int i = 0; i < 1_000; i++) {
            BigDecimal price = random.decimal(100, 10_000, 2);
            assertEquals(2, price.scale());
            assertTrue(price.compareTo(BigDecimal.ONE) >= 0 && price.compareTo(new BigDecimal("100.00")) <= 0, price.toString());
        }
    }

    @Test
    void shouldPermuteOneToN() {
        int[] permutation = random.permutation(3_000);
        int[] sorted = permutation.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i + 1, sorted[i]);
        }
        assertTrue(!Arrays.equals(permutation, sorted), "shuffled");
    }

    @Test
    void shouldRepeatTheSameSequenceForTheSameSeed() {
        TpccRandom a = new TpccRandom(99);
        TpccRandom b = new TpccRandom(99);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.aString(5, 30), b.aString(5, 30));
        }
    }
}
