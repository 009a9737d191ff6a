package io.persimmon.tools;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.check.PoolCheck;
import io.persimmon.engine.pmem.PersistenceCounters;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.pool.RootSlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code persimmon demo}: the engine foundation at work until the SQL shell exists. Opens (or
 * creates) a demo pool, appends a greeting record to a copy-on-write list that the header's TEST
 * root names, checkpoints, reports what persistence cost, and runs {@code check}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Open or create a demo pool, add a record durably, show the cost and check the pool.")
final class DemoCommand implements Callable<Integer> {
    private static final long MAGIC = 0x4F4D4544L; // "DEMO"

    @Option(names = "--pool", description = "pool file (default: ${DEFAULT-VALUE})", defaultValue = "demo/engine-demo.pool")
    Path poolPath;

    @Override
    public Integer call() throws Exception {
        Path parent = poolPath.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (Pool pool = Pool.open(poolPath, PoolOptions.defaults())) {
            List<String> records = new java.util.ArrayList<>(read(pool.segment(), pool.header().root(RootSlot.TEST)));
            records.add("opened at " + java.time.Instant.now() + " in mode " + pool.persistence().mode().optionName());
            PersistenceCounters.Snapshot before = pool.persistence().counters().total();
            long old = pool.header().root(RootSlot.TEST);
            long oldSize = old == 0 ? 0 : size(read(pool.segment(), old));
            long block = write(pool, records);
            if (old != 0) {
                pool.allocator().free(old, oldSize); // A3: the old list is not part of the new state
            }
            pool.checkpoint(Map.of(RootSlot.TEST, block));
            PersistenceCounters.Snapshot cost = pool.persistence().counters().total().minus(before);
            InfoCommand.print(pool);
            System.out.println();
            System.out.println("records (" + records.size() + "):");
            records.forEach(r -> System.out.println("  " + r));
            System.out.println("this run's durable write cost: " + cost);
            CheckReport report = PoolCheck.run(pool.segment(), List.of(owner()));
            System.out.println();
            System.out.println("check:");
            System.out.println(report);
            return report.passed() ? 0 : 1;
        } catch (PersimmonException e) {
            System.err.println("persimmon demo: " + e.getMessage());
            return 2;
        }
    }

    private static long write(Pool pool, List<String> records) {
        long size = size(records);
        long block = pool.allocator().allocate(size);
        MemorySegment s = pool.segment();
        s.set(PoolLayouts.LONG, block, MAGIC);
        s.set(PoolLayouts.LONG, block + 8, records.size());
        long at = block + 16;
        for (String r : records) {
            byte[] bytes = r.getBytes(StandardCharsets.UTF_8);
            s.set(PoolLayouts.INT_UNALIGNED, at, bytes.length);
            MemorySegment.copy(MemorySegment.ofArray(bytes), 0, s, at + 4, bytes.length);
            at += 4 + bytes.length;
        }
        pool.persistence().flush(block, size); // H1: fenced by the checkpoint before the header names it
        return block;
    }

    private static long size(List<String> records) {
        long size = 16;
        for (String r : records) {
            size += 4 + r.getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }

    private static List<String> read(MemorySegment s, long block) {
        List<String> records = new java.util.ArrayList<>();
        if (block == 0) {
            return records;
        }
        if (s.get(PoolLayouts.LONG, block) != MAGIC) {
            throw PersimmonException.corrupt(block, "the demo record list has no magic");
        }
        long n = s.get(PoolLayouts.LONG, block + 8);
        long at = block + 16;
        for (long i = 0; i < n; i++) {
            int length = s.get(PoolLayouts.INT_UNALIGNED, at);
            byte[] bytes = s.asSlice(at + 4, length).toArray(PoolLayouts.BYTE);
            records.add(new String(bytes, StandardCharsets.UTF_8));
            at += 4 + length;
        }
        return records;
    }

    private static BlockOwner owner() {
        return new BlockOwner() {
            @Override
            public String name() {
                return "demo records";
            }

            @Override
            public void forEachBlock(MemorySegment pool, long[] roots, BlockVisitor visitor) {
                long root = roots[RootSlot.TEST.index()];
                if (root != 0) {
                    visitor.block(root, size(read(pool, root)), "record list");
                }
            }
        };
    }
}
