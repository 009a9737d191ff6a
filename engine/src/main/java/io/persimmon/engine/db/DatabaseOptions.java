package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pool.PoolOptions;

import java.time.Duration;

/**
 * How a database is opened.
 *
 * @param pool          the pool's options (mode, sizes, page size, create)
 * @param logAreas      redo-log areas of a new database (fixed at creation)
 * @param logAreaSize   bytes of each area of a new database (a multiple of 64, at least 4 KiB)
 * @param lockTimeout   how long a writer waits for a row lock
 * @param gcThreshold   superseded versions after which the background collector runs (0: never by itself)
 * @param maxReaders    readers that may be inside the pool at once (each open cursor is one)
 * @param maintenanceInterval how often the background thread looks for checkpoint and collection work
 * @param gcRowsPerStep rows a garbage-collection pass examines per hold of the commit lock
 * @param idleCheckpointAfter how long the database must take no commit before the background
 *                      thread checkpoints the changes since the last checkpoint (zero: never for
 *                      idleness, only when a log area is half full)
 */
public record DatabaseOptions(PoolOptions pool, int logAreas, long logAreaSize, Duration lockTimeout,
                              long gcThreshold, int maxReaders, Duration maintenanceInterval, int gcRowsPerStep,
                              Duration idleCheckpointAfter) {
    public DatabaseOptions {
        if (logAreas < 1 || logAreas > 256 || logAreaSize < 4096 || logAreaSize % 64 != 0) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "the redo log needs 1 to 256 areas of at least 4 KiB, "
                    + "a multiple of 64 bytes each");
        }
        if (lockTimeout.isNegative() || gcThreshold < 0 || maxReaders < 1 || maintenanceInterval.isNegative()
                || maintenanceInterval.isZero() || gcRowsPerStep < 1 || idleCheckpointAfter.isNegative()) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "invalid database options");
        }
    }

    public static DatabaseOptions defaults() {
        return new DatabaseOptions(PoolOptions.defaults(), 1, 16L << 20, Duration.ofSeconds(10), 10_000, 1024,
                Duration.ofMillis(200), 2_000, Duration.ofSeconds(1));
    }

    public DatabaseOptions withPool(PoolOptions p) {
        return new DatabaseOptions(p, logAreas, logAreaSize, lockTimeout, gcThreshold, maxReaders, maintenanceInterval,
                gcRowsPerStep, idleCheckpointAfter);
    }

    public DatabaseOptions withLog(int areas, long areaSize) {
        return new DatabaseOptions(pool, areas, areaSize, lockTimeout, gcThreshold, maxReaders, maintenanceInterval,
                gcRowsPerStep, idleCheckpointAfter);
    }

    public DatabaseOptions withLockTimeout(Duration t) {
        return new DatabaseOptions(pool, logAreas, logAreaSize, t, gcThreshold, maxReaders, maintenanceInterval,
                gcRowsPerStep, idleCheckpointAfter);
    }

    public DatabaseOptions withGcThreshold(long versions) {
        return new DatabaseOptions(pool, logAreas, logAreaSize, lockTimeout, versions, maxReaders, maintenanceInterval,
                gcRowsPerStep, idleCheckpointAfter);
    }

    public DatabaseOptions withMaintenanceInterval(Duration d) {
        return new DatabaseOptions(pool, logAreas, logAreaSize, lockTimeout, gcThreshold, maxReaders, d, gcRowsPerStep,
                idleCheckpointAfter);
    }

    public DatabaseOptions withGcRowsPerStep(int rows) {
        return new DatabaseOptions(pool, logAreas, logAreaSize, lockTimeout, gcThreshold, maxReaders, maintenanceInterval,
                rows, idleCheckpointAfter);
    }

    public DatabaseOptions withIdleCheckpointAfter(Duration idle) {
        return new DatabaseOptions(pool, logAreas, logAreaSize, lockTimeout, gcThreshold, maxReaders, maintenanceInterval,
                gcRowsPerStep, idle);
    }
}
