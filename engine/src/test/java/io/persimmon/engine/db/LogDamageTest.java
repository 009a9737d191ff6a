package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.log.LogRecord;
import io.persimmon.engine.log.RedoLog;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Rule R2: opening refuses a pool whose log is damaged (a record that had been applied would be
 * dropped with everything after it in its area), and still opens every state a crash leaves,
 * the torn tail of a group commit (C6) included, with exactly the committed rows.
 *
 * <p>One run in {@code sim} mode commits six transactions after a checkpoint (each inserts a
 * row, updates another and, every other one, deletes a third) and keeps the pool's bytes after
 * each commit: everything it wrote, applied state included, as a killed process leaves it.
 */
class LogDamageTest {
    @TempDir
    Path dir;

    private static final DatabaseOptions OPTIONS = DatabaseOptions.defaults()
            .withPool(PoolOptions.defaults().withMode(PersistenceMode.SIM).withDeleteOnClose(false))
            .withLog(1, 64 << 10).withGcThreshold(0)
            .withIdleCheckpointAfter(java.time.Duration.ZERO); // checkpoints only where the test asks
    private static final int COMMITS = 6;

    /** The pool's bytes after commit i (0: after the checkpoint, before the first). */
    private final List<byte[]> after = new ArrayList<>();
    /** The rows after commit i: key → value. */
    private final List<TreeMap<Integer, String>> rows = new ArrayList<>();
    /** Pool offset, span and sequence number of each commit's record, in commit order. */
    private final List<long[]> records = new ArrayList<>();

    @BeforeEach
    void commitSixAfterACheckpoint() {
        TreeMap<Integer, String> model = new TreeMap<>();
        try (Pool pool = Pool.open(dir.resolve("live.pool"), OPTIONS.pool())) {
            Database db = Database.attach(pool, OPTIONS);
            Table t = db.createTable(TableDefinition.of("T", List.of(Column.notNull("K", ColumnType.INTEGER),
                    Column.nullable("V", ColumnType.varchar(40))), "K"));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int k = 1; k <= 40; k++) {
                    tx.insert(t, new Object[] {k, "row " + k});
                    model.put(k, "row " + k);
                }
                tx.commit();
            }
            db.checkpoint();
            snapshot(pool, model);
            for (int i = 1; i <= COMMITS; i++) {
                try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                    tx.insert(t, new Object[] {100 + i, "new " + i});
                    model.put(100 + i, "new " + i);
                    tx.update(t, t.key(i), new Object[] {i, "updated " + i});
                    model.put(i, "updated " + i);
                    if (i % 2 == 0) {
                        tx.delete(t, t.key(20 + i));
                        model.remove(20 + i);
                    }
                    tx.commit();
                }
                snapshot(pool, model);
            }
            RedoLog log = RedoLog.open(pool);
            long[] area = new long[2];
            RedoLog.owner().forEachBlock(pool.segment(), pool.header().roots(), (offset, bytes, what) -> {
                if (what.equals("log area 0")) {
                    area[0] = offset;
                    area[1] = bytes;
                }
            });
            for (LogRecord r : log.recover()) {
                records.add(new long[] {area[0] + r.position() % area[1], r.span(), r.sequence()});
            }
            assertEquals(COMMITS, records.size(), "one record per commit after the checkpoint");
        } // the database is abandoned: no checkpoint covers the six commits
    }

    private void snapshot(Pool pool, TreeMap<Integer, String> model) {
        after.add(pool.segment().toArray(PoolLayouts.BYTE));
        rows.add(new TreeMap<>(model));
    }

    @Test
    void shouldOpenTheUndamagedPoolWithEveryCommit() throws IOException {
        assertEquals(rows.get(COMMITS), open(write(after.get(COMMITS))));
    }

    @Test
    void shouldRefuseADamagedRecordThatValidRecordsFollow() throws IOException {
        long[] third = records.get(2);
        byte[] image = after.get(COMMITS).clone();
        image[(int) (third[0] + third[1] / 2)] ^= 0x10; // inside its body: its CRC fails
        assertRefusedNaming(write(image), third[0]);
    }

    @Test
    void shouldRefuseADamagedSequenceWord() throws IOException {
        long[] second = records.get(1);
        byte[] image = after.get(COMMITS).clone();
        image[(int) second[0]] ^= 0x01; // its sequence number: the scan does not even recognise it
        assertRefusedNaming(write(image), second[0]);
    }

    @Test
    void shouldRefuseADamagedLastRecord() throws IOException {
        long[] last = records.get(COMMITS - 1);
        byte[] image = after.get(COMMITS).clone();
        image[(int) (last[0] + 40)] ^= 0x04; // no valid record follows it: its own bytes are the evidence
        assertRefusedNaming(write(image), last[0]);
    }

    /**
     * C7 under R2: the record that recovery would end the area at wrote no version (a table
     * created), and the one after it, a transaction larger than the log whose operations lie in a
     * block of their own, had been applied. What proves it, its versions' WRITEs, is in that
     * block: R2 follows the BODY there, and the pool is refused (else it would open without the
     * table and without the large commit, both acknowledged).
     */
    @Test
    void shouldRefuseADamagedRecordWhoseAppliedSuccessorKeepsItsBodyInABlock() throws IOException {
        byte[] image;
        long[] created = new long[1];
        try (Pool pool = Pool.open(dir.resolve("large.pool"), OPTIONS.pool())) {
            Database db = Database.attach(pool, OPTIONS);
            db.checkpoint();
            Table t = db.createTable(TableDefinition.of("L", List.of(Column.notNull("K", ColumnType.INTEGER),
                    Column.nullable("V", ColumnType.varchar(100))), "K"));
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (int k = 1; k <= 400; k++) {
                    tx.insert(t, new Object[] {k, "large " + "v".repeat(k % 90)}); // some 40 KB: past the inline limit
                }
                tx.commit();
            }
            List<LogRecord> recovered = RedoLog.open(pool).recover();
            assertEquals(2, recovered.size(), "the table's record and the large commit's");
            assertTrue(recovered.get(1).body().length < 100, "the large commit's body is in a block of its own");
            long[] area = new long[2];
            RedoLog.owner().forEachBlock(pool.segment(), pool.header().roots(), (offset, bytes, what) -> {
                area[0] = what.equals("log area 0") ? offset : area[0];
                area[1] = what.equals("log area 0") ? bytes : area[1];
            });
            created[0] = area[0] + recovered.get(0).position() % area[1];
            image = pool.segment().toArray(PoolLayouts.BYTE); // as a killed process leaves it
        }
        image[(int) created[0]] ^= 0x01; // its sequence number: the scan ends the area there
        assertRefusedNaming(write(image), created[0]);
    }

    /**
     * C6: records 5 and 6 were written together and flushed; the fence of record 6 returned, that
     * of record 5 did not, and the process died before either was applied. Record 5 is torn (every
     * other word of it reached the file), record 6 is whole; the pool holds what commits 1 to 4
     * applied. That state must open with commits 1 to 4, exactly.
     */
    @Test
    void shouldOpenATornGroupTailWithTheCommittedRows() throws IOException {
        byte[] image = after.get(4).clone();
        byte[] later = after.get(COMMITS);
        long[] fifth = records.get(4);
        long[] sixth = records.get(5);
        for (long w = fifth[0]; w < fifth[0] + fifth[1]; w += 16) {
            System.arraycopy(later, (int) w, image, (int) w, 8);
        }
        System.arraycopy(later, (int) sixth[0], image, (int) sixth[0], (int) sixth[1]);
        Path file = write(image);
        try (Pool pool = Pool.open(file, PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withCreate(false))) {
            RedoLog log = RedoLog.open(pool);
            List<LogRecord> recovered = log.recover();
            assertEquals(4, recovered.size(), "the scan stops at the torn record");
            assertEquals(List.of(new RedoLog.Gap(0, fifth[0], sixth[0], sixth[2])), log.gaps(recovered),
                    "a valid record follows the torn one, as C6 allows");
        }
        assertEquals(rows.get(4), open(file));
    }

    /** The same after power loss: the applied state of commits 3 and 4 never reached the media. */
    @Test
    void shouldOpenATornGroupTailAfterPowerLoss() throws IOException {
        byte[] image = after.get(2).clone();
        byte[] later = after.get(COMMITS);
        for (int i = 2; i < COMMITS; i++) {
            long[] r = records.get(i); // records 3 to 6 are in the log, fenced (3, 4, 6) or torn (5)
            for (long w = r[0]; w < r[0] + r[1]; w += i == 4 ? 16 : 8) {
                System.arraycopy(later, (int) w, image, (int) w, 8);
            }
        }
        assertEquals(rows.get(4), open(write(image)));
    }

    private Path write(byte[] image) throws IOException {
        Path file = Files.createTempFile(dir, "image-", ".pool");
        Files.write(file, image);
        return file;
    }

    private static DatabaseOptions processOptions() {
        return OPTIONS.withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withCreate(false));
    }

    /** Opens the image and reads every row; checks the database. */
    private static TreeMap<Integer, String> open(Path file) {
        TreeMap<Integer, String> found = new TreeMap<>();
        try (Database db = Database.open(file, processOptions())) {
            Table t = db.table("T");
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                for (Object[] row : DatabaseTest.all(tx, t, false)) {
                    found.put((Integer) row[0], (String) row[1]);
                }
            }
            assertEquals(found.size(), t.rowCount(), "row count");
            assertTrue(db.check().passed(), "check");
        }
        return found;
    }

    private static void assertRefusedNaming(Path file, long recordOffset) {
        PersimmonException e = assertThrows(PersimmonException.class, () -> open(file),
                "a damaged log must not open (R2)");
        assertEquals(ErrorCode.CORRUPT, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("offset " + recordOffset + " ") && e.getMessage().contains("log area 0"),
                "names the area and the record's offset " + recordOffset + ": " + e.getMessage());
    }
}
