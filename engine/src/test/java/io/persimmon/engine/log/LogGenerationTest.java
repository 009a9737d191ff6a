package io.persimmon.engine.log;

import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.pool.RootSlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Rule C6: records written without a fence each, as group commit does, can leave a valid record
 * after an invalid one; once a later session writes over the invalid one, the old valid record
 * right after it must not be taken up again.
 */
class LogGenerationTest {
    @TempDir
    Path dir;

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void checkpoint(Pool pool, RedoLog log, long ts) {
        RedoLog.Plan plan = log.prepareCheckpoint(pool.header().sequence() + 1, ts);
        pool.checkpoint(Map.of(RootSlot.LOG, plan.directoryOffset()));
        log.checkpointDurable(plan);
    }

    @Test
    void aValidRecordLeftBehindAnInvalidOneIsNeverTakenUpAgain() {
        Path file = dir.resolve("log.pool");
        PoolOptions options = PoolOptions.defaults().withMode(PersistenceMode.PROCESS);
        long firstPosition;
        // Session 1: two records in flight together; the first is torn by the crash, the second is whole.
        try (Pool pool = Pool.open(file, options)) {
            RedoLog log = RedoLog.create(pool, 1, 8192);
            checkpoint(pool, log, 0);
            log.setGeneration(pool.header().sequence());
            try (RedoLog.Appender a = log.lease()) {
                Appended first = a.appendUnfenced(1, body("first, torn"), 11);
                a.appendUnfenced(2, body("second, whole"), 13);
                pool.persistence().fence();
                firstPosition = first.position();
                long at = pool.header().root(RootSlot.LOG); // directory: area 0's offset
                long area = pool.segment().get(PoolLayouts.LONG, at + LogLayout.DIR_AREAS_OFFSET + LogLayout.AREA_OFFSET);
                pool.segment().set(PoolLayouts.BYTE, area + firstPosition + LogLayout.RECORD_HEADER, (byte) 'X');
            }
        }
        // Session 2: recovery stops at the torn record; a new session writes over it a record of
        // the same length, so it ends exactly where the old second record begins.
        try (Pool pool = Pool.open(file, options)) {
            RedoLog log = RedoLog.open(pool);
            assertEquals(List.of(), log.recover());
            checkpoint(pool, log, 0);
            log.setGeneration(pool.header().sequence());
            try (RedoLog.Appender a = log.lease()) {
                Appended replaced = a.append(1, body("new first!!"), 11);
                assertEquals(firstPosition, replaced.position());
            }
        }
        // Session 3: only the new record is in the log.
        try (Pool pool = Pool.open(file, options)) {
            List<LogRecord> records = RedoLog.open(pool).recover();
            assertEquals(1, records.size(), () -> "recovered " + records.stream()
                    .map(r -> new String(r.body(), StandardCharsets.UTF_8)).toList());
            assertEquals("new first!!", new String(records.get(0).body(), StandardCharsets.UTF_8));
        }
    }
}
