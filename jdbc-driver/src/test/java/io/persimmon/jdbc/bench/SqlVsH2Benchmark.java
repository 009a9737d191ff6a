package io.persimmon.jdbc.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Issue 4's SQL benchmarks: Persimmon ({@code process} mode) and H2 (file mode, its default
 * settings) side by side in one run, one connection in autocommit, over one table of
 * {@value BenchTable#ROWS} rows with an INTEGER primary key ({@link BenchTable}).
 * {@code bin/jmh jdbc-driver SqlVsH2Benchmark -f 1}.
 *
 * <p>Durability is not alike: a Persimmon {@code process} commit is in the pool's shared mapping
 * when it returns (it survives kill -9, not an OS crash); H2's default file mode writes committed
 * changes to its file in the background (WRITE_DELAY, 500 ms), so a crash of either kind can lose
 * the latest commits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SqlVsH2Benchmark {
    private static final String POINT_SELECT = "SELECT name, balance, qty FROM " + BenchTable.NAME + " WHERE id = ?";

    @Param({"persimmon", "h2"})
    public String engine;

    private Path dir;
    private Connection connection;
    private PreparedStatement pointSelect;
    private PreparedStatement update;
    private PreparedStatement insert;
    private Statement statement;
    private static final int DELETE_STEP = 5_000;

    /** The next key an insert uses: above the loaded rows, never used twice in a trial. */
    private int nextKey = BenchTable.ROWS;
    /** Inserted keys below this one have been deleted. */
    private int deletedBelow = BenchTable.ROWS;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = BenchTable.newDirectory("sqlvsh2");
        connection = BenchTable.connect(engine, dir);
        BenchTable.create(connection);
        pointSelect = connection.prepareStatement(POINT_SELECT);
        update = connection.prepareStatement("UPDATE " + BenchTable.NAME + " SET qty = qty + 1 WHERE id = ?");
        insert = connection.prepareStatement("INSERT INTO " + BenchTable.NAME + " VALUES (?, ?, ?, ?)");
        statement = connection.createStatement();
    }

    /**
     * Drops the rows the inserts added, so that every iteration inserts into a table of the same
     * size; in steps of {@link #DELETE_STEP} rows (one Persimmon transaction was limited to 8 MiB
     * of redo when this was written; it no longer is, and the steps do no harm).
     */
    @TearDown(Level.Iteration)
    public void dropInserted() throws SQLException {
        for (int from = deletedBelow; from < nextKey; from += DELETE_STEP) {
            statement.executeUpdate("DELETE FROM " + BenchTable.NAME + " WHERE id >= " + from + " AND id < "
                    + (from + DELETE_STEP));
        }
        deletedBelow = nextKey;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        connection.close();
        BenchTable.delete(dir);
    }

    private static int randomKey() {
        return ThreadLocalRandom.current().nextInt(BenchTable.ROWS);
    }

    private static void read(ResultSet r, Blackhole bh) throws SQLException {
        if (!r.next()) {
            throw new IllegalStateException("no row");
        }
        bh.consume(r.getString(1));
        bh.consume(r.getBigDecimal(2));
        bh.consume(r.getInt(3));
    }

    /** executeQuery on a statement prepared once, with a random key; the row is read. */
    @Benchmark
    public void pointSelectPrepared(Blackhole bh) throws SQLException {
        pointSelect.setInt(1, randomKey());
        try (ResultSet r = pointSelect.executeQuery()) {
            read(r, bh);
        }
    }

    /** Preparing a text prepared before, executing it and closing it. */
    @Benchmark
    public void prepareAgainAndExecute(Blackhole bh) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(POINT_SELECT)) {
            p.setInt(1, randomKey());
            try (ResultSet r = p.executeQuery()) {
                read(r, bh);
            }
        }
    }

    /** One row updated by key, committed (autocommit). */
    @Benchmark
    public int updateOneRowAutocommit() throws SQLException {
        update.setInt(1, randomKey());
        return update.executeUpdate();
    }

    /** One row inserted with a new key, committed (autocommit). */
    @Benchmark
    public int insertOneRowAutocommit() throws SQLException {
        int key = nextKey++;
        insert.setInt(1, key);
        insert.setString(2, "inserted " + key);
        insert.setBigDecimal(3, BigDecimal.TEN);
        insert.setInt(4, key);
        return insert.executeUpdate();
    }

    /** A statement with its key as a literal, a different one each time. */
    @Benchmark
    public void unpreparedStatementWithLiterals(Blackhole bh) throws SQLException {
        try (ResultSet r = statement.executeQuery("SELECT name, balance, qty FROM " + BenchTable.NAME
                + " WHERE id = " + randomKey())) {
            read(r, bh);
        }
    }
}
