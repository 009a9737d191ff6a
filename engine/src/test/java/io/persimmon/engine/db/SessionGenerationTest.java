package io.persimmon.engine.db;

import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.log.LogRecord;
import io.persimmon.engine.log.RedoLog;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.SimPersistence;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * C6 across sessions that crash right after they open: opening no longer checkpoints the records
 * it replays, but it still begins each session with a durable header copy whose sequence is the
 * generation of the session's records, so a session that crashes before its first checkpoint
 * cannot have a stale record of the session before it taken up as its own.
 *
 * <p>Session A opens (no checkpoint after) and commits three updates of one size; power fails
 * with the second record torn and the third whole, none applied durably. Session B opens (one
 * record recovered), commits one update of the same size, which lands exactly where the torn
 * record was and ends where A's third record begins, and power fails again. Session C must show
 * A's first update and B's, and not A's third: it follows B's record with the next sequence
 * number, but its generation is A's, lower than B's.
 */
class SessionGenerationTest {
    @TempDir
    Path dir;

    private static final DatabaseOptions OPTIONS = DatabaseOptions.defaults().withLog(1, 64 << 10).withGcThreshold(0);
    private static final TableDefinition T = TableDefinition.of("T", List.of(Column.notNull("K", ColumnType.INTEGER),
            Column.nullable("V", ColumnType.varchar(40))), "K");

    @Test
    void shouldNotTakeUpAStaleRecordAfterASessionThatCrashedBeforeItsFirstCheckpoint() throws IOException {
        Path base = dir.resolve("base.pool");
        try (Database db = Database.open(base, OPTIONS.withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS)))) {
            Table t = db.createTable(T);
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int k = 1; k <= 10; k++) {
                    tx.insert(t, new Object[] {k, "row " + k});
                }
                tx.commit();
            }
        } // closed: checkpointed

        // Session A: three commits after its open, then power loss with the second record torn.
        Path afterA = dir.resolve("after-a.pool");
        List<LogRecord> a = crashAfterUpdates(base, afterA, List.of(new Object[] {1, "a-value-1"},
                new Object[] {2, "a-value-2"}, new Object[] {3, "a-value-3"}));
        assertEquals(3, a.size());
        byte[] image = Files.readAllBytes(afterA);
        long torn = physical(afterA, a.get(1));
        image[(int) (torn + a.get(1).span() / 2)] ^= 0x20; // its CRC fails: torn, never acknowledged
        Files.write(afterA, image);

        // Session B: recovers A's first commit only, then commits one record where A's second was.
        Path afterB = dir.resolve("after-b.pool");
        List<LogRecord> b = crashAfterUpdates(afterA, afterB, List.<Object[]>of(new Object[] {2, "b-value-2"}));
        assertEquals(2, b.size(), "A's first record, replayed, and B's");
        assertEquals(physical(afterB, a.get(1)), physical(afterB, b.get(1)), "B's record lies where A's torn one was");
        assertEquals(a.get(1).span(), b.get(1).span(), "and ends where A's third record begins");
        assertEquals(a.get(2).sequence(), b.get(1).sequence() + 1, "which carries the sequence after B's");

        TreeMap<Integer, String> expected = new TreeMap<>();
        for (int k = 1; k <= 10; k++) {
            expected.put(k, "row " + k);
        }
        expected.put(1, "a-value-1");
        expected.put(2, "b-value-2");
        assertEquals(expected, rows(afterB), "A's third commit was never acknowledged and must not come back");
    }

    /**
     * Opens {@code from} in {@code sim} mode (recovery), commits one update per entry of
     * {@code updates}, and writes to {@code to} what power loss then leaves: the durable image
     * only (the records, fenced; nothing apply wrote). Returns the records after the checkpoint.
     */
    private static List<LogRecord> crashAfterUpdates(Path from, Path to, List<Object[]> updates) {
        DatabaseOptions sim = OPTIONS.withPool(PoolOptions.defaults().withMode(PersistenceMode.SIM)
                .withCreate(false).withDeleteOnClose(false));
        try (Pool pool = Pool.open(from, sim.pool())) {
            Database db = Database.attach(pool, sim);
            Table t = db.table("T");
            for (Object[] u : updates) {
                try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                    tx.update(t, t.key(u[0]), new Object[] {u[0], u[1]});
                    tx.commit();
                }
            }
            ((SimPersistence) pool.persistence()).crashState().writeImage(to, new BitSet());
            return RedoLog.open(pool).recover();
        } // the database is abandoned: power fails
    }

    /** Pool offset of {@code record} (area 0) in the pool file {@code file}. */
    private static long physical(Path file, LogRecord record) {
        try (Pool pool = Pool.open(file, PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withCreate(false))) {
            long[] area = new long[2];
            RedoLog.owner().forEachBlock(pool.segment(), pool.header().roots(), (offset, bytes, what) -> {
                if (what.equals("log area 0")) {
                    area[0] = offset;
                    area[1] = bytes;
                }
            });
            return area[0] + record.position() % area[1];
        }
    }

    private static TreeMap<Integer, String> rows(Path file) {
        TreeMap<Integer, String> found = new TreeMap<>();
        try (Database db = Database.open(file, OPTIONS.withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS)
                .withCreate(false)))) {
            Table t = db.table("T");
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (Object[] row : DatabaseTest.all(tx, t, false)) {
                    found.put((Integer) row[0], (String) row[1]);
                }
            }
        }
        return found;
    }
}
