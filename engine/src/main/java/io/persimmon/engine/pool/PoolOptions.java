package io.persimmon.engine.pool;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.alloc.AllocatorLayout;
import io.persimmon.engine.pmem.LatencyEmulation;
import io.persimmon.engine.pmem.PersistenceMode;

/**
 * How to open a pool.
 *
 * @param mode persistence mode ({@link PersistenceMode#AUTO} detects it)
 * @param emulation optional latency emulation of persistent memory
 * @param initialSize bytes of a new pool file
 * @param maxSize bytes the pool may grow to; allocation beyond fails with POOL_FULL
 * @param pageSize bytes of a tree node, for a new pool (a multiple of 256, 512 to 65536)
 * @param create whether to create the pool when the file is missing
 * @param deleteOnClose a volatile pool: the file is removed on close
 */
public record PoolOptions(PersistenceMode mode, LatencyEmulation emulation, long initialSize, long maxSize,
                          int pageSize, boolean create, boolean deleteOnClose) {
    public static final long DEFAULT_INITIAL_SIZE = 4L << 20;
    public static final long DEFAULT_MAX_SIZE = 64L << 30;
    public static final int DEFAULT_PAGE_SIZE = 4096;

    public PoolOptions {
        if (mode == null || emulation == null) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "mode and emulation are required");
        }
        if (pageSize < 512 || pageSize > 65536 || pageSize % 256 != 0) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "page size " + pageSize
                    + " is not a multiple of 256 between 512 and 65536");
        }
        long minimum = 2L * AllocatorLayout.CHUNK;
        if (initialSize < minimum) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "initial pool size " + initialSize
                    + " is below the minimum of " + minimum + " bytes");
        }
        if (maxSize < initialSize) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "maximum pool size " + maxSize
                    + " is below the initial size " + initialSize);
        }
        initialSize = roundToChunk(initialSize);
        maxSize = maxSize / AllocatorLayout.CHUNK * AllocatorLayout.CHUNK;
    }

    /** Defaults: auto-detected mode, no emulation, 4 MiB growing to 64 GiB, 4 KiB pages, created when missing. */
    public static PoolOptions defaults() {
        return new PoolOptions(PersistenceMode.AUTO, LatencyEmulation.NONE, DEFAULT_INITIAL_SIZE,
                DEFAULT_MAX_SIZE, DEFAULT_PAGE_SIZE, true, false);
    }

    public PoolOptions withMode(PersistenceMode m) {
        return new PoolOptions(m, emulation, initialSize, maxSize, pageSize, create, deleteOnClose);
    }

    public PoolOptions withEmulation(LatencyEmulation e) {
        return new PoolOptions(mode, e, initialSize, maxSize, pageSize, create, deleteOnClose);
    }

    public PoolOptions withInitialSize(long bytes) {
        return new PoolOptions(mode, emulation, bytes, Math.max(maxSize, bytes), pageSize, create, deleteOnClose);
    }

    public PoolOptions withMaxSize(long bytes) {
        return new PoolOptions(mode, emulation, Math.min(initialSize, bytes), bytes, pageSize, create, deleteOnClose);
    }

    public PoolOptions withPageSize(int bytes) {
        return new PoolOptions(mode, emulation, initialSize, maxSize, bytes, create, deleteOnClose);
    }

    public PoolOptions withCreate(boolean c) {
        return new PoolOptions(mode, emulation, initialSize, maxSize, pageSize, c, deleteOnClose);
    }

    public PoolOptions withDeleteOnClose(boolean d) {
        return new PoolOptions(mode, emulation, initialSize, maxSize, pageSize, create, d);
    }

    static long roundToChunk(long bytes) {
        return (bytes + AllocatorLayout.CHUNK - 1) / AllocatorLayout.CHUNK * AllocatorLayout.CHUNK;
    }
}
