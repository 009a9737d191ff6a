package io.persimmon.engine.alloc;

import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.RootSlot;
import io.persimmon.engine.testkit.CrashWorkload;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded random workload of the allocator alone: it allocates blocks of many sizes (small ones,
 * 4 KiB pages, and large runs that make the pool grow), fills each with a pattern, frees some, and
 * every few operations checkpoints a list of its blocks, written copy-on-write into a fresh block
 * that the header's TEST root names.
 *
 * <p>After a crash the recovered list must be the last checkpointed one (or, during a checkpoint,
 * the one being checkpointed), every listed block must still hold its pattern (a block reused too
 * early would not), and {@code check} must find every allocated line owned exactly once.
 */
final class BlockListWorkload implements CrashWorkload {
    private static final long MAGIC = 0x005453494C4B4C42L; // "BLKLIST"
    private static final int ENTRY = 24;
    private static final int HEADER = 32;

    /** One block of the list. */
    record Entry(long offset, long size, long pattern) {}

    private final long seed;
    private final int operations;
    private final List<Entry> working = new ArrayList<>();
    private volatile List<Entry> durable = List.of();
    private volatile List<Entry> previousDurable = List.of();
    private volatile List<Entry> inFlight;
    private long listBlock;
    private long listBlockSize;

    BlockListWorkload(long seed, int operations) {
        this.seed = seed;
        this.operations = operations;
    }

    @Override
    public void run(Pool pool) {
        SplittableRandom random = new SplittableRandom(seed);
        Allocator allocator = pool.allocator();
        for (int op = 0; op < operations; op++) {
            double r = random.nextDouble();
            if (r < 0.6 || working.isEmpty()) {
                long size = pickSize(random);
                long offset = allocator.allocate(size);
                long pattern = random.nextLong();
                fill(pool.segment(), offset, size, pattern);
                pool.persistence().flush(offset, size);
                working.add(new Entry(offset, size, pattern));
            } else {
                Entry victim = working.remove(random.nextInt(working.size()));
                allocator.free(victim.offset(), victim.size());
            }
            if (op % 4 == 3 || op == operations - 1) {
                checkpoint(pool);
            }
        }
    }

    private static long pickSize(SplittableRandom random) {
        double r = random.nextDouble();
        if (r < 0.05) {
            return 65_536 + random.nextInt(200_000); // a large run of chunks
        }
        if (r < 0.25) {
            return 4096;
        }
        return 8 + random.nextInt(3000);
    }

    private void checkpoint(Pool pool) {
        Allocator allocator = pool.allocator();
        long size = HEADER + (long) ENTRY * working.size();
        long block = allocator.allocate(size);
        MemorySegment s = pool.segment();
        s.set(PoolLayouts.LONG, block, MAGIC);
        s.set(PoolLayouts.LONG, block + 8, working.size());
        s.set(PoolLayouts.LONG, block + 16, seed);
        s.set(PoolLayouts.LONG, block + 24, 0);
        for (int i = 0; i < working.size(); i++) {
            Entry e = working.get(i);
            long at = block + HEADER + (long) ENTRY * i;
            s.set(PoolLayouts.LONG, at, e.offset());
            s.set(PoolLayouts.LONG, at + 8, e.size());
            s.set(PoolLayouts.LONG, at + 16, e.pattern());
        }
        pool.persistence().flush(block, size);
        // The old list is not part of the new state: freed before the checkpoint that drops it.
        if (listBlock != 0) {
            allocator.free(listBlock, listBlockSize);
        }
        inFlight = List.copyOf(working);
        pool.checkpoint(Map.of(RootSlot.TEST, block));
        previousDurable = durable;
        durable = inFlight;
        inFlight = null;
        listBlock = block;
        listBlockSize = size;
    }

    static void fill(MemorySegment s, long offset, long size, long pattern) {
        for (long i = 0; i + 8 <= size; i += 8) {
            s.set(PoolLayouts.LONG_UNALIGNED, offset + i, mix(pattern, i));
        }
    }

    static long mix(long pattern, long i) {
        long z = pattern + i * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 31);
    }

    /** The list the checkpoint before the newest one named: what the older header copy names. */
    List<Entry> previousDurable() {
        return previousDurable;
    }

    @Override
    public List<Object> acceptableStates() {
        List<Entry> pending = inFlight;
        return pending == null ? List.of(durable) : List.of(durable, pending);
    }

    @Override
    public String verify(Pool recovered, List<Object> acceptable) {
        List<Entry> found;
        try {
            found = read(recovered.segment(), recovered.header().root(RootSlot.TEST));
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        List<Entry> sortedFound = sorted(found);
        boolean matches = false;
        for (Object state : acceptable) {
            @SuppressWarnings("unchecked")
            List<Entry> expected = (List<Entry>) state;
            if (sorted(expected).equals(sortedFound)) {
                matches = true;
                break;
            }
        }
        if (!matches) {
            return "recovered list of " + found.size() + " blocks is none of the " + acceptable.size()
                    + " acceptable states";
        }
        MemorySegment s = recovered.segment();
        for (Entry e : found) {
            for (long i = 0; i + 8 <= e.size(); i += 8) {
                if (s.get(PoolLayouts.LONG_UNALIGNED, e.offset() + i) != mix(e.pattern(), i)) {
                    return "block at " + e.offset() + " (" + e.size() + " bytes) was overwritten at +" + i;
                }
            }
        }
        return null;
    }

    private static List<Entry> sorted(List<Entry> entries) {
        List<Entry> copy = new ArrayList<>(entries);
        copy.sort(Comparator.comparingLong(Entry::offset));
        return copy;
    }

    static List<Entry> read(MemorySegment s, long root) {
        if (root == 0) {
            return List.of();
        }
        if (s.get(PoolLayouts.LONG, root) != MAGIC) {
            throw new IllegalStateException("the TEST root " + root + " does not name a block list");
        }
        long n = s.get(PoolLayouts.LONG, root + 8);
        List<Entry> entries = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            long at = root + HEADER + ENTRY * i;
            entries.add(new Entry(s.get(PoolLayouts.LONG, at), s.get(PoolLayouts.LONG, at + 8),
                    s.get(PoolLayouts.LONG, at + 16)));
        }
        return entries;
    }

    @Override
    public List<BlockOwner> owners() {
        return List.of(new BlockOwner() {
            @Override
            public String name() {
                return "block list";
            }

            @Override
            public void forEachBlock(MemorySegment pool, long[] roots, BlockVisitor visitor) {
                long root = roots[RootSlot.TEST.index()];
                if (root == 0) {
                    return;
                }
                List<Entry> entries = read(pool, root);
                visitor.block(root, HEADER + (long) ENTRY * entries.size(), "list block");
                for (Entry e : entries) {
                    visitor.block(e.offset(), e.size(), "listed block");
                }
            }
        });
    }
}
