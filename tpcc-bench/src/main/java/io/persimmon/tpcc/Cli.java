package io.persimmon.tpcc;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tpcc-bench} command line: {@code run} benchmarks one JDBC URL, {@code compare} loads and
 * runs several engines back to back with the same settings. Run through {@code bin/tpcc-bench}.
 *
 * <p>Exit codes: 0 passed; 1 a run failed its consistency check or had errors; 2 bad usage; 3 an
 * engine could not be used (no JDBC driver, failed connection); 4 an unexpected failure.
 */
@Command(name = "tpcc-bench", mixinStandardHelpOptions = true, version = "tpcc-bench 0.1.0",
        description = "TPC-C benchmark for Persimmon, H2 and SQLite.",
        subcommands = {RunCommand.class, CompareCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    /** A run failed: consistency violated, or transactions failed with errors. */
    static final int EXIT_FAILED = 1;
    /** An engine was not available. */
    static final int EXIT_UNAVAILABLE = 3;
    /** Unexpected failure (SQL error during load, I/O error...). */
    static final int EXIT_ERROR = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Entry point. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Cli());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof IllegalArgumentException) {
                line.getErr().println("tpcc-bench: " + exception.getMessage());
                return 2;
            }
            line.getErr().println("tpcc-bench: " + exception);
            exception.printStackTrace(line.getErr());
            return EXIT_ERROR;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** The command line as typed, for reports. */
    static String commandText(CommandLine.Model.CommandSpec spec) {
        StringBuilder text = new StringBuilder("bin/tpcc-bench");
        CommandLine.ParseResult root = spec.root().commandLine().getParseResult();
        for (String arg : root.originalArgs()) {
            text.append(' ').append(arg.contains(" ") ? "'" + arg + "'" : arg);
        }
        return text.toString();
    }
}
