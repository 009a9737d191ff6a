package io.persimmon.engine.testkit;

import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.check.PoolCheck;
import io.persimmon.engine.pmem.CrashState;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.SimPersistence;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.LongFunction;

/**
 * Crashes a workload at every fence (a seeded sample when there are more than
 * {@link Options#maxCrashPoints}), and at each crash point tries many subsets of the words not yet
 * durable: for each it writes the image, reopens it (recovery runs as on any open), runs
 * {@code check}, and asks the workload whether the recovered state is one it may show.
 *
 * <p>Each failure names the fence and the subset's seed; {@link Options#only} replays exactly
 * that state. At the end: {@code crash states verified: N, anomalies: M}.
 */
public final class CrashHarness {

    /**
     * @param seed seed of the workload and of every choice the harness makes
     * @param maxCrashPoints fences crashed at most (a seeded sample beyond)
     * @param subsetsPerPoint random subsets of the undurable words tried at each fence
     * @param enumerateUpTo when at most this many words are undurable, every subset is tried instead
     * @param onlyFence replay a single crash point (0 = all)
     * @param onlySubsetSeed replay a single subset of that crash point (used with onlyFence)
     */
    public record Options(long seed, int maxCrashPoints, int subsetsPerPoint, int enumerateUpTo,
                          long onlyFence, long onlySubsetSeed) {
        public static Options of(long seed, int maxCrashPoints, int subsetsPerPoint) {
            return new Options(seed, maxCrashPoints, subsetsPerPoint, 6, 0, 0);
        }

        /** Replays one failure reported as {@code fence k, subset seed s}. */
        public Options only(long fence, long subsetSeed) {
            return new Options(seed, maxCrashPoints, subsetsPerPoint, enumerateUpTo, fence, subsetSeed);
        }
    }

    /** What a run found. */
    public record Result(long fences, long crashPoints, long statesVerified, List<String> anomalies) {
        public String summary() {
            return "crash states verified: " + statesVerified + ", anomalies: " + anomalies.size();
        }

        /** The summary and the first few anomalies, for an assertion message. */
        public String report() {
            return summary() + (anomalies.isEmpty() ? "" : "; first: " + String.join("\n  ",
                    anomalies.subList(0, Math.min(5, anomalies.size()))));
        }
    }

    private final PoolOptions poolOptions;
    private final Path workDir;

    public CrashHarness(PoolOptions poolOptions, Path workDir) {
        this.poolOptions = poolOptions.withMode(PersistenceMode.SIM).withDeleteOnClose(false);
        this.workDir = workDir;
    }

    /** Runs the workload made by {@code factory} (called with the seed) under every crash point. */
    public Result run(LongFunction<CrashWorkload> factory, Options options) {
        long fences = countFences(factory, options.seed());
        TreeSet<Long> points = choosePoints(fences, options);
        List<String> anomalies = new ArrayList<>();
        long[] verified = {0};
        Path live = workDir.resolve("live-" + options.seed() + ".pool");
        deleteQuietly(live);
        CrashWorkload workload = factory.apply(options.seed());
        workload.prepare(live);
        try (Pool pool = Pool.open(live, poolOptions)) {
            SimPersistence sim = (SimPersistence) pool.persistence();
            long base = sim.fenceCount();
            sim.setFenceListener((s, number) -> {
                long k = number - base;
                if (points.contains(k)) {
                    verified[0] += crashAt(k, s.crashState(), workload, options, anomalies);
                }
            });
            workload.run(pool);
            sim.setFenceListener(null);
            long end = sim.fenceCount() - base + 1;
            if (options.onlyFence() == 0 || options.onlyFence() == end) {
                // The state after the last fence: everything the workload made durable, and any subset of the rest.
                verified[0] += crashAt(end, sim.crashState(), workload, options, anomalies);
            }
        } finally {
            deleteQuietly(live);
        }
        Result result = new Result(fences, points.size() + 1, verified[0], List.copyOf(anomalies));
        System.out.println(result.summary());
        return result;
    }

    private long countFences(LongFunction<CrashWorkload> factory, long seed) {
        Path counting = workDir.resolve("count-" + seed + ".pool");
        deleteQuietly(counting);
        CrashWorkload workload = factory.apply(seed);
        workload.prepare(counting);
        try (Pool pool = Pool.open(counting, poolOptions)) {
            SimPersistence sim = (SimPersistence) pool.persistence();
            long base = sim.fenceCount();
            workload.run(pool);
            return sim.fenceCount() - base;
        } finally {
            deleteQuietly(counting);
        }
    }

    private static TreeSet<Long> choosePoints(long fences, Options options) {
        TreeSet<Long> points = new TreeSet<>();
        if (options.onlyFence() > 0) {
            points.add(options.onlyFence());
        } else if (fences <= options.maxCrashPoints()) {
            for (long k = 1; k <= fences; k++) {
                points.add(k);
            }
        } else {
            SplittableRandom random = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
            while (points.size() < options.maxCrashPoints()) {
                points.add(1 + random.nextLong(fences));
            }
        }
        return points;
    }

    private int crashAt(long fence, CrashState state, CrashWorkload workload, Options options,
                        List<String> anomalies) {
        List<Object> acceptable = workload.acceptableStates();
        int words = state.differingWords();
        List<long[]> subsets = new ArrayList<>(); // {kind, value}: kind 0 = mask, 1 = seed
        if (options.onlyFence() > 0 && options.onlySubsetSeed() != 0) {
            subsets.add(new long[] {1, options.onlySubsetSeed()});
        } else if (words <= options.enumerateUpTo()) {
            for (long mask = 0; mask < (1L << words); mask++) {
                subsets.add(new long[] {0, mask});
            }
        } else {
            subsets.add(new long[] {0, 0}); // nothing beyond the durable image
            subsets.add(new long[] {0, -1}); // everything
            SplittableRandom random = new SplittableRandom(options.seed() * 31 + fence);
            for (int i = 2; i < options.subsetsPerPoint(); i++) {
                // Odd seeds choose per word, even ones (every third) per cache line.
                subsets.add(new long[] {1, i % 3 == 1 ? random.nextLong() & ~1L : random.nextLong() | 1});
            }
        }
        int count = 0;
        for (long[] subset : subsets) {
            BitSet bits;
            String name;
            if (subset[0] == 1) {
                boolean byLine = (subset[1] & 1) == 0;
                bits = byLine ? state.randomLineSubset(subset[1]) : state.randomSubset(subset[1]);
                name = "fence " + fence + ", subset seed " + subset[1] + (byLine ? " (by line)" : "");
            } else if (subset[1] == -1) {
                bits = new BitSet();
                bits.set(0, words);
                name = "fence " + fence + ", all " + words + " undurable words persisted";
            } else {
                bits = state.subsetOfMask(subset[1]);
                name = "fence " + fence + ", subset mask " + Long.toBinaryString(subset[1]) + " of " + words + " words";
            }
            String problem = verifyImage(state, bits, workload, acceptable);
            count++;
            if (problem != null) {
                anomalies.add("seed " + options.seed() + ", " + name + ": " + problem);
                if (anomalies.size() <= 5) {
                    System.out.println("ANOMALY seed " + options.seed() + ", " + name + ": " + problem);
                }
            }
        }
        return count;
    }

    private String verifyImage(CrashState state, BitSet subset, CrashWorkload workload, List<Object> acceptable) {
        Path image = workDir.resolve("crash-image.pool");
        deleteQuietly(image);
        state.writeImage(image, subset);
        try (Pool recovered = Pool.open(image, poolOptions.withMode(PersistenceMode.PROCESS).withCreate(false))) {
            // The workload recovers first (as the engine does on open; a database workload then
            // checkpoints what it replayed), then check verifies the durable state it left.
            String problem = workload.verify(recovered, acceptable);
            if (problem != null) {
                return problem;
            }
            CheckReport report = PoolCheck.run(recovered.segment(), workload.owners());
            return report.passed() ? null : "check failed: " + report.problems();
        } catch (RuntimeException e) {
            return "reopening failed: " + e;
        } finally {
            deleteQuietly(image);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory for crash images: tmpfs when the machine has one (fast), else the system temp. */
    /**
     * Runs the workloads of seeds 1 to {@code seeds} one after another, each crashed as
     * {@code Options.of(seed, maxCrashPoints, subsetsPerPoint)} says, in a scratch directory
     * named after {@code name} that is deleted afterwards; their results in seed order.
     */
    public static List<Result> runSeeds(String name, PoolOptions pool, LongFunction<CrashWorkload> workloads, int seeds,
                                        int maxCrashPoints, int subsetsPerPoint) {
        Path work = scratchDirectory(name);
        try {
            List<Result> results = new ArrayList<>();
            for (long seed = 1; seed <= seeds; seed++) {
                results.add(new CrashHarness(pool, work).run(workloads, Options.of(seed, maxCrashPoints, subsetsPerPoint)));
            }
            return results;
        } finally {
            try (var files = Files.list(work)) {
                files.forEach(p -> p.toFile().delete());
                Files.deleteIfExists(work);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static Path scratchDirectory(String name) {
        try {
            Path shm = Path.of("/dev/shm");
            Path parent = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
            return Files.createTempDirectory(parent, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
