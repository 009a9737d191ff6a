package io.persimmon.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code persimmon} command line: one subcommand per tool. */
@Command(name = "persimmon", mixinStandardHelpOptions = true, version = "Persimmon 0.1.0-SNAPSHOT",
        description = "Persimmon, an embedded SQL database whose data lives in persistent memory.",
        subcommands = {DemoCommand.class, InfoCommand.class})
public final class PersimmonCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new PersimmonCli()).execute(args);
        System.exit(exit);
    }
}
