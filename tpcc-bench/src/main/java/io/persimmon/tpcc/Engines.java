package io.persimmon.tpcc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The engine profiles: Persimmon (process and msync modes), H2 (file) and SQLite (xerial driver, WAL,
 * synchronous NORMAL or FULL), each with the settings the benchmark uses and an honest statement of
 * what survives a killed process and a power loss.
 */
public final class Engines {

    /** Lock wait before H2 gives up with a lock timeout (retried by the terminals). */
    static final int H2_LOCK_TIMEOUT_MS = 10_000;
    /** SQLite waits this long for the write lock before reporting SQLITE_BUSY (retried). */
    static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    static final Durability H2_DEFAULT = new Durability(false, false,
            "H2 file mode (MVStore) with its default WRITE_DELAY of 500 ms: commit returns before anything "
                    + "is written; a background thread writes committed changes to the file about every "
                    + "0.5 s, and H2 never calls fsync. A killed process loses the commits of the last "
                    + "write interval; a power loss loses whatever the OS had not yet written back.");
    static final Durability H2_NO_DELAY = new Durability(true, false,
            "H2 file mode with WRITE_DELAY=0: every commit is written to the file before it returns, so "
                    + "it survives a killed process; H2 never calls fsync, so a power loss may lose recent "
                    + "commits.");
    static final Durability SQLITE_NORMAL = new Durability(true, false,
            "SQLite WAL with synchronous=NORMAL: a commit is appended to the WAL file before it returns "
                    + "(survives a killed process) but the WAL is fsynced only at checkpoints, so a power "
                    + "loss may lose the last transactions (the database stays consistent).");
    static final Durability SQLITE_FULL = new Durability(true, true,
            "SQLite WAL with synchronous=FULL: the WAL is fsynced at every commit; commits survive a "
                    + "killed process and a power loss.");
    static final Durability PERSIMMON_PROCESS = new Durability(true, false,
            "Persimmon mode=process: a commit is complete once its data is in the pool's shared file "
                    + "mapping (the OS page cache): it survives kill -9, not a power loss.");
    static final Durability PERSIMMON_MSYNC = new Durability(true, true,
            "Persimmon mode=msync: a commit also msyncs the pool's dirty pages to the device before it "
                    + "returns: it survives kill -9 and a power loss.");
    static final Durability PERSIMMON_DAX = new Durability(true, null,
            "Persimmon mode=dax: a commit flushes its cache lines and fences on a DAX mapping; it survives "
                    + "kill -9, and a power loss only when the pool is on real persistent memory.");
    static final Durability UNKNOWN = new Durability(null, null,
            "Unknown: the benchmark has no profile for this URL; check the engine's documentation.");

    private Engines() {
    }

    /** The engine names {@code compare} accepts, in a sensible default order. */
    public static List<String> names() {
        return List.of("persimmon-process", "persimmon-msync", "h2", "h2-nodelay", "sqlite-normal", "sqlite-full");
    }

    /**
     * The profile called {@code name}, with its database files under {@code dataDir}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Engine named(String name, Path dataDir) {
        String dir = dataDir.toAbsolutePath().toString();
        return switch (name) {
            case "persimmon-process" -> persimmon("jdbc:persimmon:" + dir + "/tpcc.pool;mode=process");
            case "persimmon-msync" -> persimmon("jdbc:persimmon:" + dir + "/tpcc.pool;mode=msync");
            case "h2" -> h2("jdbc:h2:" + dir + "/tpcc");
            case "h2-nodelay" -> h2("jdbc:h2:" + dir + "/tpcc;WRITE_DELAY=0");
            case "sqlite-normal" -> sqlite("jdbc:sqlite:" + dir + "/tpcc.db", "NORMAL");
            case "sqlite-full" -> sqlite("jdbc:sqlite:" + dir + "/tpcc.db", "FULL");
            default -> throw new IllegalArgumentException("unknown engine '" + name + "'; known: "
                    + String.join(", ", names()));
        };
    }

    /** The profile for a JDBC URL given on the command line ({@code run --url}). */
    public static Engine forUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:persimmon:")) {
            return persimmon(url);
        }
        if (lower.startsWith("jdbc:h2:")) {
            return h2(url);
        }
        if (lower.startsWith("jdbc:sqlite:")) {
            return sqlite(url, lower.contains("synchronous=normal") ? "NORMAL" : "FULL");
        }
        return new Engine("jdbc", "JDBC URL " + url + " (no profile: standard SQL, default settings)", url,
                new Properties(), UNKNOWN, Dialect.STANDARD, Engine.READ_COMMITTED, Engine.SessionSetup.NONE, RetryClassifier.STANDARD,
                EngineCounters.NONE);
    }

    static Engine persimmon(String url) {
        String mode = option(url, "mode");
        Durability durability = switch (mode == null ? "" : mode.toLowerCase(Locale.ROOT)) {
            case "process" -> PERSIMMON_PROCESS;
            case "msync" -> PERSIMMON_MSYNC;
            case "dax" -> PERSIMMON_DAX;
            default -> UNKNOWN;
        };
        String name = mode == null ? "persimmon" : "persimmon-" + mode.toLowerCase(Locale.ROOT);
        return new Engine(name, "Persimmon (mode=" + (mode == null ? "driver default" : mode) + ")", url,
                new Properties(), durability, Dialect.STANDARD, Engine.READ_COMMITTED, Engine.SessionSetup.NONE, RetryClassifier.STANDARD,
                new PersimmonCounters());
    }

    static Engine h2(String url) {
        boolean noDelay = url.toUpperCase(Locale.ROOT).contains("WRITE_DELAY=0");
        Engine.SessionSetup setup = connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCK_TIMEOUT " + H2_LOCK_TIMEOUT_MS);
                String writeDelay = "?";
                try (ResultSet rows = statement.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                    if (rows.next()) {
                        writeDelay = rows.getString(1);
                    }
                }
                return "MVStore defaults, WRITE_DELAY=" + writeDelay + " ms, LOCK_TIMEOUT=" + H2_LOCK_TIMEOUT_MS + " ms";
            }
        };
        return new Engine(noDelay ? "h2-nodelay" : "h2",
                "H2 file database (MVStore" + (noDelay ? ", WRITE_DELAY=0" : " defaults") + ")", url, new Properties(),
                noDelay ? H2_NO_DELAY : H2_DEFAULT, Dialect.STANDARD, Engine.READ_COMMITTED, setup, RetryClassifier.H2, EngineCounters.NONE);
    }

    static Engine sqlite(String url, String synchronous) {
        Properties properties = new Properties();
        properties.setProperty("journal_mode", "WAL");
        properties.setProperty("synchronous", synchronous);
        // Transactions stay in the driver's default DEFERRED mode, as applications use it: a transaction
        // that reads and then writes waits (busy_timeout) for the single write lock, and fails with
        // SQLITE_BUSY(_SNAPSHOT) when another connection committed since it started reading; the terminal
        // rolls back, retries and counts it.
        properties.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
        int expectedLevel = synchronous.equals("FULL") ? 2 : 1;
        Engine.SessionSetup setup = connection -> {
            String journal = pragma(connection, "journal_mode");
            String level = pragma(connection, "synchronous");
            String busy = pragma(connection, "busy_timeout");
            if (!"wal".equalsIgnoreCase(journal) || !Integer.toString(expectedLevel).equals(level)) {
                throw new SQLException("SQLite did not accept journal_mode=WAL, synchronous=" + synchronous
                        + " (got journal_mode=" + journal + ", synchronous=" + level + ")");
            }
            return "journal_mode=" + journal + ", synchronous=" + synchronous + ", busy_timeout=" + busy + " ms";
        };
        return new Engine(synchronous.equals("FULL") ? "sqlite-full" : "sqlite-normal",
                "SQLite (xerial sqlite-jdbc), WAL, synchronous=" + synchronous, url, properties,
                synchronous.equals("FULL") ? SQLITE_FULL : SQLITE_NORMAL, Dialect.SQLITE, null, setup,
                RetryClassifier.SQLITE, EngineCounters.NONE);
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** The value of {@code ;key=value} in a URL, or null. */
    static String option(String url, String key) {
        for (String part : url.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(key)) {
                return part.substring(eq + 1).trim();
            }
        }
        return null;
    }
}
