package io.persimmon.jdbc.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A pooled round trip as applications make it: borrow a connection from HikariCP, prepare,
 * execute, commit, return; a key lookup and a one-row update, on Persimmon ({@code process}
 * mode) and on H2 (file, its default durability) side by side in one run, on the same data.
 * {@code bin/jmh jdbc-driver PooledRoundTripBenchmark -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PooledRoundTripBenchmark {
    private static final int ROWS = 10_000;

    @Param({"persimmon", "h2"})
    public String engine;

    private Path dir;
    private HikariDataSource pool;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory(Path.of(System.getProperty("persimmon.bench.dir", "/var/tmp")), "roundtrip");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(engine.equals("persimmon")
                ? "jdbc:persimmon:" + dir.resolve("bench.pool") + ";mode=process"
                : "jdbc:h2:" + dir.resolve("bench"));
        config.setAutoCommit(false);
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(40), balance DECIMAL(12,2))");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO account VALUES (?, ?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "account " + i);
                    insert.setBigDecimal(3, java.math.BigDecimal.valueOf(1000));
                    insert.executeUpdate();
                    if (i % 1000 == 999) {
                        c.commit();
                    }
                }
            }
            c.commit();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        pool.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public void lookup(Blackhole bh) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT name, balance FROM account WHERE id = ?")) {
            p.setInt(1, ThreadLocalRandom.current().nextInt(ROWS));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                bh.consume(r.getString(1));
                bh.consume(r.getBigDecimal(2));
            }
            c.commit();
        }
    }

    @Benchmark
    public int update() throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("UPDATE account SET balance = balance + 1 WHERE id = ?")) {
            p.setInt(1, ThreadLocalRandom.current().nextInt(ROWS));
            int n = p.executeUpdate();
            c.commit();
            return n;
        }
    }
}
