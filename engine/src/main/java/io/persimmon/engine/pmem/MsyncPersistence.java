package io.persimmon.engine.pmem;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code msync} mode: an ordinary file on a block device. A flush notes the dirty pages; a fence
 * msyncs them. One msync costs tens to hundreds of microseconds, so concurrent fences share it
 * (group commit): the first thread to fence becomes the leader and syncs the pages of every thread
 * that has joined the batch; the others wait for that batch to finish.
 */
final class MsyncPersistence extends CountingPersistence {
    private static final long PAGE = 4096;

    private final ThreadLocal<PendingRanges> pending =
            ThreadLocal.withInitial(() -> new PendingRanges(PAGE));
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchDone = lock.newCondition();
    /** Pages of the batch being gathered: synced by the next leader. */
    private PendingRanges gathering = new PendingRanges(PAGE);
    /** Number of the batch being gathered; batches before it are synced or being synced. */
    private long gatheringBatch = 1;
    private long syncedBatch;
    private boolean syncing;
    /** A failed msync makes every later fence fail: durability is never lost silently. */
    private RuntimeException failure;

    MsyncPersistence(PoolMapping mapping, LatencyEmulation emulation) {
        super(mapping, emulation);
        // An msync writes back whole page-cache folios: page-sized ones keep a commit's msync to its pages.
        mapping.adviseRandomAccess();
    }

    @Override
    public PersistenceMode mode() {
        return PersistenceMode.MSYNC;
    }

    @Override
    protected void writeBack(long offset, long length) {
        pending.get().add(offset, length);
    }

    /**
     * A thread with more ranges than this to make durable (a checkpoint's write step: every page
     * its frozen records dirtied) syncs them itself instead of joining the batch: concurrent
     * commits' fences, a page or two each, would otherwise wait for its msync. It syncs them with
     * one msync over their span ({@link #forceSpan}).
     */
    private static final int ALONE = 64;

    @Override
    protected void drain() {
        PendingRanges mine = pending.get();
        if (mine.isEmpty()) {
            return;
        }
        if (mine.size() > ALONE) {
            syncAlone(mine);
            return;
        }
        lock.lock();
        try {
            gathering.addAll(mine);
            mine.clear();
            long myBatch = gatheringBatch;
            while (syncedBatch < myBatch && failure == null) {
                if (!syncing) {
                    syncAsLeader();
                } else {
                    batchDone.awaitUninterruptibly();
                }
            }
            if (failure != null) {
                throw refusal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** msyncs every page of {@code ranges}; returns the failure, or null. */
    private RuntimeException force(PendingRanges ranges) {
        try {
            ranges.forEachRun((offset, length) -> {
                long end = Math.min(offset + length, mapping.size());
                if (end > offset) {
                    mapping.segment().asSlice(offset, end - offset).force();
                    countSyncCall();
                }
            });
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * msyncs the span from the first page of {@code ranges} to the last, once; returns the failure,
     * or null. Each msync ends in a flush of the device's cache, so a checkpoint's thousands of runs
     * cost thousands of flushes one by one (about 0.8 s a checkpoint in TPC-C at W=4 here) and one
     * flush together (0.15 s): the kernel writes back only the dirty pages of the span, in order.
     * Pages of the span that other threads dirtied are written early, which a crash allows anyway
     * (any unflushed word may or may not have reached the device); batches keep one msync per run,
     * since a commit's few pages are close together and a span could reach a checkpoint's pages.
     */
    private RuntimeException forceSpan(PendingRanges ranges) {
        long[] span = {Long.MAX_VALUE, 0};
        ranges.forEachRun((offset, length) -> {
            span[0] = Math.min(span[0], offset);
            span[1] = Math.max(span[1], offset + length);
        });
        try {
            long end = Math.min(span[1], mapping.size());
            if (end > span[0]) {
                mapping.segment().asSlice(span[0], end - span[0]).force();
                countSyncCall();
            }
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Syncs {@code mine} on this thread, outside the batches; a failure fails every later fence too. */
    private void syncAlone(PendingRanges mine) {
        RuntimeException failed = forceSpan(mine);
        mine.clear();
        lock.lock();
        try {
            if (failed != null && failure == null) {
                failure = failed;
                batchDone.signalAll();
            }
            if (failure != null) {
                throw refusal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held; releases it while the msync runs, and holds it again on return. */
    private void syncAsLeader() {
        PendingRanges batch = gathering;
        long batchNumber = gatheringBatch;
        gathering = new PendingRanges(PAGE);
        gatheringBatch++;
        syncing = true;
        lock.unlock();
        RuntimeException failed = force(batch);
        lock.lock();
        syncing = false;
        if (failed != null) {
            failure = failed;
        } else {
            syncedBatch = batchNumber;
        }
        batchDone.signalAll();
    }

    /** Called with the lock held, once an msync has failed. */
    private PersimmonException refusal() {
        return new PersimmonException(ErrorCode.IO_ERROR, "msync of " + mapping.path()
                + " failed; the pool refuses further durable writes: " + failure.getMessage(), failure);
    }

    @Override
    public boolean growthNeedsMetadataSync() {
        return true;
    }
}
