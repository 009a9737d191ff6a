package io.persimmon.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code persimmon} command line: one subcommand per tool. */
@Command(name = "persimmon", mixinStandardHelpOptions = true, version = "Persimmon 0.1.0-SNAPSHOT",
        description = "Persimmon, an embedded SQL database whose data lives in persistent memory.",
        subcommands = {ShellCommand.class, InfoCommand.class, CheckCommand.class, TortureCommand.class,
                DumpCommand.class, LoadCommand.class})
public final class PersimmonCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        quietEngineLogging();
        int exit = new CommandLine(new PersimmonCli()).execute(args);
        System.exit(exit);
    }

    /**
     * The engine logs at INFO which persistence mode it picked; the tools print that themselves,
     * so only warnings reach the terminal unless a logging configuration file is given.
     */
    private static void quietEngineLogging() {
        if (System.getProperty("java.util.logging.config.file") == null) {
            java.util.logging.Logger.getLogger("io.persimmon").setLevel(java.util.logging.Level.WARNING);
        }
    }
}
