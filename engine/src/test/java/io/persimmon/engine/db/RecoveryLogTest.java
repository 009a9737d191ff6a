package io.persimmon.engine.db;

import io.persimmon.engine.pool.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.persimmon.engine.db.DatabaseTest.accounts;
import static io.persimmon.engine.db.DatabaseTest.options;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The message an open after a crash logs (what it replayed) is still logged, but by the
 * {@code persimmon-log} thread and not by the thread opening the database: in a cold JVM the
 * logging back-end's first message costs that thread tens of milliseconds ({@code EngineLog}).
 */
class RecoveryLogTest {
    @TempDir
    Path dir;

    @Test
    void shouldLogWhatRecoveryReplayedFromAnotherThread() throws InterruptedException {
        Path file = dir.resolve("log.pool");
        Pool pool = Pool.open(file, options().pool());
        Database db = Database.attach(pool, options()); // no background thread: no checkpoint after the commits
        Table t = db.createTable(accounts());
        for (int i = 0; i < 3; i++) {
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                tx.insert(t, new Object[] {i, "owner " + i, new BigDecimal("1.00")});
                tx.commit();
            }
        }
        pool.close(); // a killed process: the next open replays the three commits

        Logger logger = Logger.getLogger("io.persimmon.engine.db"); // held: the level sticks while it is referenced
        Level level = logger.getLevel();
        BlockingQueue<LogRecord> logged = new ArrayBlockingQueue<>(16);
        BlockingQueue<String> threads = new ArrayBlockingQueue<>(16);
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.setLevel(Level.INFO);
        logger.addHandler(handler);
        try {
            try (Database again = Database.open(file, options())) {
                assertEquals(3, again.table("ACCOUNTS").rowCount());
            }
            LogRecord record = logged.poll(30, TimeUnit.SECONDS);
            assertNotNull(record, "the recovery was not logged");
            assertTrue(record.getMessage().startsWith("recovered {0}: replayed {1} committed records"), record.getMessage());
            assertEquals(4, record.getParameters()[1]); // the CREATE TABLE and the three inserts
            assertEquals("persimmon-log", threads.take());
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(level);
        }
    }
}
