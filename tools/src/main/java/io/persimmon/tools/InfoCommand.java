package io.persimmon.tools;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.alloc.Allocator;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolHeader;
import io.persimmon.engine.pool.PoolOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code persimmon info <pool>}: what a pool is and holds. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a pool: format, size, mode, space.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the pool file")
    Path pool;

    @Override
    public Integer call() {
        try (Pool p = Pool.open(pool, PoolOptions.defaults().withCreate(false))) {
            print(p);
            return 0;
        } catch (PersimmonException e) {
            System.err.println("persimmon info: " + e.getMessage());
            return 2;
        }
    }

    static void print(Pool p) {
        PoolHeader h = p.header();
        Allocator a = p.allocator();
        System.out.println("pool          " + p.path());
        System.out.println("format        " + h.version() + ", uuid " + h.uuid());
        System.out.println("created       " + Instant.ofEpochMilli(h.createdMillis()));
        System.out.println("mode          " + p.persistence().mode().optionName() + " (survives "
                + p.persistence().mode().survives() + ")");
        System.out.println("checkpoint    sequence " + h.sequence() + ", header copy " + h.copyIndex());
        System.out.println("page size     " + h.pageSize() + " bytes");
        System.out.printf("size          %,d bytes (maximum %,d)%n", p.size(), p.options().maxSize());
        System.out.printf("allocated     %,d bytes; free %,d bytes%n", a.allocatedBytes(),
                a.capacityBytes() - a.inUseBytes());
        System.out.println("persistence   " + p.persistence().counters().total());
    }
}
