package io.persimmon.engine.db;

import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.testkit.CrashWorkload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the reopen crash workloads share: the options they open the pool with, an {@link ItemsModel}
 * of the committed rows, and checking a recovered pool against it, row by row.
 */
abstract class ItemsModelWorkload implements CrashWorkload {
    static final DatabaseOptions OPTIONS = DatabaseOptions.defaults().withLog(1, 256 << 10).withGcThreshold(0);
    static final PoolOptions POOL = PoolOptions.defaults().withInitialSize(512 << 10).withPageSize(512);

    protected final ItemsModel model;

    ItemsModelWorkload(ItemsModel model) {
        this.model = model;
    }

    /** The path beside {@code live} with {@code suffix} added, no file there: where a workload builds an earlier pool. */
    static Path besides(Path live, String suffix) {
        Path path = live.resolveSibling(live.getFileName() + suffix);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    @Override
    public List<Object> acceptableStates() {
        return model.acceptableStates();
    }

    @Override
    public String verify(Pool recovered, List<Object> acceptable) {
        return ItemsModel.verify(recovered, acceptable, OPTIONS);
    }

    @Override
    public List<BlockOwner> owners() {
        return DatabaseCheck.owners();
    }
}
