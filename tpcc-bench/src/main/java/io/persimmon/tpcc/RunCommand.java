package io.persimmon.tpcc;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tpcc-bench run --url URL ...}: (re)creates the TPC-C tables at one URL, loads, runs, checks. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Load and run TPC-C against one JDBC URL. The nine TPC-C tables are dropped if they exist.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--url", required = true,
            description = "JDBC URL, e.g. jdbc:h2:/tmp/tpcc/h2, jdbc:sqlite:/tmp/tpcc/tpcc.db?synchronous=normal, "
                    + "jdbc:persimmon:/tmp/tpcc/tpcc.pool;mode=process")
    String url;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the JSON result to this file.")
    Path json;

    @Mixin
    BenchmarkOptions options;

    @Override
    public Integer call() throws Exception {
        Engine engine = Engines.forUrl(url);
        RunResult result;
        try {
            result = Benchmark.run(engine, options.toConfig());
        } catch (EngineUnavailableException e) {
            System.err.println("tpcc-bench: " + e.getMessage());
            return Cli.EXIT_UNAVAILABLE;
        }
        Path report = ReportFiles.writeRun(result, options.out, json);
        System.out.println(MarkdownReport.comparisonTable(List.of(result)));
        System.out.println("Report: " + report.toAbsolutePath());
        if (!result.passed()) {
            System.err.println("tpcc-bench: run FAILED: " + String.join("; ", result.failures()));
            return Cli.EXIT_FAILED;
        }
        return 0;
    }
}
