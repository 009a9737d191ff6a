package io.persimmon.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmarks put their pools: {@code -Dpersimmon.bench.dir=...}, by default /var/tmp, a
 * disk file system, so that {@code msync} mode measures a real msync (on tmpfs it costs little).
 */
final class BenchPools {
    private BenchPools() {}

    static Path scratchDirectory(String name) throws IOException {
        Path base = Path.of(System.getProperty("persimmon.bench.dir", "/var/tmp"));
        Files.createDirectories(base);
        return Files.createTempDirectory(base, "persimmon-jmh-" + name);
    }

    /** The file system type of {@code path}, for the benchmark's log. */
    static String fileSystem(Path path) {
        try {
            return Files.getFileStore(path).type();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
