package io.persimmon.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Drives sqlline through {@code persimmon shell} with a script and checks what it prints. */
class ShellCommandTest {
    @TempDir
    Path dir;

    /** What a command printed on standard output, then on standard error, and its exit status. */
    private record Printed(int exit, String text) {}

    private static Printed execute(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new PersimmonCli()).execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Printed(exit, captured.toString(StandardCharsets.UTF_8) + "\n--- stderr ---\n"
                + errors.toString(StandardCharsets.UTF_8));
    }

    /** Runs the command, which must succeed; returns what it printed on standard output, then on standard error. */
    private String run(String... args) {
        Printed printed = execute(args);
        assertEquals(0, printed.exit(), printed::text);
        return printed.text();
    }

    @Test
    void shouldRunAScriptAndPrintItsRows() throws Exception {
        Path script = dir.resolve("script.sql");
        Files.writeString(script, """
                CREATE TABLE pet (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL, legs INTEGER);
                INSERT INTO pet VALUES (1, 'Rex', 4), (2, 'Tweety', 2), (3, 'Nemo', 0);
                UPDATE pet SET legs = legs + 1 WHERE name = 'Tweety';
                SELECT name, legs FROM pet WHERE legs > 0 ORDER BY legs DESC;
                """);
        String output = run("shell", dir.resolve("pets.pool").toString(), "--run=" + script);
        assertTrue(output.contains("| Rex    | 4    |"), output);
        assertTrue(output.contains("| Tweety | 3    |"), output); // the UPDATE's legs + 1
        assertFalse(output.substring(0, output.indexOf("--- stderr ---")).contains("Nemo"), output);
        assertTrue(output.indexOf("Rex") < output.indexOf("Tweety"), output);
        assertTrue(output.contains("3 rows affected"), output);
        assertTrue(output.contains("2 rows selected"), output);
    }

    @Test
    void shouldCreateTheDemoDatabaseOnFirstUse() throws Exception {
        Path pool = dir.resolve("demo.pool");
        String url = DemoDatabase.ensure(pool);
        Path script = dir.resolve("tour.sql");
        Files.writeString(script, """
                SELECT c.name, COUNT(*) AS orders FROM customer c JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name;
                !tables
                """);
        String output = run("shell", url, "--run=" + script);
        assertTrue(output.contains("Ada Lovelace"), output);
        assertTrue(output.contains("ORDER_LINE"), output);
        assertEquals(url, DemoDatabase.ensure(pool)); // a second open finds it and creates nothing
    }

    @Test
    void shouldRunStatementsPipedToItWithoutTerminalEscapes() {
        java.io.InputStream in = System.in;
        String output;
        try {
            System.setIn(new java.io.ByteArrayInputStream("""
                    CREATE TABLE t (a INTEGER PRIMARY KEY, b VARCHAR(10));
                    INSERT INTO t VALUES (1, 'x'), (2, 'y');
                    SELECT b FROM t WHERE a = 2;
                    """.getBytes(StandardCharsets.UTF_8)));
            output = run("shell", dir.resolve("piped.pool").toString());
        } finally {
            System.setIn(in);
        }
        assertTrue(output.contains("| y |"), output);
        assertTrue(output.contains("2 rows affected"), output);
        assertFalse(output.contains("\u001b"), "no terminal escape codes: " + output);
        assertEquals(1, output.split("SELECT b FROM t", -1).length - 1, "each statement printed once: " + output);
    }

    @Test
    void shouldRefuseAPoolItCannotOpenWithItsMessageAndNoStackTrace() throws Exception {
        Path notAPool = dir.resolve("not-a.pool");
        Files.write(notAPool, new byte[64 * 1024]); // zeros: no header copy
        Printed run = execute("shell", notAPool.toString(), "--run=" + notAPool);
        String printed = run.text();
        assertEquals(1, run.exit(), printed);
        assertTrue(printed.contains("persimmon shell: ") && printed.contains("(SQLState 08001)"), printed);
        assertFalse(printed.contains("\tat "), "no stack trace: " + printed);
    }

    @Test
    void shouldPrintAFailingStatementOfAScriptWithoutAStackTrace() throws Exception {
        // sqlline's flag is static: a shell run earlier in this JVM has set it; start as a new JVM does
        java.lang.reflect.Field initComplete = sqlline.SqlLine.class.getDeclaredField("initComplete");
        initComplete.setAccessible(true);
        initComplete.setBoolean(null, false);
        Path script = dir.resolve("typo.sql");
        Files.writeString(script, """
                CREATE TABLE pet (id INTEGER PRIMARY KEY);
                SELECT * FROM pets;
                """);
        Printed run = execute("shell", dir.resolve("typo.pool").toString(), "--run=" + script);
        String printed = run.text();
        assertTrue(printed.contains("Object 'PETS' not found (state=42S02"), printed);
        assertFalse(printed.contains("\tat "), "no stack trace: " + printed);
    }
}
