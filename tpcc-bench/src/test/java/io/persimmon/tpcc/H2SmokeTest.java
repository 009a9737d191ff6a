package io.persimmon.tpcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run on H2 through the command line ({@code run}, W=1, 4 terminals, 3 s): it must pass the
 * consistency conditions, run every transaction type, and write the JSON, Markdown and PNG files.
 */
class H2SmokeTest {

    @TempDir
    static Path dir;
    static String url;
    static int exitCode;

    @BeforeAll
    static void runBenchmark() {
        url = "jdbc:h2:" + dir.resolve("db/tpcc").toAbsolutePath();
        exitCode = Cli.execute("run", "--url", url, "--warehouses", "1", "--terminals", "4", "--warmup", "1",
                "--duration", "3", "--quiet", "--out", dir.resolve("out").toString(),
                "--json", dir.resolve("result.json").toString());
    }

    @Test
    void shouldPassTheConsistencyConditionsOnH2() throws Exception {
        assertEquals(0, exitCode, "exit code");
        Map<String, Object> json = SmokeAssertions.readJson(dir.resolve("result.json"));
        assertEquals("passed", json.get("consistency"));
        assertEquals(Boolean.TRUE, json.get("passed"));
    }

    @Test
    void shouldRunEveryTransactionTypeOnH2() throws Exception {
        SmokeAssertions.assertEveryTypeRan(SmokeAssertions.readJson(dir.resolve("result.json")));
    }

    @Test
    void shouldWriteTheDocumentedJsonKeys() throws Exception {
        Map<String, Object> json = SmokeAssertions.readJson(dir.resolve("result.json"));
        SmokeAssertions.assertDocumentedKeys(json);
        assertEquals("h2", json.get("engine"));
        assertEquals(1.0, json.get("warehouses"));
        assertEquals(4.0, json.get("terminals"));
        assertEquals(3.0, json.get("seconds"));
        assertEquals(Boolean.FALSE, TinyJson.object(json.get("durability")).get("survivesKill"));
        assertFalse(json.containsKey("fencesPerTxn"), "H2 has no fence counters");
        assertEquals(Files.readString(dir.resolve("result.json")), Files.readString(dir.resolve("out/tpcc-h2.json")));
    }

    @Test
    void shouldWriteAMarkdownReportAndAPngChart() throws Exception {
        String report = Files.readString(dir.resolve("out/tpcc-h2.md"));
        assertTrue(report.contains("Durability: **kill -9: no, power loss: no**"), report);
        assertTrue(report.contains("conditions 1 to 4 (clause 3.3.2): **passed**"), report);
        assertTrue(report.contains("![Throughput over time"), report);
        BufferedImage chart = ImageIO.read(dir.resolve("out/tpcc-h2.png").toFile());
        assertEquals(1200, chart.getWidth());
    }

    @Test
    void shouldReportACorruptedNextOrderIdAsAConditionTwoFailure() throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            assertTrue(ConsistencyCheck.check(connection, 1).passed(), "consistent before the corruption");
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE DISTRICT SET D_NEXT_O_ID = D_NEXT_O_ID + 5 WHERE D_W_ID = 1 AND D_ID = 3");
                ConsistencyResult result = ConsistencyCheck.check(connection, 1);
                assertFalse(result.passed());
                assertEquals(1, result.failures().size(), result.failures().toString());
                assertTrue(result.summary().startsWith("failed: " + ConsistencyCheck.CONDITION_2 + " in district 1/3"),
                        result.summary());
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("UPDATE DISTRICT SET D_NEXT_O_ID = D_NEXT_O_ID - 5 WHERE D_W_ID = 1 AND D_ID = 3");
                }
            }
        }
    }

    @Test
    void shouldReportMissingOrderLinesAsAConditionFourFailure() throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM ORDER_LINE WHERE OL_W_ID = 1 AND OL_D_ID = 5 AND OL_O_ID = 17 "
                        + "AND OL_NUMBER = 1");
                ConsistencyResult result = ConsistencyCheck.check(connection, 1);
                assertEquals(1, result.failures().size(), result.failures().toString());
                assertTrue(result.failures().getFirst().startsWith(ConsistencyCheck.CONDITION_4 + " in district 1/5"),
                        result.summary());
            } finally {
                connection.rollback();
            }
        }
    }
}
