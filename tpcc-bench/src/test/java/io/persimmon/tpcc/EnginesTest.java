package io.persimmon.tpcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EnginesTest {

    @Test
    void shouldKnowEveryEngineOfTheCompareCommand() {
        for (String name : Engines.names()) {
            Engine engine = Engines.named(name, Path.of("/tmp/x"));
            assertEquals(name, engine.name());
            assertTrue(engine.durability().summary().length() > 40, name);
        }
        assertThrows(IllegalArgumentException.class, () -> Engines.named("oracle", Path.of("/tmp/x")));
    }

    @Test
    void shouldBuildPersimmonUrlsWithTheirMode() {
        Engine process = Engines.named("persimmon-process", Path.of("/data/run"));
        assertEquals("jdbc:persimmon:/data/run/tpcc.pool;mode=process", process.url());
        assertEquals(Boolean.TRUE, process.durability().survivesKill());
        assertEquals(Boolean.FALSE, process.durability().survivesPowerLoss());
        Engine msync = Engines.named("persimmon-msync", Path.of("/data/run"));
        assertEquals(Boolean.TRUE, msync.durability().survivesPowerLoss());
        assertTrue(msync.counters().isPresent());
        assertEquals("persimmon-dax", Engines.forUrl("jdbc:persimmon:/p;mode=dax").name());
        assertNull(Engines.forUrl("jdbc:persimmon:/p").durability().survivesKill());
    }

    @Test
    void shouldStateTheDurabilityOfH2AndSqlite() {
        assertFalse(Engines.forUrl("jdbc:h2:/tmp/db").durability().survivesKill());
        assertTrue(Engines.forUrl("jdbc:h2:/tmp/db;WRITE_DELAY=0").durability().survivesKill());
        Engine normal = Engines.forUrl("jdbc:sqlite:/tmp/t.db?synchronous=normal");
        assertEquals("sqlite-normal", normal.name());
        assertTrue(normal.durability().survivesKill());
        assertFalse(normal.durability().survivesPowerLoss());
        Engine full = Engines.forUrl("jdbc:sqlite:/tmp/t.db");
        assertEquals("sqlite-full", full.name());
        assertTrue(full.durability().survivesPowerLoss());
        assertEquals("FULL", full.properties().getProperty("synchronous"));
        assertEquals("", full.dialect().forUpdate());
        assertFalse(full.durability().sameGuaranteesAs(normal.durability()));
    }

    @Test
    void shouldReportAMissingDriverAsAnUnavailableEngine() {
        Engine engine = Engines.forUrl("jdbc:no-such-driver:/tmp/x");
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class, engine::connect);
        assertTrue(e.getMessage().contains("no JDBC driver accepts jdbc:no-such-driver:/tmp/x"), e.getMessage());
    }

    @Test
    void shouldClassifyRetryableFailures() {
        assertTrue(RetryClassifier.STANDARD.retryReason(new SQLException("x", "40001")).isPresent());
        assertTrue(RetryClassifier.STANDARD.retryReason(new SQLException("x", "40P01")).isPresent());
        assertFalse(RetryClassifier.STANDARD.retryReason(new SQLException("x", "42000")).isPresent());
        assertTrue(RetryClassifier.H2.retryReason(new SQLException("timeout", "HYT00", 50200)).isPresent());
        assertTrue(RetryClassifier.H2.retryReason(new SQLException("concurrent", "90131", 90131)).isPresent());
        assertFalse(RetryClassifier.H2.retryReason(new SQLException("syntax", "42001", 42001)).isPresent());
        assertEquals("SQLITE_BUSY", RetryClassifier.SQLITE.retryReason(new SQLException("busy", null, 5)).orElseThrow());
        assertEquals("SQLITE_BUSY_SNAPSHOT",
                RetryClassifier.SQLITE.retryReason(new SQLException("busy", null, 517)).orElseThrow());
        assertEquals("SQLITE_LOCKED", RetryClassifier.SQLITE.retryReason(new SQLException("locked", null, 6)).orElseThrow());
        assertFalse(RetryClassifier.SQLITE.retryReason(new SQLException("constraint", null, 19)).isPresent());
        SQLException wrapped = new SQLException("batch failed", "HY000");
        wrapped.setNextException(new SQLException("deadlock", "40001"));
        assertTrue(RetryClassifier.STANDARD.retryReason(wrapped).isPresent());
    }

    @Test
    void shouldReadPersimmonCountersWhereTheTableExistsAndSwitchOffWhereNot() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:counters" + System.nanoTime())) {
            connection.setAutoCommit(false);
            PersimmonCounters missing = new PersimmonCounters();
            assertTrue(missing.snapshot(connection).isEmpty());
            assertFalse(missing.isAvailable());
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA SYS");
                statement.execute("CREATE TABLE SYS.PERSISTENCE_STATS (SESSION_FENCES BIGINT, SESSION_FLUSHED_LINES BIGINT)");
                statement.execute("INSERT INTO SYS.PERSISTENCE_STATS VALUES (12, 340)");
            }
            connection.commit();
            PersimmonCounters present = new PersimmonCounters();
            assertEquals(new EngineCounters.Counts(12, 340), present.snapshot(connection).orElseThrow());
            assertEquals(new EngineCounters.Counts(2, 40),
                    new EngineCounters.Counts(14, 380).minus(present.snapshot(connection).orElseThrow()));
            assertTrue(EngineCounters.NONE.snapshot(connection).isEmpty());
        }
    }
}
