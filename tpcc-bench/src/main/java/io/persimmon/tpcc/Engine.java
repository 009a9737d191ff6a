package io.persimmon.tpcc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;

/**
 * One engine as the benchmark runs it: its JDBC URL and connection properties, the session settings it
 * needs, its SQL dialect, how its retryable failures look, its counters, and what it guarantees about
 * committed data ({@link Durability}). The profiles live in {@link Engines}.
 *
 * @param name        short name used on the command line and in reports ("h2", "sqlite-full", ...)
 * @param description what the engine is and how it is configured, for reports
 * @param url         JDBC URL
 * @param properties  JDBC connection properties
 * @param durability  what survives a killed process and a power loss with these settings
 * @param dialect     SQL differences
 * @param isolation   the JDBC isolation level to set (READ COMMITTED), or null to keep the engine's own
 *                    (SQLite, which is always serializable)
 * @param setup       session setup run on every new connection; returns the effective settings
 * @param retries     which failures are retried
 * @param counters    engine counters sampled after every transaction
 */
public record Engine(
        String name,
        String description,
        String url,
        Properties properties,
        Durability durability,
        Dialect dialect,
        Integer isolation,
        SessionSetup setup,
        RetryClassifier retries,
        EngineCounters counters) {

    /** Applies and checks per-connection settings. */
    @FunctionalInterface
    public interface SessionSetup {
        /**
         * Configures a new connection (still in auto-commit mode) and returns its effective settings as
         * text, for example "journal_mode=wal, synchronous=FULL". Throws if a setting the durability
         * statement depends on did not take effect.
         */
        String configure(Connection connection) throws SQLException;

        /** No settings. */
        SessionSetup NONE = connection -> "";
    }

    public Engine {
        properties = copy(properties);
    }

    @Override
    public Properties properties() {
        return copy(properties);
    }

    /** READ COMMITTED, for {@link #isolation}. */
    public static final Integer READ_COMMITTED = Connection.TRANSACTION_READ_COMMITTED;

    /**
     * Opens a connection ready for the benchmark: settings applied, auto-commit off, the profile's
     * isolation level (READ COMMITTED) where the driver supports choosing it.
     *
     * @throws EngineUnavailableException when no registered JDBC driver accepts the URL
     * @throws SQLException               when the driver fails to connect or to configure the session
     */
    public Connection connect() throws SQLException, EngineUnavailableException {
        requireDriver();
        Connection connection = DriverManager.getConnection(url, properties);
        try {
            configure(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Connects once and returns the effective settings and isolation level, for reports. */
    public String effectiveSettings() throws SQLException, EngineUnavailableException {
        requireDriver();
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            String settings = configure(connection);
            String isolation = isolationName(connection.getTransactionIsolation());
            connection.rollback();
            String product = connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
            return product + "; isolation " + isolation + (settings.isEmpty() ? "" : "; " + settings);
        }
    }

    private String configure(Connection connection) throws SQLException {
        String settings = setup.configure(connection);
        connection.setAutoCommit(false);
        if (isolation != null) {
            try {
                connection.setTransactionIsolation(isolation);
            } catch (SQLFeatureNotSupportedException | UnsupportedOperationException e) {
                // The engine keeps its own level; effectiveSettings() reports it.
            }
        }
        // End whatever transaction switching auto-commit off began, so that the first transaction of the
        // benchmark starts clean.
        connection.commit();
        return settings;
    }

    private void requireDriver() throws EngineUnavailableException {
        try {
            Driver driver = DriverManager.getDriver(url);
            if (driver == null) {
                throw new SQLException("No suitable driver");
            }
        } catch (SQLException e) {
            throw new EngineUnavailableException("engine " + name + " is not available: no JDBC driver accepts "
                    + url + " (" + e.getMessage() + ")", e);
        }
    }

    private static String isolationName(int level) {
        return switch (level) {
            case Connection.TRANSACTION_NONE -> "NONE";
            case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
            case Connection.TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
            case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
            case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
            default -> "level " + level;
        };
    }

    private static Properties copy(Properties source) {
        Properties copy = new Properties();
        if (source != null) {
            copy.putAll(source);
        }
        return copy;
    }
}
