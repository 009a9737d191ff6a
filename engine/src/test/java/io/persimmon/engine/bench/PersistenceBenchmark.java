package io.persimmon.engine.bench;

import io.persimmon.engine.pmem.Persistence;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What one durable write costs in each mode: store into every cache line of a range, flush the
 * range, fence. {@code dax} needs persistent memory and is not measured here; {@code msync}
 * needs its pool on a disk file system ({@code -Dpersimmon.bench.dir}, default /var/tmp).
 *
 * <pre>bin/jmh engine PersistenceBenchmark -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PersistenceBenchmark {
    @Param({"process", "msync", "sim"})
    public String mode;

    /** Bytes flushed per fence: one cache line, or a 4 KiB page. */
    @Param({"64", "4096"})
    public int bytes;

    private Path directory;
    private Pool pool;
    private Persistence persistence;
    private MemorySegment segment;
    private long offset;
    private long value;

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = BenchPools.scratchDirectory("persistence");
        pool = Pool.open(directory.resolve("bench.pool"), PoolOptions.defaults()
                .withMode(PersistenceMode.parse(mode)).withInitialSize(4L << 20).withDeleteOnClose(true));
        persistence = pool.persistence();
        segment = pool.segment();
        offset = pool.allocator().allocate(4096);
        System.out.println("# pool in " + directory + " (" + BenchPools.fileSystem(directory) + "), mode "
                + persistence.mode().optionName());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        System.out.println("# counters: " + persistence.counters().total());
        pool.close();
        Files.deleteIfExists(directory);
    }

    @Benchmark
    public void flushAndFence() {
        long v = ++value;
        for (long line = offset; line < offset + bytes; line += 64) {
            segment.set(PoolLayouts.LONG, line, v);
        }
        persistence.flush(offset, bytes);
        persistence.fence();
    }
}
