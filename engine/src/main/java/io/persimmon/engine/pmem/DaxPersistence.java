package io.persimmon.engine.pmem;

/**
 * {@code dax} mode: the pool is persistent memory mapped with MAP_SYNC, so a store is durable once
 * its cache line is written back and fenced. Java has no public write-back without a fence: one
 * {@code force()} on a slice of a sync mapping is CLWB over the slice followed by one SFENCE. So
 * flushes are gathered per thread and merged, and the fence forces each contiguous run once; the
 * commit path is laid out so that a fence covers one run (see docs/crash-consistency.md).
 */
final class DaxPersistence extends CountingPersistence {
    private final ThreadLocal<PendingRanges> pending =
            ThreadLocal.withInitial(() -> new PendingRanges(CacheLines.LINE));

    DaxPersistence(PoolMapping mapping, LatencyEmulation emulation) {
        super(mapping, emulation);
    }

    @Override
    public PersistenceMode mode() {
        return PersistenceMode.DAX;
    }

    @Override
    protected void writeBack(long offset, long length) {
        pending.get().add(offset, length);
    }

    @Override
    protected void drain() {
        PendingRanges ranges = pending.get();
        ranges.forEachRun((offset, length) -> {
            mapping.segment().asSlice(offset, length).force();
            countSyncCall();
        });
        ranges.clear();
    }

    @Override
    public boolean growthNeedsMetadataSync() {
        return true;
    }
}
