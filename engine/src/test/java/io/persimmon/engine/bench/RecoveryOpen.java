package io.persimmon.engine.bench;

import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.DatabaseOptions;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.PoolOptions;

import java.nio.file.Path;

/**
 * The child of {@link RecoveryTimeMeasurement}: a fresh JVM that opens one pool (crashed, or
 * cleanly closed), as a restarted process would, and prints on one line the {@code System.nanoTime()} at which its
 * {@code main} was entered, just before {@code Database.open}, just after it, and the row count
 * it recovered. The parent compares the first with its own clock (the same monotonic clock on
 * Linux) to tell the JVM's start-up from the open.
 *
 * <p>{@code java -cp ... io.persimmon.engine.bench.RecoveryOpen <pool file>}
 */
public final class RecoveryOpen {
    private RecoveryOpen() {}

    /**
     * The options the measured databases are built and opened with (here, not in the measurement,
     * whose table definition would load catalog classes before the open is timed).
     */
    static DatabaseOptions options() {
        return DatabaseOptions.defaults().withGcThreshold(0)
                .withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withMaxSize(8L << 30));
    }

    public static void main(String[] args) {
        long entered = System.nanoTime();
        DatabaseOptions options = options();
        long start = System.nanoTime();
        Database db = Database.open(Path.of(args[0]), options);
        long opened = System.nanoTime();
        long rows = db.table("ROWS").rowCount();
        db.close();
        System.out.println(entered + " " + start + " " + opened + " " + rows);
    }
}
