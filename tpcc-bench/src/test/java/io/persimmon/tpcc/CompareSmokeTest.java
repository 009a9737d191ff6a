package io.persimmon.tpcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of {@code compare --engines persimmon-process,sqlite-normal} (W=1, 2 terminals, 15 s of warm-up for the first compilations, 5 s measured):
 * both engines load, run every transaction type and pass the TPC-C consistency conditions, and the
 * comparison table lists both with Persimmon as the baseline. (H2 has its own smoke run.)
 */
class CompareSmokeTest {

    @TempDir
    static Path dir;
    static int exitCode;

    @BeforeAll
    static void runComparison() {
        exitCode = Cli.execute("compare", "--engines", "persimmon-process,sqlite-normal", "--warehouses", "1",
                "--terminals", "2", "--warmup", "15", "--duration", "5", "--quiet", "--keep-data",
                "--out", dir.toString());
    }

    @Test
    void shouldRunBothEnginesAndCompareThem() throws Exception {
        String comparison = Files.readString(dir.resolve("comparison.md"));
        assertEquals(0, exitCode, comparison);
        assertTrue(comparison.contains("| persimmon-process | yes | no |"), comparison);
        assertTrue(comparison.contains("| sqlite-normal | yes | no |"), comparison);
        Map<String, Object> json = SmokeAssertions.readJson(dir.resolve("comparison.json"));
        assertEquals("persimmon-process", json.get("baseline"));
    }

    @Test
    void shouldPassTheConsistencyConditionsOnPersimmon() throws Exception {
        Map<String, Object> json = SmokeAssertions.readJson(dir.resolve("tpcc-persimmon-process.json"));
        assertEquals("passed", json.get("consistency"));
        SmokeAssertions.assertDocumentedKeys(json);
        SmokeAssertions.assertEveryTypeRan(json);
    }

    @Test
    void shouldCountEachTransactionTypesOwnFences() throws Exception {
        Map<String, Object> json = SmokeAssertions.readJson(dir.resolve("tpcc-persimmon-process.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> fences = (Map<String, Object>) json.get("fencesPerTxn");
        double newOrder = ((Number) fences.get("NewOrder")).doubleValue();
        // One fence per commit; 1% of New-Orders roll back (no fence), so the mean is just under 1.
        assertTrue(newOrder > 0.9 && newOrder <= 1.0, "New-Order fences per transaction: " + fences);
        assertEquals(1.0, ((Number) fences.get("Payment")).doubleValue(), 1e-9, fences.toString());
        assertEquals(0.0, ((Number) fences.get("StockLevel")).doubleValue(), 1e-9, "read-only: " + fences);
        assertEquals(0.0, ((Number) fences.get("OrderStatus")).doubleValue(), 1e-9, "read-only: " + fences);
    }

    @Test
    void shouldPassTheConsistencyConditionsOnSqlite() throws Exception {
        Map<String, Object> json = SmokeAssertions.readJson(dir.resolve("tpcc-sqlite-normal.json"));
        assertEquals("passed", json.get("consistency"));
        SmokeAssertions.assertDocumentedKeys(json);
    }

    @Test
    void shouldRunEveryTransactionTypeOnSqlite() throws Exception {
        SmokeAssertions.assertEveryTypeRan(SmokeAssertions.readJson(dir.resolve("tpcc-sqlite-normal.json")));
    }

    @Test
    void shouldReportACorruptedWarehouseYtdAsAConditionOneFailure() throws Exception {
        Path database = dir.resolve("data/sqlite-normal/tpcc.db");
        assertTrue(Files.exists(database), "--keep-data kept " + database);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                assertTrue(ConsistencyCheck.check(connection, 1).passed(), "consistent before the corruption");
                statement.executeUpdate("UPDATE WAREHOUSE SET W_YTD = W_YTD + 1 WHERE W_ID = 1");
                ConsistencyResult result = ConsistencyCheck.check(connection, 1);
                assertFalse(result.passed());
                assertTrue(result.summary().startsWith("failed: " + ConsistencyCheck.CONDITION_1 + " in warehouse 1"),
                        result.summary());
            } finally {
                connection.rollback();
            }
        }
    }
}
