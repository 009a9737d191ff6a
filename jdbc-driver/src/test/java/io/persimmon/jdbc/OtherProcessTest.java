package io.persimmon.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** A pool that another process has open is refused, with a message that says so. */
class OtherProcessTest {
    @TempDir
    Path dir;

    /** Run in a child JVM: opens the pool through the driver, says so, and waits for its input to close. */
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0])) {
            System.out.println("open " + c.isValid(0));
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the pool until the parent closes our input
            }
        }
    }

    @Test
    void shouldRefuseAPoolOpenInAnotherProcess() throws Exception {
        String url = "jdbc:persimmon:" + dir.resolve("shared.pool") + ";mode=process";
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                OtherProcessTest.class.getName(), url).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            assertEquals("open true", out.readLine(), "the child opened the pool");
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("another process"), e.getMessage());
        } finally {
            child.getOutputStream().close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertTrue(c.isValid(0), "once the other process is gone, the pool opens");
        }
    }
}
