package io.persimmon.engine.bench;

import io.persimmon.engine.db.Database;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Recovery time against database size, Persimmon and H2 side by side on the same data. For each
 * size (about 10 MB, 100 MB and 1 GB of data by default, or the sizes in MB given as arguments):
 * <ol>
 * <li><b>Build and kill.</b> A child JVM ({@link CrashBuild}) fills a Persimmon database in
 * {@code process} mode with 200-byte rows and a secondary index, checkpoints, commits 2,000
 * single-row transactions, and is killed with SIGKILL once the last commit has returned. A second
 * child builds the same rows in an H2 MVStore ({@link H2Rows}: a primary map and an index map
 * through its TransactionStore, each commit written to the file before it returns, H2's durable
 * commit against a killed process; the last 2,000 one row a transaction) and is killed the same
 * way. Each file is then as a kill -9 leaves it.</li>
 * <li><b>A clean copy.</b> A copy of each crashed file is opened here (recovering it) and closed
 * cleanly: the same database with no recovery work left, to tell a fresh JVM's cost of opening
 * at all from what the crash adds.</li>
 * <li><b>Cold.</b> Copies of the crashed and of the clean file, each opened by a new JVM
 * ({@link RecoveryOpen}, {@link H2RecoveryOpen}: the same {@code java} and class path) as a
 * restarted process opens its database with nothing loaded or compiled: the figure a user sees.
 * The child reports the {@code System.nanoTime()} around the open; the time from this JVM
 * starting the process to the child's {@code main} is reported apart as the JVM's start-up, which
 * is not part of the open. JVM options for these children:
 * {@code -Dpersimmon.bench.childJvmArgs="..."} (split at spaces; e.g. {@code -Xlog:class+load}).
 * Beside them, a new JVM that maps the clean copy and reads its header through the JDK's foreign
 * memory API with nothing of Persimmon ({@link MappingFloor}): the JDK's floor under a cold open.</li>
 * <li><b>Warm.</b> Copies of the crashed file opened in this JVM after three unmeasured opens
 * (the clean copy's and two warm-ups): the open's cost once its code is loaded, and compiled as
 * far as a few opens compile it.</li>
 * </ol>
 * 5 runs of each ({@code -Druns=N} for another count), the engines taking turns run by run so that
 * a change in the machine's load falls on both. Each copy is written back to the disk, and this
 * JVM left to settle, before it is opened (see {@code copy}). An engine that cannot open its
 * crashed database, or finds other rows in it, is reported as failed at that size and its file
 * kept. Prints each run, then one table of medians with the ratio Persimmon/H2. Run with
 * {@code bin/jmh engine --main io.persimmon.engine.bench.RecoveryTimeMeasurement [sizes in MB]}.
 */
public final class RecoveryTimeMeasurement {
    /** Opens of a crashed copy in this JVM before the warm runs, not measured. */
    private static final int WARM_UPS = 2;

    /** The engines measured, and the few things the measurement does differently for each. */
    private enum Engine {
        PERSIMMON("Persimmon", ".pool", RecoveryOpen.class),
        H2("H2", ".mv.db", H2RecoveryOpen.class);

        final String title;
        final String suffix;
        final Class<?> coldOpen;

        Engine(String title, String suffix, Class<?> coldOpen) {
            this.title = title;
            this.suffix = suffix;
            this.coldOpen = coldOpen;
        }

        /** Opens {@code file} in this JVM and checks its row count; returns the nanoseconds of the open alone. */
        long openHere(Path file, long rows) {
            long start = System.nanoTime();
            if (this == PERSIMMON) {
                try (Database db = Database.open(file, RecoveryOpen.options())) {
                    long opened = System.nanoTime();
                    check(db.table("ROWS").rowCount(), rows);
                    return opened - start;
                }
            }
            try (H2Rows h2 = H2Rows.open(file)) {
                long opened = System.nanoTime();
                check(h2.count(), rows);
                return opened - start;
            }
        }
    }

    /** One engine's database at one size and its figures, filled in as the runs take turns. */
    private static final class Runs {
        final Engine engine;
        final Path crashed;
        Path clean;
        final long[] startup;
        final long[] coldCrashed;
        final long[] coldClean;
        /** A new JVM mapping the clean copy and reading its header with nothing of Persimmon ({@link MappingFloor}). */
        final long[] floor;
        final long[] warmCrashed;
        /** Why the engine failed at this size; null while it has not. */
        String failure;

        Runs(Engine engine, Path crashed, int runs) {
            this.engine = engine;
            this.crashed = crashed;
            startup = new long[2 * runs];
            coldCrashed = new long[runs];
            coldClean = new long[runs];
            floor = new long[runs];
            warmCrashed = new long[runs];
        }
    }

    /** A step of the measurement for one engine. */
    private interface Step {
        void run(Runs r) throws IOException, InterruptedException;
    }

    public static void main(String[] args) throws Exception {
        long[] sizes = args.length == 0 ? new long[] {10, 100, 1000} : Arrays.stream(args).mapToLong(Long::parseLong).toArray();
        int runs = Integer.getInteger("runs", 5);
        Path dir = BenchPools.scratchDirectory("recovery");
        System.out.printf("file system %s; %s; %d runs; child JVM options: %s%n", BenchPools.fileSystem(dir),
                Runtime.version(), runs, childJvmArgs());
        System.out.println("data_mb, engine, rows, file_mb, clean_file_mb, jvm_start_ms (each run), cold_crashed_ms (each run),"
                + " cold_clean_ms (each run), warm_crashed_ms (each run)");
        StringBuilder table = new StringBuilder();
        for (long mb : sizes) {
            Runs p = new Runs(Engine.PERSIMMON, dir.resolve("persimmon-" + mb + Engine.PERSIMMON.suffix), runs);
            Runs h = new Runs(Engine.H2, dir.resolve("h2-" + mb + Engine.H2.suffix), runs);
            long rows = buildAndKill(p.engine, p.crashed, mb << 20);
            check(buildAndKill(h.engine, h.crashed, rows), rows);
            List<Runs> both = List.of(p, h);
            measure(both, rows, dir, runs);
            for (Runs r : both) {
                print(mb, rows, r);
                deleteUnlessFailed(r, dir);
            }
            table.append(tableRows(mb, p, h));
        }
        try (var left = Files.list(dir)) {
            if (left.findAny().isEmpty()) {
                Files.delete(dir);
            }
        }
        System.out.printf("%nMedians (ms), %d runs; JVM start-up is before the child's main, not part of the open:%n%n", runs);
        System.out.println("| data | figure | Persimmon | H2 | Persimmon/H2 |");
        System.out.println("|---|---|--:|--:|--:|");
        System.out.print(table);
    }

    /**
     * Builds {@code engine}'s database in a child JVM ({@link CrashBuild}; {@code amount} is the
     * bytes of data for Persimmon, the rows for H2) and kills it with SIGKILL once it reports that
     * its last commit has returned. Returns the rows it built.
     */
    private static long buildAndKill(Engine engine, Path file, long amount) throws IOException, InterruptedException {
        List<String> command = javaCommand(List.of(), CrashBuild.class, engine.name().toLowerCase(), file.toString(),
                Long.toString(amount));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader in = p.inputReader();
        String line = in.readLine();
        // A kill -9: the child is in Thread.sleep after its last commit, and runs nothing more.
        p.destroyForcibly();
        p.waitFor();
        in.close();
        if (line == null) {
            throw new IllegalStateException(engine.title + "'s build failed (exit " + p.exitValue() + ")");
        }
        return Long.parseLong(line.trim());
    }

    /** The clean copies, then the cold runs, then the warm ones, the engines taking turns in each. */
    private static void measure(List<Runs> engines, long rows, Path dir, int runs) throws IOException, InterruptedException {
        forEach(engines, r -> r.clean = cleanCopy(r.engine, r.crashed, dir, rows));
        for (int run = 0; run < runs; run++) {
            int i = run;
            forEach(engines, r -> {
                long[] child = openInNewJvm(r.engine, r.crashed, dir, rows);
                r.startup[2 * i] = child[0];
                r.coldCrashed[i] = child[1];
                child = openInNewJvm(r.engine, r.clean, dir, rows);
                r.startup[2 * i + 1] = child[0];
                r.coldClean[i] = child[1];
                if (r.engine == Engine.PERSIMMON) {
                    r.floor[i] = openInNewJvm(MappingFloor.class, r.clean, dir, r.engine, -1)[1];
                }
            });
        }
        for (int run = -WARM_UPS; run < runs; run++) {
            int i = run;
            forEach(engines, r -> {
                Path copy = copy(r.crashed, dir, r.engine);
                long nanos = r.engine.openHere(copy, rows);
                Files.delete(copy);
                if (i >= 0) {
                    r.warmCrashed[i] = nanos;
                }
            });
        }
    }

    /**
     * Runs {@code step} for each engine that has not failed; an engine that fails in it (cannot
     * open its database, or finds other rows) is marked failed and takes no further turns.
     */
    private static void forEach(List<Runs> engines, Step step) throws IOException, InterruptedException {
        for (Runs r : engines) {
            if (r.failure != null) {
                continue;
            }
            try {
                step.run(r);
            } catch (RuntimeException e) {
                r.failure = e.toString();
                System.out.printf("%s failed on its crashed database, kept in %s: %s%n", r.engine.title, r.crashed, e);
            }
        }
    }

    /** Deletes the engine's files at this size, but keeps a crashed file it failed on, for a look. */
    private static void deleteUnlessFailed(Runs r, Path dir) throws IOException {
        if (r.failure == null) {
            Files.delete(r.crashed);
        }
        Files.deleteIfExists(dir.resolve("clean" + r.engine.suffix));
        Files.deleteIfExists(dir.resolve("copy" + r.engine.suffix));
    }

    /** A cleanly closed copy of {@code crashed}: opened here (which recovers it) and closed. */
    private static Path cleanCopy(Engine engine, Path crashed, Path dir, long rows) throws IOException {
        Path clean = dir.resolve("clean" + engine.suffix);
        Files.copy(crashed, clean, StandardCopyOption.REPLACE_EXISTING);
        engine.openHere(clean, rows);
        return clean;
    }

    /**
     * A copy of {@code file}, written back to the disk before it is opened (a restarted process
     * finds its file on the disk, not 1.3 GB of dirty pages the kernel is still writing back), and
     * half a second for this JVM's own background work (its compiler threads) to settle: the
     * machine has two cores.
     */
    private static Path copy(Path file, Path dir, Engine engine) throws IOException, InterruptedException {
        Path copy = dir.resolve("copy" + engine.suffix);
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Thread.sleep(500);
        return copy;
    }

    /**
     * Opens a copy of {@code file} in a new JVM; returns the nanoseconds from starting the process
     * to the child's {@code main}, and those of its open.
     */
    private static long[] openInNewJvm(Engine engine, Path file, Path dir, long rows) throws IOException, InterruptedException {
        return openInNewJvm(engine.coldOpen, file, dir, engine, rows);
    }

    /** {@link #openInNewJvm(Engine, Path, Path, long)} with the child's {@code main} given: {@code rows} -1 for none. */
    private static long[] openInNewJvm(Class<?> main, Path file, Path dir, Engine engine, long rows)
            throws IOException, InterruptedException {
        Path copy = copy(file, dir, engine);
        List<String> command = javaCommand(childJvmArgs(), main, copy.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        long launched = System.nanoTime();
        Process p = builder.start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes()).trim();
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the child JVM failed: " + out);
        }
        Files.delete(copy);
        // The child's last line (a -Xlog option may write lines before it).
        String[] f = out.substring(out.lastIndexOf('\n') + 1).split(" ");
        if (rows >= 0) {
            check(Long.parseLong(f[3]), rows);
        }
        return new long[] {Long.parseLong(f[0]) - launched, Long.parseLong(f[2]) - Long.parseLong(f[1])};
    }

    /** The command that runs {@code main} in a new JVM: this JVM's {@code java} and class path. */
    private static List<String> javaCommand(List<String> jvmArgs, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static List<String> childJvmArgs() {
        String args = System.getProperty("persimmon.bench.childJvmArgs", "").trim();
        return args.isEmpty() ? List.of() : List.of(args.split(" +"));
    }

    private static void check(long recovered, long rows) {
        if (recovered != rows) {
            throw new IllegalStateException("recovered " + recovered + " rows of " + rows);
        }
    }

    private static void print(long mb, long rows, Runs r) throws IOException {
        long fileMb = Files.size(r.crashed) >> 20;
        if (r.failure != null) {
            System.out.printf("%d, %s, %d, %d, failed: %s%n", mb, r.engine.title, rows, fileMb, r.failure);
            return;
        }
        System.out.printf("%d, %s, %d, %d, %d, %s, %s, %s, %s%n", mb, r.engine.title, rows, fileMb,
                Files.size(r.clean) >> 20, millis(r.startup), millis(r.coldCrashed), millis(r.coldClean),
                millis(r.warmCrashed) + (r.engine == Engine.PERSIMMON ? ", floor " + millis(r.floor) : ""));
    }

    /** The summary table's rows for one size: each figure's medians and their ratio. */
    private static String tableRows(long mb, Runs p, Runs h) {
        String data = mb + " MB";
        return tableRow(data, "cold open, crashed", p, h, p.coldCrashed, h.coldCrashed)
                + tableRow(data, "cold open, clean", p, h, p.coldClean, h.coldClean)
                + tableRow(data, "warm open, crashed", p, h, p.warmCrashed, h.warmCrashed)
                + tableRow(data, "JVM start-up", p, h, p.startup, h.startup)
                + String.format("| %s | the JDK's floor: map the pool and read its header through FFM, in a new JVM | %s | - | - |%n",
                        data, cell(p, p.floor));
    }

    private static String tableRow(String data, String figure, Runs p, Runs h, long[] persimmon, long[] h2) {
        if (p.failure != null || h.failure != null) {
            return String.format("| %s | %s | %s | %s | - |%n", data, figure, cell(p, persimmon), cell(h, h2));
        }
        double pm = median(persimmon);
        double hm = median(h2);
        return String.format("| %s | %s | %.1f | %.1f | %.2f |%n", data, figure, pm, hm, pm / hm);
    }

    private static String cell(Runs r, long[] nanos) {
        return r.failure != null ? "failed" : String.format("%.1f", median(nanos));
    }

    private static String millis(long[] nanos) {
        return Arrays.stream(nanos).mapToObj(t -> String.format("%.1f", t / 1e6)).collect(Collectors.joining(" "));
    }

    /** The median in milliseconds (of an even count, the mean of the middle two). */
    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return (sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0) / 1e6;
    }
}
