package io.persimmon.engine.bench;

import io.persimmon.engine.alloc.Allocator;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The allocator's own cost, in {@code process} mode (allocation never writes to the pool or
 * fences, so the mode does not matter): allocate + free of one block (and, as a baseline,
 * allocate + release, which returns a never-published block at once), and allocation alone of
 * batches that a checkpoint publishes between invocations.
 *
 * <pre>bin/jmh engine AllocatorBenchmark -f 1 -wi 2 -i 3</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AllocatorBenchmark {
    /** Allocations per invocation of {@link #allocateOnlyUntilCheckpoint}. */
    static final int BATCH = 1024;

    /** An open pool of 64 MiB, deleted at the end of the trial. */
    @State(Scope.Thread)
    public static class PoolState {
        @Param({"64", "256", "4096"})
        public int size;

        Path directory;
        Pool pool;
        Allocator allocator;

        @Setup(Level.Trial)
        public void open() throws IOException {
            directory = BenchPools.scratchDirectory("alloc");
            pool = Pool.open(directory.resolve("bench.pool"), PoolOptions.defaults()
                    .withMode(PersistenceMode.PROCESS).withInitialSize(64L << 20).withDeleteOnClose(true));
            allocator = pool.allocator();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            pool.close();
            Files.deleteIfExists(directory);
        }
    }

    /**
     * A pool whose last batch of blocks is freed, and a checkpoint taken, before each invocation
     * (a subclass rather than a second state: with JMH 1.37 a Level.Invocation fixture that took
     * the PoolState as a parameter was handed another instance than the benchmark method).
     */
    @State(Scope.Thread)
    public static class BatchState extends PoolState {
        final long[] offsets = new long[BATCH];
        boolean full;

        @Setup(Level.Invocation)
        public void recycle() {
            if (full) {
                for (long offset : offsets) {
                    allocator.free(offset, size);
                }
                pool.checkpoint(Map.of());
                full = false;
            }
        }
    }

    @Benchmark
    public long allocateFree(PoolState state) {
        long offset = state.allocator.allocate(state.size);
        state.allocator.free(offset, state.size);
        return offset;
    }

    /** Baseline for {@link #allocateFree}: a block no checkpoint ever held, returned at once. */
    @Benchmark
    public long allocateRelease(PoolState state) {
        long offset = state.allocator.allocate(state.size);
        state.allocator.release(offset, state.size);
        return offset;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long[] allocateOnlyUntilCheckpoint(BatchState batch) {
        for (int i = 0; i < BATCH; i++) {
            batch.offsets[i] = batch.allocator.allocate(batch.size);
        }
        batch.full = true;
        return batch.offsets;
    }
}
