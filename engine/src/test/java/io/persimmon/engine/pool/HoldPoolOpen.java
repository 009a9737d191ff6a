package io.persimmon.engine.pool;

import io.persimmon.engine.pmem.PersistenceMode;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The other process of {@link BadInputTest#shouldRefuseAPoolOpenInAnotherProcess}: opens the pool
 * named by its argument, prints {@code ready}, and keeps it open until its stdin is closed.
 */
public final class HoldPoolOpen {
    private HoldPoolOpen() {}

    public static void main(String[] args) throws IOException {
        PoolOptions options = PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withCreate(false);
        try (Pool pool = Pool.open(Path.of(args[0]), options)) {
            System.out.println("ready " + pool.header().sequence());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
        }
        System.out.println("closed");
    }
}
