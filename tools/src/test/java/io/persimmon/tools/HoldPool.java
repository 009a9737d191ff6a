package io.persimmon.tools;

import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;

import java.nio.file.Path;

/** A child process for tests: opens the pool named by its argument, says so, and keeps it open until killed. */
public final class HoldPool {
    private HoldPool() {}

    public static void main(String[] args) throws InterruptedException {
        try (Pool pool = Pool.open(Path.of(args[0]), PoolOptions.defaults().withCreate(false))) {
            System.out.println("open " + pool.header().sequence());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
