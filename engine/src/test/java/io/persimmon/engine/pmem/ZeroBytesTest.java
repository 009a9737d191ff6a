package io.persimmon.engine.pmem;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ZeroBytesTest {
    @Test
    void shouldFindTheFirstNonZeroByteWithinTheStretchAcrossChunks() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(300_000); // zeroed; longer than one 64 KiB chunk
            assertEquals(300_000, ZeroBytes.firstNonZero(s, 0, 300_000), "all zero: the end");
            s.set(PoolLayouts.BYTE, 200_001, (byte) 7);
            s.set(PoolLayouts.BYTE, 70_000, (byte) 1);
            assertEquals(70_000, ZeroBytes.firstNonZero(s, 0, 300_000));
            assertEquals(70_000, ZeroBytes.firstNonZero(s, 70_000, 300_000), "from the byte itself");
            assertEquals(200_001, ZeroBytes.firstNonZero(s, 70_001, 300_000), "the next one, two chunks on");
            assertEquals(200_001, ZeroBytes.firstNonZero(s, 70_001, 200_001 + 1));
            assertEquals(200_001, ZeroBytes.firstNonZero(s, 70_001, 200_001), "a byte at the end is outside");
            assertEquals(65_536, ZeroBytes.firstNonZero(s, 65_536, 65_536), "an empty stretch");
        }
    }
}
