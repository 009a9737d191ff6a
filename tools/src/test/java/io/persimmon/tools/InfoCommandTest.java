package io.persimmon.tools;

import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.db.Transaction;
import io.persimmon.engine.pool.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class InfoCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldDescribeTablesIndexesAndVersionChains() throws IOException {
        Path pool = TestPools.items(dir, 1000);
        byte[] before = Files.readAllBytes(pool);
        TestPools.Run run = TestPools.run("info", pool.toString());
        assertEquals(0, run.exit(), run.err());
        String out = run.out();
        assertTrue(out.contains("format        " + io.persimmon.engine.pool.FormatVersion.CURRENT), out);
        assertTrue(out.matches("(?s).*ITEMS +999 rows; primary key \\d+ node\\(s\\).*1,000 entries.*"
                + "versions per row mean 1\\.00, max 4.*"), out);
        assertTrue(out.contains("EMPTY                0 rows"), out);
        assertTrue(out.contains("ITEMS_BY_NAME        on ITEMS;"), out);
        assertTrue(out.contains("log           2 area(s); 0 record(s)"), out);
        assertArrayEquals(before, Files.readAllBytes(pool), "info wrote to the pool");
    }

    @Test
    void shouldPrintJson() {
        Path pool = TestPools.items(dir, 50);
        TestPools.Run run = TestPools.run("info", "--json", pool.toString());
        assertEquals(0, run.exit(), run.err());
        String out = run.out();
        assertTrue(out.startsWith("{\n  \"pool\": "), out);
        assertTrue(out.contains("\"liveRows\": 49"), out);
        assertTrue(out.contains("\"versions\": 54"), out); // 50 inserts, 3 updates of row 1, a tombstone for row 2
        assertTrue(out.contains("\"maxPerRow\": 4"), out);
        assertTrue(out.contains("\"name\": \"ITEMS_BY_NAME\""), out);
        assertTrue(out.contains("\"recordsAfterCheckpoint\": 0"), out);
        assertTrue(out.strip().endsWith("}"), out);
    }

    @Test
    void shouldCountLogRecordsAfterTheCheckpointWithoutReplayingThem() throws IOException {
        Path pool = abandonedWithLoggedCommits(dir);
        byte[] before = Files.readAllBytes(pool);
        TestPools.Run run = TestPools.run("info", pool.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("3 record(s)"), run.out());
        assertTrue(run.out().contains("opening the database replays them"), run.out());
        assertTrue(run.out().contains("ITEMS                10 rows"), run.out()); // the checkpoint's count
        assertArrayEquals(before, Files.readAllBytes(pool), "info wrote to the pool");
        try (Database db = Database.open(pool, TestPools.options())) {
            assertEquals(13, db.table("ITEMS").rowCount()); // the replay adds the logged rows
        }
    }

    @Test
    void shouldSayWhatItCannotReadInADamagedPool() throws IOException {
        Path pool = TestPools.items(dir, 100);
        long catalog = CheckCommandTest.locate(pool).catalog();
        CheckCommandTest.flip(pool, catalog + io.persimmon.engine.catalog.CatalogBlock.BODY_OFFSET + 20, 0x01);
        TestPools.Run run = TestPools.run("info", pool.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("catalog       UNREADABLE: pool corrupt at offset " + catalog), run.out());
        assertTrue(run.out().contains("(run persimmon check)"), run.out());
        assertTrue(run.out().contains("log           2 area(s)"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void shouldRefuseAMissingPool() {
        TestPools.Run run = TestPools.run("info", dir.resolve("none.pool").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("does not exist"), run.err());
        assertFalse(Files.exists(dir.resolve("none.pool")));
    }

    /**
     * A database of 11 rows, checkpointed, then three commits of one row each that only the log
     * holds: the database is abandoned as a killed process would leave it.
     */
    static Path abandonedWithLoggedCommits(Path dir) {
        Path file = dir.resolve("abandoned.pool");
        try (Database db = Database.open(file, TestPools.options())) {
            TestPools.build(db, 11); // 10 rows after the delete of row 2
        }
        Pool pool = Pool.open(file, TestPools.options().pool());
        try {
            Database db = Database.attach(pool, TestPools.options());
            Table t = db.table("ITEMS");
            for (int i = 100; i < 103; i++) {
                try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                    tx.insert(t, new Object[] {i, "logged", 0L});
                    tx.commit();
                }
            }
        } finally {
            pool.close(); // the database is not closed: no checkpoint covers the three commits
        }
        return file;
    }
}
