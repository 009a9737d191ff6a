package io.persimmon.engine.pmem;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sim} mode, the crash simulator. Beside the live mapping it keeps a durable image: what
 * the media would hold after a power failure. {@link #flush} captures the current content of the
 * lines; {@link #fence} copies this thread's captured lines into the durable image.
 * {@link #crashState()} takes the durable image plus every 8-byte word in which the live mapping
 * differs from it: a crash may have persisted any subset of those words (they are in the cache,
 * or flushed and not yet fenced), and a {@link CrashState} writes an image for a chosen subset.
 *
 * <p>A {@link FenceListener} sees every fence before it takes effect: a crash at fence k is the
 * state at that moment, so one run of a workload yields a crash state at every fence.
 */
public final class SimPersistence extends CountingPersistence {
    /** Called before each fence takes effect, with the fence's number (from 1). */
    @FunctionalInterface
    public interface FenceListener {
        void beforeFence(SimPersistence sim, long fenceNumber);
    }

    private final ThreadLocal<Map<Long, byte[]>> captured = ThreadLocal.withInitial(LinkedHashMap::new);
    private final Arena arena = Arena.ofShared();
    private MemorySegment durable;
    private long fenceNumber;
    private volatile FenceListener listener;

    /** A simulator whose durable image starts as the current content of the mapping. */
    SimPersistence(PoolMapping mapping, LatencyEmulation emulation) {
        super(mapping, emulation);
        durable = arena.allocate(mapping.size(), CacheLines.LINE);
        durable.copyFrom(mapping.segment());
    }

    @Override
    public PersistenceMode mode() {
        return PersistenceMode.SIM;
    }

    /** Sets (or with null, clears) the listener that sees every fence. */
    public void setFenceListener(FenceListener listener) {
        this.listener = listener;
    }

    /** Fences so far. */
    public synchronized long fenceCount() {
        return fenceNumber;
    }

    @Override
    protected void writeBack(long offset, long length) {
        MemorySegment live = mapping.segment();
        Map<Long, byte[]> lines = captured.get();
        long end = offset + length;
        for (long line = CacheLines.lineStart(offset); line < end; line += CacheLines.LINE) {
            lines.put(line, live.asSlice(line, CacheLines.LINE).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Override
    protected void drain() {
        FenceListener current = listener;
        long number;
        synchronized (this) {
            number = ++fenceNumber;
        }
        if (current != null) {
            current.beforeFence(this, number);
        }
        Map<Long, byte[]> lines = captured.get();
        synchronized (this) {
            for (Map.Entry<Long, byte[]> e : lines.entrySet()) {
                MemorySegment.copy(MemorySegment.ofArray(e.getValue()), 0, durable, e.getKey(), CacheLines.LINE);
            }
        }
        lines.clear();
    }

    /**
     * The state a crash now could leave: the durable image, plus the words in which the live
     * mapping differs from it (each of which may or may not have reached the media).
     */
    public synchronized CrashState crashState() {
        MemorySegment live = mapping.segment();
        long size = Math.min(live.byteSize(), durable.byteSize());
        List<long[]> diffs = new ArrayList<>();
        long position = 0;
        while (position < size) {
            long mismatch = MemorySegment.mismatch(durable, position, size, live, position, size);
            if (mismatch < 0) {
                break;
            }
            long word = (position + mismatch) & ~(long) (CacheLines.WORD - 1);
            diffs.add(new long[] {word, live.get(PoolLayouts.LONG_UNALIGNED, word)});
            position = word + CacheLines.WORD;
        }
        long[] offsets = new long[diffs.size()];
        long[] values = new long[diffs.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = diffs.get(i)[0];
            values[i] = diffs.get(i)[1];
        }
        return new CrashState(durable.asSlice(0, size).toArray(ValueLayout.JAVA_BYTE), offsets, values);
    }

    /** Makes the whole live mapping durable, as a clean shutdown would. */
    public synchronized void makeAllDurable() {
        durable.copyFrom(mapping.segment().asSlice(0, durable.byteSize()));
    }

    @Override
    public synchronized void mappingGrown(long newSize) {
        if (newSize <= durable.byteSize()) {
            return;
        }
        // The grown region is zero in the file, and its size is made durable with the growth.
        MemorySegment bigger = arena.allocate(newSize, CacheLines.LINE);
        bigger.copyFrom(durable);
        durable = bigger;
    }

    @Override
    public void close() {
        synchronized (this) {
            durable = null;
        }
        arena.close();
    }
}
