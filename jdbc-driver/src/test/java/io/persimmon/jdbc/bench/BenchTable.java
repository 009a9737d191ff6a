package io.persimmon.jdbc.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;

/**
 * The table the SQL benchmarks share, and how each engine is reached: Persimmon in {@code process}
 * mode, H2 in file mode with its default settings, both under a temporary directory
 * ({@code -Dpersimmon.bench.dir}, default /var/tmp: a disk, not tmpfs, for H2's file).
 */
final class BenchTable {
    /** Rows loaded, keys 0 to ROWS - 1. */
    static final int ROWS = 10_000;
    static final String NAME = "bench";

    private BenchTable() {}

    static Path newDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(Path.of(System.getProperty("persimmon.bench.dir", "/var/tmp")), prefix);
    }

    /** The JDBC URL of {@code engine}'s database in {@code dir}. */
    static String url(String engine, Path dir) {
        return switch (engine) {
            case "persimmon" -> "jdbc:persimmon:" + dir.resolve("bench.pool") + ";mode=process";
            case "h2" -> "jdbc:h2:" + dir.resolve("bench");
            default -> throw new IllegalArgumentException("engine " + engine + " (persimmon or h2)");
        };
    }

    static Connection connect(String engine, Path dir) throws SQLException {
        return DriverManager.getConnection(url(engine, dir));
    }

    /** Creates the table and loads its rows, in autocommit mode when it returns. */
    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + NAME
                    + " (id INTEGER PRIMARY KEY, name VARCHAR(40), balance DECIMAL(12,2), qty INTEGER)");
        }
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + NAME + " VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                insert.setInt(1, i);
                insert.setString(2, "row " + i);
                insert.setBigDecimal(3, BigDecimal.valueOf(1000 + i, 2));
                insert.setInt(4, i % 100);
                insert.executeUpdate();
                if (i % 1000 == 999) {
                    c.commit();
                }
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }

    static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
