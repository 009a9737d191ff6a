package io.persimmon.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;
import sqlline.SqlLine;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code persimmon shell [url] [sqlline options]}: sqlline on a Persimmon database. A URL may be a
 * {@code jdbc:persimmon:} URL or a pool path; with none, the demo database (created on first use).
 * Options after the URL go to sqlline as they are ({@code --run=script.sql} runs a script and
 * exits, and leaves standard input alone). Without a terminal, statements piped to standard
 * input are run as a script, and the output carries no terminal escape codes.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = "Open the SQL shell (sqlline) on a database; with no URL, on the demo database.")
final class ShellCommand implements Callable<Integer> {
    static final String DRIVER = "io.persimmon.jdbc.PersimmonDriver";

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "jdbc:persimmon: URL or pool path (default: the demo database)")
    String url;

    @Unmatched
    List<String> sqllineOptions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String target;
        String hint = "";
        if (url == null || url.startsWith("-")) {
            if (url != null) {
                sqllineOptions.add(0, url); // an option, not a URL
            }
            target = DemoDatabase.ensure(DemoDatabase.defaultPath());
            hint = "; the demo database is created on first use: delete " + DemoDatabase.defaultPath()
                    + " to create it afresh";
        } else {
            target = url.startsWith("jdbc:") ? url : "jdbc:persimmon:" + Path.of(url).toAbsolutePath();
        }
        // Connect once here: sqlline prints a stack trace when its own connect fails (a pool that
        // is corrupt, of another format, or open in another process), and this gives the message
        // alone. The connection is held while sqlline runs, so its own connect finds the database open.
        java.sql.Connection held;
        try {
            held = java.sql.DriverManager.getConnection(target);
        } catch (java.sql.SQLException e) {
            System.err.println("persimmon shell: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")" + hint);
            return 1;
        }
        try (held) {
            return runSqlline(target);
        }
    }

    private int runSqlline(String target) throws Exception {
        List<String> args = new ArrayList<>(List.of("-d", DRIVER, "-u", target, "-n", "", "-p", ""));
        args.addAll(sqllineOptions);
        boolean script = sqllineOptions.stream().anyMatch(o -> o.startsWith("--run="));
        java.io.Console console = System.console();
        boolean interactive = console != null && console.isTerminal();
        if (!interactive) {
            // Output to a pipe or a file: no terminal escape codes (jline's default type writes them).
            System.setProperty("org.jline.terminal.type", "dumb");
        }
        Path piped = null;
        if (!script && !interactive) {
            // Statements piped in are run as a script: sqlline then prints each statement and its
            // result once, instead of the terminal echoing the input as it reads it.
            piped = Files.createTempFile("persimmon-shell", ".sql");
            Files.copy(System.in, piped, StandardCopyOption.REPLACE_EXISTING);
            args.add("--run=" + piped);
            script = true;
        }
        // With a script, sqlline must not touch standard input: jline's terminal pumps whatever
        // input it is given on a thread of its own, and would swallow what a parent process (a
        // pipe, or surefire's fork commands in the tests) sends there.
        InputStream input = script ? InputStream.nullInputStream() : System.in;
        if (script) {
            printErrorsTersely();
        }
        SqlLine.Status status;
        try {
            status = new SqlLine().begin(args.toArray(String[]::new), input, false); // start() would System.exit
        } finally {
            if (piped != null) {
                Files.deleteIfExists(piped);
            }
        }
        return status == SqlLine.Status.OK ? 0 : 1;
    }

    /**
     * sqlline prints the whole stack trace of a failing statement while it initialises, whatever
     * its {@code verbose} option says, and it runs a {@code --run} script (and so a piped one)
     * during initialisation: every mistyped name in a script came with some eighty lines of
     * Calcite's frames. Marking it initialised (its private {@code initComplete} flag, which
     * {@code begin} sets after the script anyway) makes a failure print its message and SQLState,
     * as when typed; {@code --verbose=true} still gives the trace. Without the flag (another
     * sqlline), nothing changes.
     */
    static void printErrorsTersely() {
        try {
            java.lang.reflect.Field initComplete = SqlLine.class.getDeclaredField("initComplete");
            initComplete.setAccessible(true);
            initComplete.setBoolean(null, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another sqlline: its traces stay
        }
    }
}
