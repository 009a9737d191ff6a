package io.persimmon.engine.log;

import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.RootSlot;
import io.persimmon.engine.testkit.CrashWorkload;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A toy transactional key-value store on the redo log: each transaction (1 to 6 puts and deletes,
 * sometimes with a large value) is one record; every few transactions a checkpoint writes the
 * whole map into a fresh block (the TEST root) and a new log directory (the LOG root). Small log
 * areas make records wrap and fill the rings, so commits also wait for checkpoints.
 *
 * <p>Recovery reads the checkpointed map and replays the records after it: the result must be
 * exactly the committed transactions, plus the one being committed if the crash hit its fence.
 */
final class KeyValueLogWorkload implements CrashWorkload {
    private static final long MAP_MAGIC = 0x5041564B4D4D4F43L;

    private final long seed;
    private final int transactions;
    private final int areaSize;
    private final TreeMap<Long, Long> model = new TreeMap<>();
    private volatile Map<Long, Long> committed = Map.of();
    private volatile Map<Long, Long> committing;
    private long mapBlock;
    private long mapBlockSize;
    private long timestamp;

    KeyValueLogWorkload(long seed, int transactions, int areaSize) {
        this.seed = seed;
        this.transactions = transactions;
        this.areaSize = areaSize;
    }

    @Override
    public void run(Pool pool) {
        RedoLog log = RedoLog.create(pool, 2, areaSize);
        checkpoint(pool, log);
        SplittableRandom random = new SplittableRandom(seed);
        for (int t = 0; t < transactions; t++) {
            TreeMap<Long, Long> next = new TreeMap<>(model);
            ByteBuffer body = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            int ops = 1 + random.nextInt(6);
            boolean large = random.nextInt(10) == 0;
            for (int i = 0; i < ops; i++) {
                long key = random.nextInt(40);
                if (random.nextInt(4) == 0) {
                    body.put((byte) 2).putLong(key);
                    next.remove(key);
                } else {
                    long value = random.nextLong();
                    body.put((byte) 1).putLong(key).putLong(value);
                    next.put(key, value);
                }
            }
            if (large) {
                body.put((byte) 3).putInt(1500).put(new byte[1500]); // padding op: records of many sizes
            }
            committing = next;
            long ts = ++timestamp;
            try (RedoLog.Appender appender = log.lease()) {
                Appended where = appender.append(ts, body.array(), body.position());
                if (where == null) {
                    checkpoint(pool, log); // the ring is full until a checkpoint releases space
                    checkpoint(pool, log);
                    where = appender.append(ts, body.array(), body.position());
                }
                model.clear();
                model.putAll(next);
                committed = Map.copyOf(next);
                committing = null;
                log.applied(where);
            }
            if (random.nextInt(6) == 0) {
                checkpoint(pool, log);
            }
        }
    }

    private void checkpoint(Pool pool, RedoLog log) {
        long size = 16 + 16L * model.size();
        long block = pool.allocator().allocate(size);
        MemorySegment s = pool.segment();
        s.set(PoolLayouts.LONG, block, MAP_MAGIC);
        s.set(PoolLayouts.LONG, block + 8, model.size());
        long at = block + 16;
        for (Map.Entry<Long, Long> e : model.entrySet()) {
            s.set(PoolLayouts.LONG, at, e.getKey());
            s.set(PoolLayouts.LONG, at + 8, e.getValue());
            at += 16;
        }
        pool.persistence().flush(block, size);
        if (mapBlock != 0) {
            pool.allocator().free(mapBlock, mapBlockSize); // A3
        }
        mapBlock = block;
        mapBlockSize = size;
        RedoLog.Plan plan = log.prepareCheckpoint(pool.header().sequence() + 1, timestamp);
        pool.checkpoint(Map.of(RootSlot.TEST, block, RootSlot.LOG, plan.directoryOffset()));
        log.checkpointDurable(plan);
    }

    static TreeMap<Long, Long> readMap(MemorySegment s, long block) {
        TreeMap<Long, Long> map = new TreeMap<>();
        if (block == 0) {
            return map;
        }
        if (s.get(PoolLayouts.LONG, block) != MAP_MAGIC) {
            throw new IllegalStateException("the TEST root does not name a map");
        }
        long n = s.get(PoolLayouts.LONG, block + 8);
        for (long i = 0; i < n; i++) {
            map.put(s.get(PoolLayouts.LONG, block + 16 + 16 * i), s.get(PoolLayouts.LONG, block + 24 + 16 * i));
        }
        return map;
    }

    static void replay(TreeMap<Long, Long> map, byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            byte op = b.get();
            switch (op) {
                case 1 -> map.put(b.getLong(), b.getLong());
                case 2 -> map.remove(b.getLong());
                case 3 -> {
                    int padding = b.getInt();
                    b.position(b.position() + padding);
                }
                default -> throw new IllegalStateException("unknown op " + op + " at " + (b.position() - 1) + " of " + body.length);
            }
        }
    }

    @Override
    public List<Object> acceptableStates() {
        Map<Long, Long> pending = committing;
        return pending == null ? List.of(committed) : List.of(committed, Map.copyOf(pending));
    }

    @Override
    public String verify(Pool recovered, List<Object> acceptable) {
        if (recovered.header().root(RootSlot.LOG) == 0) {
            return acceptable.contains(Map.of()) ? null : "no log, but transactions had committed";
        }
        TreeMap<Long, Long> map = readMap(recovered.segment(), recovered.header().root(RootSlot.TEST));
        RedoLog log = RedoLog.open(recovered);
        long last = log.checkpointTimestamp();
        for (LogRecord record : log.recover()) {
            if (record.timestamp() <= last) {
                return "record " + record.timestamp() + " replayed although the checkpoint covers " + last;
            }
            last = record.timestamp();
            try { replay(map, record.body()); } catch (IllegalStateException e) { return e.getMessage() + " in " + record; }
        }
        return acceptable.contains(Map.copyOf(map)) ? null
                : "recovered " + map.size() + " keys, none of the " + acceptable.size() + " acceptable states";
    }

    @Override
    public List<BlockOwner> owners() {
        return List.of(RedoLog.owner(), new BlockOwner() {
            @Override
            public String name() {
                return "map";
            }

            @Override
            public void forEachBlock(MemorySegment s, long[] roots, BlockVisitor visitor) {
                long block = roots[RootSlot.TEST.index()];
                if (block != 0) {
                    visitor.block(block, 16 + 16L * readMap(s, block).size(), "map block");
                }
            }
        });
    }
}
