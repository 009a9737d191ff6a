package io.persimmon.engine.pmem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * msync mode maps the pool with MADV_RANDOM ({@link PageAdvice}), so that the kernel caches it in
 * page-sized folios and an msync writes back the pages a commit changed, not megabytes around them.
 * The kernel shows the advice as the {@code rr} flag of each mapping in /proc/self/smaps (the
 * builds run on Linux, with native access enabled, as the launchers run Persimmon).
 */
class PageAdviceTest {
    @TempDir
    Path dir;

    @Test
    void shouldAdviseEveryMappingOfAnMsyncPoolIncludingThoseAfterGrowth() throws IOException {
        Path file = dir.resolve("msync.pool");
        try (PoolMapping mapping = PoolMapping.lock(file, true, false)) {
            mapping.grow(1 << 20, false);
            Persistences.open(mapping, PersistenceMode.MSYNC, LatencyEmulation.NONE);
            mapping.grow(4 << 20, false);

            List<String> flags = vmFlagsOfMappingsOf(mapping.path());
            assertEquals(2, flags.size(), "the first mapping and the one after growth: " + flags);
            for (String f : flags) {
                assertTrue(List.of(f.split(" ")).contains("rr"), "not advised MADV_RANDOM: " + f);
            }
        }
    }

    @Test
    void shouldLeaveAProcessModePoolToReadAhead() throws IOException {
        Path file = dir.resolve("process.pool");
        try (PoolMapping mapping = PoolMapping.lock(file, true, false)) {
            mapping.grow(1 << 20, false);
            Persistences.open(mapping, PersistenceMode.PROCESS, LatencyEmulation.NONE);

            List<String> flags = vmFlagsOfMappingsOf(mapping.path());
            assertEquals(1, flags.size(), flags.toString());
            assertFalse(List.of(flags.get(0).split(" ")).contains("rr"), flags.get(0));
        }
    }

    /** The VmFlags line of each mapping of {@code file} in this process. */
    private static List<String> vmFlagsOfMappingsOf(Path file) throws IOException {
        List<String> flags = new ArrayList<>();
        boolean inFile = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                inFile = line.endsWith(" " + file);
            } else if (inFile && line.startsWith("VmFlags:")) {
                flags.add(line.substring("VmFlags:".length()).trim());
            }
        }
        return flags;
    }
}
