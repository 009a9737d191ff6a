package io.persimmon.engine.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The background thread checkpoints a database that took no commit for {@code idleCheckpointAfter},
 * when it has changes since its last checkpoint; with nothing new it leaves it alone.
 */
class IdleCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void shouldCheckpointChangesOnceTheDatabaseIsIdleAndNotAgainWithoutChanges() throws InterruptedException {
        DatabaseOptions options = DatabaseTest.options().withGcThreshold(0).withMaintenanceInterval(Duration.ofMillis(20))
                .withIdleCheckpointAfter(Duration.ofMillis(50));
        try (Database db = Database.open(dir.resolve("idle.pool"), options)) {
            Table t = db.createTable(DatabaseTest.accounts());
            waitForCheckpointsToSettle(db);
            long before = db.checkpoints();
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                for (int i = 0; i < 10; i++) {
                    tx.insert(t, new Object[] {i, "owner " + i, new java.math.BigDecimal("100.00")});
                }
                tx.commit();
            }
            assertFalse(t.primary.layers().changes().isEmpty(), "the commit's keys wait in the change set");
            // Ten rows fill a small part of the 1 MiB log area: only idleness can ask for this checkpoint.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (db.checkpoints() == before && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(db.checkpoints() > before, "no checkpoint after the database went idle");
            assertTrue(t.primary.layers().changes().isEmpty(), "the keys are in the tree now");
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                for (int i = 0; i < 10; i++) {
                    assertEquals("owner " + i, tx.get(t, t.key(i))[1]);
                }
            }
            long after = db.checkpoints();
            Thread.sleep(300); // six idle stretches with nothing to write
            assertEquals(after, db.checkpoints(), "an idle database without changes is not checkpointed again");
        }
    }

    @Test
    void shouldNotCheckpointForIdlenessWhenTheOptionIsZero() throws InterruptedException {
        DatabaseOptions options = DatabaseTest.options().withGcThreshold(0).withMaintenanceInterval(Duration.ofMillis(20));
        assertEquals(Duration.ZERO, options.idleCheckpointAfter());
        try (Database db = Database.open(dir.resolve("busy.pool"), options)) {
            Table t = db.createTable(DatabaseTest.accounts());
            try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
                tx.insert(t, new Object[] {1, "owner", java.math.BigDecimal.ONE});
                tx.commit();
            }
            long before = db.checkpoints();
            Thread.sleep(300); // fifteen maintenance intervals without a commit
            assertEquals(before, db.checkpoints());
            assertFalse(t.primary.layers().changes().isEmpty(), "the commit's key still waits in the change set");
        }
    }

    /** Waits until a checkpoint the table's creation may have caused is done (fails if they never stop). */
    private static void waitForCheckpointsToSettle(Database db) throws InterruptedException {
        for (int tries = 0; tries < 20; tries++) {
            long seen = db.checkpoints();
            Thread.sleep(100);
            if (db.checkpoints() == seen) {
                return;
            }
        }
        fail("checkpoints went on for two seconds without a commit");
    }
}
