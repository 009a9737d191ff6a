package io.persimmon.tpcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Checks shared by the smoke runs, on the JSON a run wrote. */
final class SmokeAssertions {

    private SmokeAssertions() {
    }

    static Map<String, Object> readJson(Path file) throws IOException {
        return TinyJson.object(TinyJson.parse(Files.readString(file)));
    }

    /** Every transaction type completed at least once, without errors. */
    static void assertEveryTypeRan(Map<String, Object> json) {
        Map<String, Object> perType = TinyJson.object(json.get("perType"));
        for (TransactionType type : TransactionType.values()) {
            Map<String, Object> stats = TinyJson.object(perType.get(type.label()));
            assertNotNull(stats, type.label());
            assertTrue((Double) stats.get("count") > 0, type.label() + " never completed: " + stats);
            assertEquals(0.0, stats.get("errors"), type.label() + " had errors: " + json.get("firstError"));
        }
        assertTrue((Double) json.get("tpmC") > 0, "tpmC");
    }

    /** The keys issue 6 lists for the JSON result, and a few more. */
    static void assertDocumentedKeys(Map<String, Object> json) {
        for (String key : new String[] {"engine", "durability", "warehouses", "terminals", "seconds", "tpmC",
            "txnPerSecond", "perType", "consistency"}) {
            assertTrue(json.containsKey(key), "missing key " + key);
        }
        Map<String, Object> durability = TinyJson.object(json.get("durability"));
        assertTrue(durability.containsKey("survivesKill") && durability.containsKey("survivesPowerLoss")
                && durability.containsKey("summary"), durability.toString());
        Map<String, Object> perType = TinyJson.object(json.get("perType"));
        assertEquals(5, perType.size(), perType.keySet().toString());
        for (Object value : perType.values()) {
            Map<String, Object> stats = TinyJson.object(value);
            for (String key : new String[] {"count", "p50Ms", "p95Ms", "p99Ms", "maxMs", "aborts", "retries"}) {
                assertTrue(stats.get(key) instanceof Double, "perType entry without numeric " + key + ": " + stats);
            }
            double p50 = (Double) stats.get("p50Ms");
            double p99 = (Double) stats.get("p99Ms");
            double max = (Double) stats.get("maxMs");
            assertTrue(p50 <= p99 && p99 <= max, "percentiles out of order: " + stats);
        }
    }
}
