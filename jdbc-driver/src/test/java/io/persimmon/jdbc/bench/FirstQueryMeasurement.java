package io.persimmon.jdbc.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first query of a fresh JVM, Persimmon ({@code process} mode) against H2 (file mode): each
 * engine's database ({@link BenchTable}) is created here, then a new JVM is started for each run,
 * engines taking turns, and reports in milliseconds:
 * <ul>
 *   <li>{@code jvm}: from just before the JVM was started to its main method;
 *   <li>{@code drivers}: {@code DriverManager.drivers()}, which loads every driver on the class
 *       path the first time (here both engines' and Calcite's own, registered by calcite-core), so
 *       that {@code connect} is the engine's own work;
 *   <li>{@code connect}: {@code DriverManager.getConnection} on the existing database;
 *   <li>{@code first}: {@code Statement.executeQuery("SELECT name, balance, qty FROM bench WHERE id = 42")}
 *       to its first row read;
 *   <li>{@code literal}: the same text with another literal ({@code id = 43}), to its row;
 *   <li>{@code second}: a second text, {@code prepareStatement("SELECT name FROM bench WHERE qty = ? AND id = ?")},
 *       executed, to its row: the cost of a new text once the first has loaded what it loads.
 * </ul>
 * {@code bin/jmh jdbc-driver --main io.persimmon.jdbc.bench.FirstQueryMeasurement [runs]} (default
 * 5 runs per engine); prints each run and the medians. Extra JVM options for the measured JVMs (a
 * flight recording, say) go in {@code -Dpersimmon.bench.childJvmArgs="..."}, separated by spaces;
 * {@code {engine}} in them is replaced by the engine's name. With JDK 25's AOT cache
 * ({@code -XX:AOTCacheOutput=/tmp/{engine}.aot} for one run, then {@code -XX:AOTCache=/tmp/{engine}.aot})
 * the class path must hold jars only (docs/benchmarks.md, SQL against H2).
 */
public final class FirstQueryMeasurement {
    private static final String[] ENGINES = {"persimmon", "h2"};
    private static final String[] FIGURES = {"jvm", "drivers", "connect", "first", "literal", "second"};

    private FirstQueryMeasurement() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args[2]);
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = BenchTable.newDirectory("firstquery");
        try {
            Map<String, String> urls = new LinkedHashMap<>();
            for (String engine : ENGINES) {
                Path engineDir = dir.resolve(engine);
                java.nio.file.Files.createDirectories(engineDir);
                try (Connection c = BenchTable.connect(engine, engineDir)) {
                    BenchTable.create(c);
                }
                urls.put(engine, BenchTable.url(engine, engineDir));
            }
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            for (int run = 0; run < runs; run++) {
                for (String engine : ENGINES) {
                    double[] figures = runChild(engine, urls.get(engine));
                    results.computeIfAbsent(engine, e -> new ArrayList<>()).add(figures);
                    System.out.printf("run %d %-9s %s%n", run + 1, engine, format(figures));
                }
            }
            System.out.printf("median of %d runs, ms:%n", runs);
            for (var e : results.entrySet()) {
                double[] median = new double[FIGURES.length];
                for (int i = 0; i < FIGURES.length; i++) {
                    int f = i;
                    double[] values = e.getValue().stream().mapToDouble(r -> r[f]).sorted().toArray();
                    median[i] = values[values.length / 2];
                }
                System.out.printf("%-9s %s%n", e.getKey(), format(median));
            }
        } finally {
            BenchTable.delete(dir);
        }
    }

    private static String format(double[] figures) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < FIGURES.length; i++) {
            s.append(String.format("%s %8.1f  ", FIGURES[i], figures[i]));
        }
        return s.toString().trim();
    }

    /** Starts a JVM that measures {@code engine}'s first queries; its figures, the first from here. */
    private static double[] runChild(String engine, String url) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("--enable-native-access=ALL-UNNAMED");
        String extra = System.getProperty("persimmon.bench.childJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(Arrays.asList(extra.replace("{engine}", engine).split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstQueryMeasurement.class.getName(),
                "child", engine, url));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        long started = System.currentTimeMillis();
        Process p = builder.start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException(engine + " run failed (exit " + p.exitValue() + ")");
        }
        String[] parts = result.split(" ");
        double[] figures = new double[FIGURES.length];
        figures[0] = Long.parseLong(parts[1]) - started;
        for (int i = 1; i < FIGURES.length; i++) {
            figures[i] = Double.parseDouble(parts[i + 1]);
        }
        return figures;
    }

    /** In the measured JVM (arguments: child, engine, URL): prints "RESULT mainEpochMillis drivers connect first literal second". */
    private static void child(String url) throws SQLException {
        long main = System.currentTimeMillis();
        long loading = System.nanoTime();
        if (java.sql.DriverManager.drivers().count() == 0) {
            throw new IllegalStateException("no JDBC driver on the class path");
        }
        long t0 = System.nanoTime();
        try (Connection c = java.sql.DriverManager.getConnection(url)) {
            long t1 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                readOne(s.executeQuery("SELECT name, balance, qty FROM bench WHERE id = 42"));
                long t2 = System.nanoTime();
                readOne(s.executeQuery("SELECT name, balance, qty FROM bench WHERE id = 43"));
                long t3 = System.nanoTime();
                try (PreparedStatement p = c.prepareStatement("SELECT name FROM bench WHERE qty = ? AND id = ?")) {
                    p.setInt(1, 44);
                    p.setInt(2, 44);
                    readOne(p.executeQuery());
                }
                long t4 = System.nanoTime();
                System.out.printf("RESULT %d %.2f %.2f %.2f %.2f %.2f%n", main, ms(t0 - loading), ms(t1 - t0),
                        ms(t2 - t1), ms(t3 - t2), ms(t4 - t3));
            }
        }
    }

    private static void readOne(ResultSet r) throws SQLException {
        try (r) {
            if (!r.next() || r.getString(1) == null) {
                throw new IllegalStateException("no row");
            }
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
