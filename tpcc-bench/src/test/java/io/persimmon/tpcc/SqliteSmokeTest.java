package io.persimmon.tpcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run on SQLite through {@code compare --engines persimmon-process,sqlite-normal} (W=1,
 * 4 terminals, 3 s): Persimmon has no JDBC driver yet, so the comparison must report it as not run and
 * go on with SQLite, whose run must pass the consistency conditions and run every transaction type.
 *
 * <p>When the Persimmon driver is registered, {@link #runComparison()} fails on purpose: replace
 * persimmon-process here by a check of the Persimmon smoke run (PersimmonSmokeTest).
 */
class SqliteSmokeTest {

    @TempDir
    static Path dir;
    static int exitCode;

    @BeforeAll
    static void runComparison() {
        assertThrows(SQLException.class, () -> DriverManager.getDriver("jdbc:persimmon:/tmp/x.pool;mode=process"),
                "the Persimmon driver is registered now: update this test (see its javadoc)");
        exitCode = Cli.execute("compare", "--engines", "persimmon-process,sqlite-normal", "--warehouses", "1",
                "--terminals", "4", "--warmup", "1", "--duration", "3", "--quiet", "--keep-data",
                "--out", dir.toString());
    }

    @Test
    void shouldSkipTheUnavailablePersimmonEngineCleanlyAndRunTheOthers() throws Exception {
        assertEquals(Cli.EXIT_UNAVAILABLE, exitCode, "exit code when an engine could not run");
        String comparison = Files.readString(dir.resolve("comparison.md"));
        assertTrue(comparison.contains("- persimmon-process: engine persimmon-process is not available: no JDBC driver"),
                comparison);
        assertTrue(comparison.contains("| sqlite-normal | yes | no |"), comparison);
        Map<String, Object> json = SmokeAssertions.readJson(dir.resolve("comparison.json"));
        assertEquals("sqlite-normal", json.get("baseline"));
        assertTrue(TinyJson.object(json.get("unavailable")).containsKey("persimmon-process"));
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
