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

    @Test
    void shouldAnswerAsTheScanDoesWhenSkippingTheChunksSeenZero() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(1 << 20); // its address need not be 64 KiB aligned
            s.set(PoolLayouts.BYTE, 70_000, (byte) 1);
            s.set(PoolLayouts.BYTE, 200_001, (byte) 7);
            s.set(PoolLayouts.BYTE, 900_000, (byte) 9);
            ZeroBytes.Seen seen = new ZeroBytes.Seen();
            java.util.Random random = new java.util.Random(42);
            for (int i = 0; i < 2_000; i++) {
                long from = random.nextInt(1 << 20);
                long to = from + random.nextInt((int) ((1 << 20) - from) + 1);
                // the same segment, and a slice of it starting elsewhere: both share what was seen
                assertEquals(ZeroBytes.firstNonZero(s, from, to), ZeroBytes.firstNonZero(s, from, to, seen),
                        "[" + from + ", " + to + ")");
                MemorySegment slice = s.asSlice(from);
                assertEquals(ZeroBytes.firstNonZero(slice, 0, to - from), ZeroBytes.firstNonZero(slice, 0, to - from, seen));
            }
            assertEquals(70_000, ZeroBytes.firstNonZero(s, 0, 1 << 20, seen));
            assertEquals(900_000, ZeroBytes.firstNonZero(s, 200_002, 1 << 20, seen));
        }
    }
}
