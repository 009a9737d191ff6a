package io.persimmon.tools;

import io.persimmon.tools.dump.SqlScript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code persimmon load <pool> FILE}: runs a SQL script (a {@code persimmon dump}, or any script of
 * statements separated by {@code ;}) into a pool, creating the pool when it is missing. Refuses a
 * pool that already has tables: a dump recreates tables, so loading it over a database would fail
 * halfway or mix two databases. Each statement is its own transaction (an INSERT of a dump is a
 * batch of rows). The first failing statement stops the load with its number, line and SQLState;
 * what ran before it stays committed. Progress goes to standard error ({@code --quiet}: none), the
 * summary to standard output.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Run a SQL script (a dump) into a new or empty pool; one transaction per statement.")
final class LoadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "POOL", description = "the pool file (created when missing) or a jdbc:persimmon: URL")
    String target;

    @Parameters(index = "1", paramLabel = "FILE", description = "the script (UTF-8)")
    Path script;

    @Option(names = "--quiet", description = "no progress on standard error")
    boolean quiet;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(script)) {
            System.err.println("persimmon load: no script at " + script.toAbsolutePath());
            return 2;
        }
        String url;
        try {
            url = Targets.url(target, false);
        } catch (Targets.Unusable e) {
            System.err.println("persimmon load: " + e.getMessage());
            return 2;
        }
        Progress progress = quiet ? Progress.NONE : Progress.onStandardError();
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url)) {
            List<String> tables = tables(c);
            if (!tables.isEmpty()) {
                System.err.println("persimmon load: the pool already has " + tables.size() + " table(s) ("
                        + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                        + (tables.size() > 5 ? ", ..." : "") + "); load into a new or empty pool");
                return 2;
            }
            c.setAutoCommit(false);
            long[] done = new long[2]; // statements, rows
            try (ScriptRunner runner = new ScriptRunner(c); BufferedReader in = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
                SqlScript.read(in, st -> {
                    try {
                        long count = runner.run(st.sql());
                        c.commit();
                        done[0]++;
                        done[1] += st.sql().regionMatches(true, 0, "INSERT", 0, 6) ? count : 0;
                    } catch (SQLException e) {
                        throw new Failed(st, e);
                    }
                    progress.report(() -> String.format("load: %,d statement(s), %,d row(s)", done[0], done[1]));
                });
            } catch (Failed f) {
                progress.done();
                rollback(c);
                System.err.printf("persimmon load: statement %d (line %d) failed: %s%n  %s%n", f.statement.number(),
                        f.statement.line(), Targets.describe(f.cause), abbreviate(f.statement.sql()));
                System.err.printf("persimmon load: %,d statement(s) before it are committed%n", done[0]);
                return 1;
            }
            progress.done();
            System.out.printf("loaded %,d statement(s), %,d row(s) from %s in %.1f s%n", done[0], done[1], script,
                    (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (SqlScript.Unterminated e) {
            progress.done();
            System.err.println("persimmon load: " + script + ": " + e.getMessage());
            return 1;
        } catch (CharacterCodingException e) {
            progress.done();
            System.err.println("persimmon load: " + script + " is not UTF-8 text");
            return 2;
        } catch (IOException e) {
            progress.done();
            System.err.println("persimmon load: cannot read " + script + ": " + e);
            return 2;
        } catch (SQLException e) {
            progress.done();
            System.err.println("persimmon load: " + Targets.describe(e));
            return 2;
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rows = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the statement's own failure is what is reported
        }
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + " ...";
    }

    /** A statement's failure, carried out of the script reader. */
    private static final class Failed extends SQLException {
        final transient SqlScript.Statement statement;
        final SQLException cause;

        Failed(SqlScript.Statement statement, SQLException cause) {
            super(cause);
            this.statement = statement;
            this.cause = cause;
        }
    }
}
