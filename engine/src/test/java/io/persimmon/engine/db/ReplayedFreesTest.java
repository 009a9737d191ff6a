package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.alloc.Allocator;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.log.LogRecord;
import io.persimmon.engine.log.RedoLog;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import io.persimmon.engine.txn.RedoVisitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A2 for replayed frees (docs/crash-consistency.md, R1): the blocks that records replayed by an
 * open freed are handed out again only once the second checkpoint after the session's header is
 * durable (header n + 3 for a pool opened from header n). Until then a crash, or a damaged newest
 * copy, can still replay those records, with their writes into those blocks.
 *
 * <p>The pool is capped at its size, so the allocator, asked for blocks until it has none, takes
 * back every pending block it may (the reader epoch has moved on, so only the header count holds
 * them back). Fails if the replayed frees are reusable right after the session's header (they
 * were found reused) or after its first checkpoint; and shows that they are reused after the
 * second, so that the first two assertions can see a reuse.
 */
class ReplayedFreesTest {
    @TempDir
    Path dir;

    private static final DatabaseOptions OPTIONS = DatabaseOptions.defaults().withLog(1, 1 << 20).withGcThreshold(0);
    private static final TableDefinition T = TableDefinition.of("T", List.of(Column.notNull("K", ColumnType.INTEGER),
            Column.nullable("V", ColumnType.varchar(300))), "K");

    @Test
    void shouldReuseTheBlocksReplayedRecordsFreedOnlyAfterTheSecondCheckpointAfterTheOpen() throws IOException {
        Path file = dir.resolve("p.pool");
        PoolOptions process = PoolOptions.defaults().withMode(PersistenceMode.PROCESS);
        List<long[]> freed = new ArrayList<>();
        try (Pool pool = Pool.open(file, process)) {
            Database db = Database.attach(pool, OPTIONS);
            Table t = db.createTable(T);
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int k = 0; k < 60; k++) {
                    tx.insert(t, new Object[] {k, "v".repeat(k * 5)});
                }
                tx.commit();
            }
            db.checkpoint();
            for (int round = 0; round < 2; round++) {
                try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                    for (int k = 0; k < 60; k++) {
                        tx.update(t, t.key(k), new Object[] {k, "w".repeat(k * 5) + round});
                    }
                    tx.commit();
                }
            }
            db.collectGarbage(); // logged frees of the superseded versions
            for (LogRecord r : RedoLog.open(pool).recover()) {
                RedoVisitor.read(r.body(), new RedoVisitor() {
                    @Override
                    public void free(long offset, long size) {
                        freed.add(new long[] {offset, size});
                    }
                });
            }
        } // abandoned: no checkpoint after the collection, as a killed process leaves the pool
        assertTrue(freed.size() >= 60, "frees in the log: " + freed.size());

        long size = Files.size(file);
        try (Pool pool = Pool.open(file, process.withCreate(false).withMaxSize(size))) {
            long opened = pool.header().sequence();
            Database db = Database.attach(pool, OPTIONS); // recovery, then the session's header
            assertEquals(opened + 1, pool.header().sequence());
            db.collectGarbage(); // the reader epoch moves on
            assertEquals(0, reused(pool.allocator(), freed), "reused after the session's header");
            db.checkpoint(); // n + 2: its start passes the replayed records; copy n + 1 still replays them
            assertEquals(0, reused(pool.allocator(), freed), "reused after the session's first checkpoint");
            db.checkpoint(); // n + 3: no header copy replays them any more
            assertTrue(reused(pool.allocator(), freed) > 0, "not reused after the second checkpoint");
        }
    }

    /**
     * Allocates blocks of every size in {@code freed} until the pool has none left (the allocator
     * takes back every pending block it may first), counts those that overlap a block of
     * {@code freed}, and releases them all.
     */
    private static int reused(Allocator allocator, List<long[]> freed) {
        BitSet freedLines = new BitSet();
        TreeSet<Long> sizes = new TreeSet<>();
        for (long[] b : freed) {
            freedLines.set((int) (b[0] / 64), (int) ((b[0] + b[1] + 63) / 64));
            sizes.add(b[1]);
        }
        List<long[]> taken = new ArrayList<>();
        for (long bytes : sizes) {
            while (true) {
                try {
                    taken.add(new long[] {allocator.allocate(bytes), bytes});
                } catch (PersimmonException e) {
                    assertEquals(ErrorCode.POOL_FULL, e.code(), e.getMessage());
                    break;
                }
            }
        }
        int overlapping = 0;
        for (long[] b : taken) {
            int first = freedLines.nextSetBit((int) (b[0] / 64));
            if (first >= 0 && first < (b[0] + b[1] + 63) / 64) {
                overlapping++;
            }
            allocator.release(b[0], b[1]);
        }
        return overlapping;
    }
}
