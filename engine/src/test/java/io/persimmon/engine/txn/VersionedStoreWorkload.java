package io.persimmon.engine.txn;

import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.log.Appended;
import io.persimmon.engine.log.LogRecord;
import io.persimmon.engine.log.RedoLog;
import io.persimmon.engine.mvcc.SlotPageLayout;
import io.persimmon.engine.mvcc.SlotPages;
import io.persimmon.engine.mvcc.Versions;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.RootSlot;
import io.persimmon.engine.testkit.CrashWorkload;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The commit protocol end to end, without trees: rows in slots with version chains, transactions
 * of inserts, updates and deletes encoded as redo records (ALLOC, WRITE of version images and new
 * slot pages, SET8 slot swings, TREE_PUT of key to slot), appended with one fence, applied, and
 * checkpointed (dirty ranges flushed, the key-to-slot index and slot pages written to a block,
 * the log directory, the header).
 *
 * <p>After a crash, recovery reads the checkpointed index, claims every block the records after it
 * allocated, replays them, and must find, for every key, exactly the committed version history
 * (timestamps, tombstones, row bytes, newest first), with nothing leaked.
 */
final class VersionedStoreWorkload implements CrashWorkload {
    private static final long INDEX_MAGIC = 0x5845444E49545354L;
    private static final long TABLE = 1;

    /** One version as the model knows it: null row = tombstone. */
    record V(long timestamp, byte[] row) {
        @Override
        public boolean equals(Object o) {
            return o instanceof V v && v.timestamp == timestamp && java.util.Arrays.equals(v.row, row);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(timestamp);
        }
    }

    private final long seed;
    private final int transactions;
    private final Map<Long, List<V>> history = new HashMap<>();
    private volatile Map<Long, List<V>> committed = Map.of();
    private volatile Map<Long, List<V>> committing;

    private Pool pool;
    private RedoLog log;
    private SlotPages slots;
    private final TreeMap<Long, Long> index = new TreeMap<>();
    private final DirtyRanges dirty = new DirtyRanges();
    private RedoApplier applier;
    private long indexBlock;
    private long indexBlockSize;
    private long clock;

    private final int areaSize;
    private final int checkpointEvery;
    /** Commits that found the log full and retried after checkpoints (the test wants some). */
    static final java.util.concurrent.atomic.AtomicInteger LOG_FULL_RETRIES = new java.util.concurrent.atomic.AtomicInteger();

    VersionedStoreWorkload(long seed, int transactions, int areaSize, int checkpointEvery) {
        this.seed = seed;
        this.transactions = transactions;
        this.areaSize = areaSize;
        this.checkpointEvery = checkpointEvery;
    }

    @Override
    public void run(Pool p) {
        pool = p;
        log = RedoLog.create(pool, 2, areaSize);
        slots = new SlotPages(TABLE, pool::segment, pool.allocator(), List.of());
        applier = new RedoApplier(pool, dirty, structures(index));
        checkpoint();
        SplittableRandom random = new SplittableRandom(seed);
        for (int t = 0; t < transactions; t++) {
            commit(random);
            if (random.nextInt(checkpointEvery) == 0) {
                checkpoint();
            }
        }
    }

    /** One row change of a transaction: a new row image, or a tombstone (row null). */
    private record Change(long key, byte[] row) {}

    private void commit(SplittableRandom random) {
        long ts = ++clock;
        Map<Long, List<V>> next = new HashMap<>();
        history.forEach((k, v) -> next.put(k, new ArrayList<>(v)));
        List<Change> changes = new ArrayList<>();
        int ops = 1 + random.nextInt(4);
        java.util.Set<Long> touched = new java.util.HashSet<>();
        for (int i = 0; i < ops; i++) {
            long key = random.nextInt(60);
            if (!touched.add(key)) {
                continue; // one version per row per transaction
            }
            List<V> versions = next.computeIfAbsent(key, k -> new ArrayList<>());
            boolean live = !versions.isEmpty() && versions.get(0).row() != null;
            byte[] row = live && random.nextInt(4) == 0 ? null : randomRow(random);
            changes.add(new Change(key, row));
            versions.add(0, new V(ts, row));
        }
        committing = next;
        try (RedoLog.Appender appender = log.lease()) {
            Appended where = tryCommit(appender, ts, changes);
            if (where == null) {
                LOG_FULL_RETRIES.incrementAndGet();
                checkpoint(); // the ring is full: its space comes back after two checkpoints
                checkpoint();
                where = tryCommit(appender, ts, changes);
            }
        }
        history.clear();
        history.putAll(next);
        committed = copy(next);
        committing = null;
    }

    /**
     * Allocates, encodes, appends (one fence) and applies; or, when the log has no room, gives
     * back every block and slot it took (nothing the next checkpoint could count) and returns null.
     */
    private Appended tryCommit(RedoLog.Appender appender, long ts, List<Change> changes) {
        RedoWriter redo = new RedoWriter();
        List<long[]> blocks = new ArrayList<>();
        List<SlotPages.Taken> takenSlots = new ArrayList<>();
        for (Change change : changes) {
            Long slot = index.get(change.key());
            if (slot == null) {
                SlotPages.Taken taken = slots.take();
                takenSlots.add(taken);
                if (taken.newPage() != 0) {
                    redo.alloc(taken.newPage(), SlotPageLayout.PAGE_SIZE).write(taken.newPage(), slots.newPageImage());
                }
                slot = taken.slot();
                redo.treePut(TABLE, longKey(change.key()), slot);
            }
            long previous = Versions.newest(pool.segment(), slot);
            byte[] image = Versions.image(ts, previous, change.row() == null, change.row(), slot);
            long version = pool.allocator().allocate(image.length);
            blocks.add(new long[] {version, image.length});
            redo.alloc(version, image.length).write(version, image).set8(slot, version);
        }
        Appended where = appender.append(ts, redo.array(), redo.length());
        if (where == null) {
            for (long[] block : blocks) {
                pool.allocator().release(block[0], block[1]);
            }
            for (SlotPages.Taken taken : takenSlots) {
                slots.giveBack(taken);
            }
            return null;
        }
        applier.apply(java.util.Arrays.copyOf(redo.array(), redo.length()), false);
        log.applied(where);
        return where;
    }

    private static byte[] randomRow(SplittableRandom random) {
        byte[] row = new byte[8 + random.nextInt(random.nextInt(10) == 0 ? 600 : 40)];
        random.nextBytes(row);
        return row;
    }

    private static Map<Long, List<V>> copy(Map<Long, List<V>> m) {
        Map<Long, List<V>> c = new HashMap<>();
        m.forEach((k, v) -> c.put(k, List.copyOf(v)));
        return c;
    }

    static byte[] longKey(long key) {
        return java.nio.ByteBuffer.allocate(8).putLong(key).array();
    }

    static RedoApplier.Structures structures(TreeMap<Long, Long> index) {
        return new RedoApplier.Structures() {
            @Override
            public void treePut(long tree, byte[] key, long value) {
                index.put(java.nio.ByteBuffer.wrap(key).getLong(), value);
            }

            @Override
            public void treeDelete(long tree, byte[] key) {
                index.remove(java.nio.ByteBuffer.wrap(key).getLong());
            }

            @Override
            public void logical(int kind, byte[] payload) {
                throw new IllegalStateException("no logical operations here");
            }
        };
    }

    private void checkpoint() {
        // H1: everything apply wrote since the last checkpoint is flushed before the fence.
        dirty.flushAll(pool.persistence());
        List<Long> pages = slots.pages();
        long block = writeIndex(pool, index, pages);
        long size = 24 + 16L * index.size() + 8L * pages.size();
        if (indexBlock != 0) {
            pool.allocator().free(indexBlock, indexBlockSize); // A3
        }
        indexBlock = block;
        indexBlockSize = size;
        RedoLog.Plan plan = log.prepareCheckpoint(pool.header().sequence() + 1, clock);
        pool.checkpoint(Map.of(RootSlot.TEST, block, RootSlot.LOG, plan.directoryOffset()));
        log.checkpointDurable(plan);
    }

    /** Writes the index and slot page list into a fresh block, flushed (fenced by the checkpoint, H1). */
    static long writeIndex(Pool pool, TreeMap<Long, Long> index, List<Long> pages) {
        long size = 24 + 16L * index.size() + 8L * pages.size();
        long block = pool.allocator().allocate(size);
        MemorySegment s = pool.segment();
        s.set(PoolLayouts.LONG, block, INDEX_MAGIC);
        s.set(PoolLayouts.LONG, block + 8, index.size());
        s.set(PoolLayouts.LONG, block + 16, pages.size());
        long at = block + 24;
        for (Map.Entry<Long, Long> e : index.entrySet()) {
            s.set(PoolLayouts.LONG, at, e.getKey());
            s.set(PoolLayouts.LONG, at + 8, e.getValue());
            at += 16;
        }
        for (long page : pages) {
            s.set(PoolLayouts.LONG, at, page);
            at += 8;
        }
        pool.persistence().flush(block, size);
        return block;
    }

    /** The checkpointed index and slot pages. */
    record Index(TreeMap<Long, Long> keys, List<Long> pages) {}

    static Index readIndex(MemorySegment s, long block) {
        TreeMap<Long, Long> keys = new TreeMap<>();
        List<Long> pages = new ArrayList<>();
        if (block == 0) {
            return new Index(keys, pages);
        }
        if (s.get(PoolLayouts.LONG, block) != INDEX_MAGIC) {
            throw new IllegalStateException("the TEST root names no index");
        }
        long n = s.get(PoolLayouts.LONG, block + 8);
        long p = s.get(PoolLayouts.LONG, block + 16);
        long at = block + 24;
        for (long i = 0; i < n; i++, at += 16) {
            keys.put(s.get(PoolLayouts.LONG, at), s.get(PoolLayouts.LONG, at + 8));
        }
        for (long i = 0; i < p; i++, at += 8) {
            pages.add(s.get(PoolLayouts.LONG, at));
        }
        return new Index(keys, pages);
    }

    @Override
    public List<Object> acceptableStates() {
        Map<Long, List<V>> pending = committing;
        return pending == null ? List.of(committed) : List.of(committed, pending);
    }

    @Override
    public String verify(Pool recovered, List<Object> acceptable) {
        MemorySegment s = recovered.segment();
        if (recovered.header().root(RootSlot.LOG) == 0) {
            return acceptable.contains(Map.of()) ? null : "no log, but transactions had committed";
        }
        Index checkpointed = readIndex(s, recovered.header().root(RootSlot.TEST));
        TreeMap<Long, Long> keys = checkpointed.keys();
        List<Long> pages = new ArrayList<>(checkpointed.pages());
        long oldIndexSize = 24 + 16L * keys.size() + 8L * pages.size();
        RedoLog recoveredLog = RedoLog.open(recovered);
        DirtyRanges replayed = new DirtyRanges();
        RedoApplier replayer = new RedoApplier(recovered, replayed, structures(keys));
        List<LogRecord> records = recoveredLog.recover();
        long lastTs = recoveredLog.checkpointTimestamp();
        for (LogRecord record : records) {
            replayer.claim(record.body()); // pass 1 (R1): before anything allocates
        }
        for (LogRecord record : records) {
            replayer.apply(record.body(), true);
            recoveredLog.applied(record);
            lastTs = record.timestamp();
            RedoVisitor.read(record.body(), new RedoVisitor() {
                @Override
                public void alloc(long offset, long size) {
                    if (size == SlotPageLayout.PAGE_SIZE && s.get(PoolLayouts.LONG, offset) == SlotPageLayout.MAGIC
                            && !pages.contains(offset)) {
                        pages.add(offset);
                    }
                }
            });
        }
        // Recovery ends with a checkpoint, as the engine's does.
        replayed.flushAll(recovered.persistence());
        long old = recovered.header().root(RootSlot.TEST);
        if (old != 0) {
            recovered.allocator().free(old, oldIndexSize);
        }
        long block = writeIndex(recovered, keys, pages);
        RedoLog.Plan plan = recoveredLog.prepareCheckpoint(recovered.header().sequence() + 1, lastTs);
        recovered.checkpoint(Map.of(RootSlot.TEST, block, RootSlot.LOG, plan.directoryOffset()));
        recoveredLog.checkpointDurable(plan);
        Map<Long, List<V>> found = new HashMap<>();
        for (Map.Entry<Long, Long> e : keys.entrySet()) {
            List<V> chain = new ArrayList<>();
            long version = Versions.newest(s, e.getValue());
            long newer = Long.MAX_VALUE;
            while (version != 0) {
                long ts = Versions.timestamp(s, version);
                if (ts >= newer) {
                    return "timestamps do not decrease along the chain of key " + e.getKey();
                }
                newer = ts;
                chain.add(new V(ts, Versions.isTombstone(s, version) ? null : Versions.row(s, version)));
                version = Versions.previous(s, version);
            }
            found.put(e.getKey(), chain);
        }
        for (Object state : acceptable) {
            @SuppressWarnings("unchecked")
            Map<Long, List<V>> expected = (Map<Long, List<V>>) state;
            Map<Long, List<V>> nonEmpty = new HashMap<>(expected);
            nonEmpty.values().removeIf(List::isEmpty);
            if (nonEmpty.equals(found)) {
                return null;
            }
        }
        return "recovered histories of " + found.size() + " keys match none of the " + acceptable.size() + " states";
    }

    @Override
    public List<BlockOwner> owners() {
        return List.of(RedoLog.owner(), new BlockOwner() {
            @Override
            public String name() {
                return "versioned store";
            }

            @Override
            public void forEachBlock(MemorySegment s, long[] roots, BlockVisitor visitor) {
                long block = roots[RootSlot.TEST.index()];
                if (block == 0) {
                    return;
                }
                Index idx = readIndex(s, block);
                visitor.block(block, 24 + 16L * idx.keys().size() + 8L * idx.pages().size(), "index block");
                for (long page : idx.pages()) {
                    visitor.block(page, SlotPageLayout.PAGE_SIZE, "slot page");
                }
                for (long slot : idx.keys().values()) {
                    for (long v = Versions.newest(s, slot); v != 0; v = Versions.previous(s, v)) {
                        visitor.block(v, Versions.blockSize(s, v), "version");
                    }
                }
            }
        });
    }
}
