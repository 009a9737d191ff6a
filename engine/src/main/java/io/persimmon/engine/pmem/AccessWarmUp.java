package io.persimmon.engine.pmem;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes the FFM API ready to read and write the pool's value layouts, in a thread of its own, while
 * the opening thread locks the file, reads the header and maps the pool. The first access through
 * a layout in a JVM builds its var handle and spins the method handles behind it (tens of
 * milliseconds of a cold open, most of it before the first byte of the pool is read); nothing of
 * it depends on the pool. Once per JVM; only a heap segment of its own is touched.
 */
public final class AccessWarmUp implements Runnable {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private AccessWarmUp() {}

    /** Starts the warm-up the first time it is called in this JVM. */
    public static void start() {
        if (STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(new AccessWarmUp(), "persimmon-warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public void run() {
        warm();
    }

    /** Reads and writes each layout the open reads and writes first (for tests, too: it must not throw). */
    static void warm() {
        MemorySegment s = MemorySegment.ofArray(new long[4]);
        s.set(PoolLayouts.LONG, 0, s.get(PoolLayouts.LONG, 8) + 1);
        s.set(PoolLayouts.INT, 0, s.get(PoolLayouts.INT, 8) + 1);
        s.set(PoolLayouts.BYTE, 0, (byte) (s.get(PoolLayouts.BYTE, 8) + 1));
        s.set(PoolLayouts.LONG_UNALIGNED, 1, s.get(PoolLayouts.LONG_UNALIGNED, 9) + 1);
        s.set(PoolLayouts.INT_UNALIGNED, 1, s.get(PoolLayouts.INT_UNALIGNED, 9) + 1);
    }
}
