package io.persimmon.tpcc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Persimmon's persistence counters: the number of store fences and of flushed cache lines of the
 * connection's own commits, read from the SQL layer's {@code SYS.PERSISTENCE_STATS} (its SESSION_
 * columns: cumulative since the connection opened, exact however many terminals commit at once, and
 * without the background checkpoints, which no transaction waits for). If the table
 * cannot be read the counters are switched off for the rest of the run, with one warning on stderr,
 * and the reports simply leave the columns out.
 */
public final class PersimmonCounters implements EngineCounters {

    /** The query that returns one row: the connection's cumulative fences and flushed cache lines. */
    public static final String QUERY = "SELECT SESSION_FENCES, SESSION_FLUSHED_LINES FROM SYS.PERSISTENCE_STATS";

    private final AtomicBoolean available = new AtomicBoolean(true);

    @Override
    public Optional<Counts> snapshot(Connection connection) {
        if (!available.get()) {
            return Optional.empty();
        }
        try {
            Counts counts;
            try (PreparedStatement statement = connection.prepareStatement(QUERY);
                 ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("no row in SYS.PERSISTENCE_STATS");
                }
                counts = new Counts(rows.getLong(1), rows.getLong(2));
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return Optional.of(counts);
        } catch (SQLException e) {
            if (available.compareAndSet(true, false)) {
                System.err.println("Persimmon persistence counters unavailable (" + e.getMessage()
                        + "); fences and flushed lines are not reported.");
            }
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            } catch (SQLException ignored) {
                // The connection is reported broken by the next transaction.
            }
            return Optional.empty();
        }
    }

    /** Whether the counters could be read so far. */
    public boolean isAvailable() {
        return available.get();
    }
}
