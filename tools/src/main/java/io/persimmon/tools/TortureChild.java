package io.persimmon.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One round of a torture run: a child JVM (the same {@code java}, the same class path) running a
 * workload's main class, killed with SIGKILL {@code delay} milliseconds after it printed READY;
 * then every line it reported is handed over. The report goes to a file, not a pipe: what the
 * child wrote before SIGKILL is in the page cache whatever the parent was doing, and the child
 * never waits for the parent to read.
 */
final class TortureChild {
    /**
     * How long a child may take to open the pool and get ready (for TPC-C, to plan its statements
     * in a cold JVM: some 6 seconds on a quiet 2-core machine, past 60 under a load of 7): a child
     * not ready by then is taken for one that hangs in its open.
     */
    static final long READY_SECONDS = 300;

    private TortureChild() {}

    /** Runs the round; returns null, or what went wrong with the child (it never got ready, or died early). */
    static String run(int round, Class<?> main, List<String> args, long delayMillis, Consumer<String> lines)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path stdout = Files.createTempFile("persimmon-torture-", ".stdout");
        Path stderr = Files.createTempFile("persimmon-torture-", ".stderr");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
            boolean ready = false;
            while (!ready && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                ready = startsWithReady(stdout);
            }
            ready = ready || startsWithReady(stdout);
            String problem = null;
            if (ready) {
                Thread.sleep(delayMillis);
            }
            if (!child.isAlive() || !ready) {
                problem = "round " + round + ": the child " + (ready ? "died before it was killed"
                        : "was not ready after " + READY_SECONDS + " s")
                        + (child.isAlive() ? "" : " (exit " + child.exitValue() + ")") + "; its stderr ends: "
                        + tail(stderr);
            }
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
            try (BufferedReader in = Files.newBufferedReader(stdout, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.accept(line);
                }
            }
            return problem;
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static boolean startsWithReady(Path stdout) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(stdout, StandardCharsets.UTF_8)) {
            return "READY".equals(in.readLine());
        }
    }

    private static String tail(Path file) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join(" | ", all.subList(Math.max(0, all.size() - 5), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
