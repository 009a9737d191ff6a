package io.persimmon.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;
import sqlline.SqlLine;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code persimmon shell [url] [sqlline options]}: sqlline on a Persimmon database. A URL may be a
 * {@code jdbc:persimmon:} URL or a pool path; with none, the demo database (created on first use).
 * Options after the URL go to sqlline as they are ({@code --run=script.sql} runs a script and
 * exits, and leaves standard input alone). Otherwise, when standard input is not a terminal,
 * statements are read from it.
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
        if (url == null || url.startsWith("-")) {
            if (url != null) {
                sqllineOptions.add(0, url); // an option, not a URL
            }
            target = DemoDatabase.ensure(DemoDatabase.defaultPath());
        } else {
            target = url.startsWith("jdbc:") ? url : "jdbc:persimmon:" + Path.of(url).toAbsolutePath();
        }
        List<String> args = new ArrayList<>(List.of("-d", DRIVER, "-u", target, "-n", "", "-p", ""));
        args.addAll(sqllineOptions);
        // With a script, sqlline must not touch standard input: jline's terminal pumps whatever
        // input it is given on a thread of its own, and would swallow what a parent process (a
        // pipe, or surefire's fork commands in the tests) sends there.
        InputStream input = sqllineOptions.stream().anyMatch(o -> o.startsWith("--run=") || o.equals("--run"))
                ? InputStream.nullInputStream() : System.in;
        SqlLine.Status status = new SqlLine().begin(args.toArray(String[]::new), input, false); // start() would System.exit
        return status == SqlLine.Status.OK ? 0 : 1;
    }
}
