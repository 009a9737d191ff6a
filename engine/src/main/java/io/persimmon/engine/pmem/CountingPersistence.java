package io.persimmon.engine.pmem;

/**
 * What every mode shares: counting, and the optional latency emulation. A mode implements
 * {@link #writeBack} and {@link #drain}.
 */
abstract class CountingPersistence implements Persistence {
    protected final PoolMapping mapping;
    private final PersistenceCounters counters = new PersistenceCounters();
    private final LatencyEmulation emulation;

    CountingPersistence(PoolMapping mapping, LatencyEmulation emulation) {
        this.mapping = mapping;
        this.emulation = emulation;
    }

    @Override
    public final void flush(long offset, long length) {
        if (length <= 0) {
            return;
        }
        long lines = CacheLines.linesCovering(offset, length);
        counters.recordFlush(lines, length);
        if (emulation.enabled()) {
            emulation.onFlush(lines);
        }
        writeBack(offset, length);
    }

    @Override
    public final void flushRanges(long[] pairs, int count) {
        long lines = 0;
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            long offset = pairs[2 * i];
            long length = pairs[2 * i + 1];
            if (length > 0) {
                lines += CacheLines.linesCovering(offset, length);
                bytes += length;
                writeBack(offset, length);
            }
        }
        counters.recordFlush(lines, bytes);
        if (emulation.enabled()) {
            emulation.onFlush(lines);
        }
    }

    @Override
    public final void fence() {
        counters.recordFence();
        if (emulation.enabled()) {
            emulation.onFence();
        }
        drain();
    }

    /** Mode-specific part of {@link #flush}: the range is not empty. */
    protected abstract void writeBack(long offset, long length);

    /** Mode-specific part of {@link #fence}. */
    protected abstract void drain();

    protected final void countSyncCall() {
        counters.recordSyncCall();
    }

    @Override
    public final PersistenceCounters counters() {
        return counters;
    }
}
