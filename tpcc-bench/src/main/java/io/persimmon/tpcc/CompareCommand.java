package io.persimmon.tpcc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tpcc-bench compare --engines a,b,c ...}: loads and runs each engine back to back with the same
 * settings, each in a fresh data folder, and writes one comparison table with ratios against the first
 * engine that ran. An engine that cannot run (no driver) is reported and skipped.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Load and run several engines back to back with the same settings and compare them.")
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--engines", split = ",", defaultValue = "persimmon-process,persimmon-msync,h2,sqlite-normal,sqlite-full",
            description = "Engines to compare, the first is the baseline of the ratios. Known: "
                    + "persimmon-process, persimmon-msync, h2, h2-nodelay, sqlite-normal, sqlite-full "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the databases are created, one sub-folder per engine (default: <out>/data).")
    Path dataDir;

    @Option(names = "--keep-data", description = "Keep each engine's database after its run (deleted by default).")
    boolean keepData;

    @Mixin
    BenchmarkOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunConfig config = options.toConfig();
        for (String name : engines) {
            Engines.named(name, Path.of("."));
        }
        Path data = dataDir != null ? dataDir : options.out.resolve("data");
        List<RunResult> results = new ArrayList<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        boolean failed = false;
        for (String name : engines) {
            Path engineDir = data.resolve(name);
            deleteRecursively(engineDir);
            Files.createDirectories(engineDir);
            Engine engine = Engines.named(name, engineDir);
            try {
                RunResult result = Benchmark.run(engine, config);
                results.add(result);
                ReportFiles.writeRun(result, options.out, null);
                if (!result.passed()) {
                    failed = true;
                    System.err.println("[" + name + "] run FAILED: " + String.join("; ", result.failures()));
                }
            } catch (EngineUnavailableException e) {
                unavailable.put(name, e.getMessage());
                System.err.println("[" + name + "] skipped: " + e.getMessage());
            } catch (SQLException e) {
                failed = true;
                unavailable.put(name, "failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")");
                System.err.println("[" + name + "] failed: " + e.getMessage());
            } catch (RuntimeException e) {
                failed = true;
                unavailable.put(name, "failed: " + e);
                System.err.println("[" + name + "] failed: " + e);
                e.printStackTrace();
            } finally {
                if (!keepData) {
                    deleteRecursively(engineDir);
                }
            }
        }
        Path report = ReportFiles.writeComparison(results, unavailable, Cli.commandText(spec), options.out);
        System.out.println(MarkdownReport.comparisonTable(results));
        System.out.print(MarkdownReport.durabilityNotes(results));
        unavailable.forEach((engine, reason) -> System.out.println("Not run: " + engine + ": " + reason));
        System.out.println("Report: " + report.toAbsolutePath());
        if (failed) {
            return Cli.EXIT_FAILED;
        }
        return unavailable.isEmpty() ? 0 : Cli.EXIT_UNAVAILABLE;
    }

    /** Deletes a folder this command created for an engine's database. */
    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
