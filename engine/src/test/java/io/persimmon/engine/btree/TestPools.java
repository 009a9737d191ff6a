package io.persimmon.engine.btree;

import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;

import java.nio.file.Path;

/** Pools for the B+tree tests: {@code process} mode (no system calls), deleted on close. */
final class TestPools {
    private TestPools() {}

    static Pool open(Path dir, int pageSize) {
        return Pool.open(dir.resolve("btree-" + pageSize + ".pool"), PoolOptions.defaults()
                .withMode(PersistenceMode.PROCESS).withPageSize(pageSize).withInitialSize(1 << 20)
                .withMaxSize(1L << 30).withDeleteOnClose(true));
    }
}
