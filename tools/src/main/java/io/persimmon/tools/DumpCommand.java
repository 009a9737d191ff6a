package io.persimmon.tools;

import io.persimmon.tools.dump.DumpException;
import io.persimmon.tools.dump.ScriptWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.Callable;

/**
 * {@code persimmon dump <pool or URL> [--out FILE]}: the database as a SQL script (UTF-8) that
 * {@code persimmon load} or the shell turns back into the same database ({@link ScriptWriter}).
 * With {@code --out}, the script is written to a temporary file beside FILE and renamed at the
 * end, so FILE is either the whole dump or untouched; the summary then goes to standard output.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Write a database as a SQL script (tables, indexes, rows) that load or the shell reads back.")
final class DumpCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "POOL", description = "the pool file or a jdbc:persimmon: URL")
    String target;

    @Option(names = "--out", paramLabel = "FILE", description = "write the script to FILE (default: standard output)")
    Path out;

    @Override
    public Integer call() {
        String url;
        try {
            url = Targets.url(target, true);
        } catch (Targets.Unusable e) {
            System.err.println("persimmon dump: " + e.getMessage());
            return 2;
        }
        try (Connection c = DriverManager.getConnection(url)) {
            if (out == null) {
                Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                ScriptWriter.write(c, w);
                w.flush();
                return 0;
            }
            Path file = out.toAbsolutePath();
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".partial");
            try {
                ScriptWriter.Summary s;
                try (Writer w = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    s = ScriptWriter.write(c, w);
                }
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.out.printf("dumped %d table(s), %d index(es), %,d row(s) in %,d statement(s) to %s%n",
                        s.tables(), s.indexes(), s.rows(), s.statements(), file);
                return 0;
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (SQLException e) {
            System.err.println("persimmon dump: " + Targets.describe(e));
            return 2;
        } catch (DumpException e) {
            System.err.println("persimmon dump: cannot dump: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("persimmon dump: cannot write " + (out == null ? "standard output" : out) + ": " + e);
            return 2;
        }
    }
}
