package io.persimmon.tools;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TortureVerifierTest {
    private static TortureVerifier report(String... lines) {
        TortureVerifier v = new TortureVerifier();
        for (String line : lines) {
            assertTrue(v.accept(line), line);
        }
        return v;
    }

    private static Map<Integer, TortureVerifier.Found> rows(long... keyCounterTx) {
        Map<Integer, TortureVerifier.Found> m = new HashMap<>();
        for (int i = 0; i < keyCounterTx.length; i += 3) {
            m.put((int) keyCounterTx[i], new TortureVerifier.Found(keyCounterTx[i + 1], keyCounterTx[i + 2]));
        }
        return m;
    }

    @Test
    void shouldAcceptTheLastCommitOfEachKey() {
        TortureVerifier v = report("READY", "B 1 5=10 6=11", "C 1", "B 2 5=12", "C 2", "B 3 6=-13", "C 3");
        TortureVerifier.Result r = v.verify(Map.of(), rows(5, 12, 2));
        assertEquals(3, r.verified());
        assertEquals(0, r.lost());
        assertEquals(java.util.List.of(), r.anomalies());
    }

    @Test
    void shouldCountAMissingCommitAsLost() {
        TortureVerifier v = report("B 1 5=10", "C 1", "B 2 5=12", "C 2");
        TortureVerifier.Result r = v.verify(Map.of(), rows(5, 10, 1));
        assertEquals(1, r.lost());
        assertEquals(1, r.verified());
        assertTrue(r.losses().getFirst().contains("key 5"), r.losses().toString());
    }

    @Test
    void shouldAcceptAnInFlightTransactionEitherWayButWhole() {
        String[] lines = {"B 1 5=10 6=11", "C 1", "B 2 5=12 6=13"};
        assertEquals(0, report(lines).verify(Map.of(), rows(5, 10, 1, 6, 11, 1)).anomalies().size());
        TortureVerifier.Result applied = report(lines).verify(Map.of(), rows(5, 12, 2, 6, 13, 2));
        assertEquals(0, applied.anomalies().size());
        assertEquals(1, applied.inFlightCommitted());
        TortureVerifier.Result torn = report(lines).verify(Map.of(), rows(5, 12, 2, 6, 11, 1));
        assertEquals(1, torn.anomalies().size(), torn.anomalies().toString());
    }

    @Test
    void shouldAcceptAnInFlightDeleteThatCommitted() {
        TortureVerifier v = report("B 1 5=10", "C 1", "B 2 5=-11");
        TortureVerifier.Result r = v.verify(Map.of(), rows());
        assertEquals(0, r.lost());
        assertEquals(0, r.anomalies().size());
        assertEquals(1, r.inFlightCommitted());
    }

    @Test
    void shouldFlagARolledBackWriteAndAnUnknownNumber() {
        TortureVerifier v = report("B 1 5=10", "C 1", "B 2 5=12", "A 2 DEADLOCK");
        TortureVerifier.Result r = v.verify(Map.of(), rows(5, 12, 2, 7, 99, 9));
        assertEquals(2, r.anomalies().size(), r.anomalies().toString());
        assertTrue(r.anomalies().get(0).contains("rolled-back"), r.anomalies().toString());
        assertTrue(r.anomalies().get(1).contains("no transaction wrote"), r.anomalies().toString());
    }

    @Test
    void shouldCarryTheStateOfEarlierRounds() {
        TortureVerifier v = report("B 1 5=100", "C 1");
        assertEquals(0, v.verify(Map.of(5, 50L, 6, 60L), rows(5, 100, 1, 6, 60, 0)).anomalies().size());
        TortureVerifier.Result r = report("B 1 5=100", "C 1").verify(Map.of(5, 50L, 6, 60L), rows(5, 100, 1));
        assertEquals(1, r.anomalies().size(), r.anomalies().toString()); // row 6 vanished
    }

    @Test
    void shouldIgnoreALineCutByTheKill() {
        TortureVerifier v = new TortureVerifier();
        assertTrue(v.accept("B 1 5=10"));
        assertFalse(v.accept("B 2 5="));
        assertFalse(v.accept("C 77"));
    }
}
