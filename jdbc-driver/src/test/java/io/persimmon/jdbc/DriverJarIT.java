package io.persimmon.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The self-contained driver jar, {@code target/persimmon-jdbc.jar}, on its own: a JVM with nothing
 * else on its class path finds the driver through DriverManager, runs DDL, DML and a query, and
 * reads metadata. Run by failsafe after the jar is built.
 */
class DriverJarIT {
    @TempDir
    Path dir;

    static final String PROGRAM = """
            import java.sql.*;

            public class UseDriver {
                public static void main(String[] args) throws Exception {
                    try (Connection c = DriverManager.getConnection("jdbc:persimmon:" + args[0] + ";mode=process");
                         Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE fruit (id INT PRIMARY KEY, name VARCHAR(10))");
                        s.executeUpdate("INSERT INTO fruit VALUES (1, 'pear'), (2, 'plum')");
                        try (ResultSet rs = s.executeQuery("SELECT name FROM fruit WHERE id = 2")) {
                            rs.next();
                            System.out.println("row " + rs.getString(1));
                        }
                        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
                            rs.next();
                            System.out.println("table " + rs.getString("TABLE_NAME"));
                        }
                        System.out.println("driver " + DriverManager.getDriver("jdbc:persimmon:x").getClass().getName());
                    }
                }
            }
            """;

    @Test
    void shouldWorkWithNothingElseOnTheClassPath() throws Exception {
        Path jar = Path.of(System.getProperty("persimmon.driverJar", "target/persimmon-jdbc.jar"));
        assertTrue(Files.isRegularFile(jar), "the driver jar is built first: " + jar);
        Path source = Files.writeString(dir.resolve("UseDriver.java"), PROGRAM);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", jar.toString(), source.toString(),
                dir.resolve("jar.pool").toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("row plum"), output);
        assertTrue(output.contains("table FRUIT"), output);
        assertTrue(output.contains("driver io.persimmon.jdbc.PersimmonDriver"), output);
    }
}
