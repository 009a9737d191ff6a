package io.persimmon.tools;

import io.persimmon.engine.catalog.CatalogBlock;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.db.Transaction;
import io.persimmon.engine.mvcc.SlotPageLayout;
import io.persimmon.engine.mvcc.VersionLayout;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.HeaderLayout;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.pool.RootSlot;
import io.persimmon.engine.pmem.PoolLayouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class CheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldPassAConsistentPoolWithEveryStepNamedAndWriteNothing() throws IOException {
        Path pool = TestPools.items(dir, 2000);
        byte[] before = Files.readAllBytes(pool);
        TestPools.Run run = TestPools.run("check", pool.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        for (String step : new String[] {"redo log", "catalog", "version chains", "header copies", "allocator bitmap",
                "allocator accounting", "block ownership", "B+trees", "rows and indexes"}) {
            assertTrue(run.out().contains("ok   " + step + ":"), step + " in\n" + run.out());
        }
        assertTrue(run.out().contains("1999 live rows"), run.out());
        assertTrue(run.out().endsWith("consistent\n"), run.out());
        assertArrayEquals(before, Files.readAllBytes(pool));
    }

    @Test
    void shouldSayThatRecordsAfterTheCheckpointWouldBeReplayed() throws IOException {
        Path pool = InfoCommandTest.abandonedWithLoggedCommits(dir);
        byte[] before = Files.readAllBytes(pool);
        TestPools.Run run = TestPools.run("check", "--scratch", dir.toString(), pool.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("committed record(s)"), run.out());
        assertTrue(run.out().contains("opening the database would replay them"), run.out());
        assertTrue(run.out().contains("ok   replay: 3 record(s) replayed into the scratch copy"), run.out());
        assertTrue(run.out().contains("ok   rows and indexes (after replay): 13 live rows"), run.out());
        assertArrayEquals(before, Files.readAllBytes(pool));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "the scratch copy is removed");
        }
    }

    /**
     * A pool recovered by an open that did not checkpoint (the open writes only a header copy,
     * R1), committed to, and abandoned again: its newest header names the first checkpoint's
     * state under a new sequence, and the log holds both sessions' records. Check replays them in
     * its scratch copy and finds every row.
     */
    @Test
    void shouldCheckAPoolAbandonedAgainAfterAnOpenThatDidNotCheckpoint() throws IOException {
        Path file = InfoCommandTest.abandonedWithLoggedCommits(dir);
        long sequence;
        try (Pool pool = Pool.open(file, TestPools.options().pool())) {
            sequence = pool.header().sequence();
        }
        Pool pool = Pool.open(file, TestPools.options().pool());
        try {
            Database db = Database.attach(pool, TestPools.options()); // recovery: three records, a header copy
            assertEquals(sequence + 1, pool.header().sequence());
            Table t = db.table("ITEMS");
            for (int i = 200; i < 202; i++) {
                try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                    tx.insert(t, new Object[] {i, "logged again", 0L});
                    tx.commit();
                }
            }
            assertEquals(sequence + 1, pool.header().sequence(), "no checkpoint");
        } finally {
            pool.close(); // abandoned again: no checkpoint covers the five commits
        }
        byte[] before = Files.readAllBytes(file);
        TestPools.Run run = TestPools.run("check", "--scratch", dir.toString(), file.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("ok   replay: 5 record(s) replayed into the scratch copy"), run.out());
        assertTrue(run.out().contains("ok   rows and indexes (after replay): 15 live rows"), run.out());
        assertTrue(run.out().contains("ok   allocator bitmap:"), run.out());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void shouldNameTheDamagedTreeNode() throws IOException {
        Path pool = TestPools.items(dir, 2000);
        long root = locate(pool).primaryRoot;
        flip(pool, root + 200, 0x5A);
        TestPools.Run run = TestPools.run("check", pool.toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("FAIL B+trees"), run.out());
        assertTrue(run.out().contains(String.valueOf(root)), "names offset " + root + ":\n" + run.out());
        assertEquals("", run.err());
    }

    @Test
    void shouldNameAVersionChainThatLoops() throws IOException {
        Path pool = TestPools.items(dir, 100);
        long version = locate(pool).newestVersionOfFirstRow;
        write(pool, version + VersionLayout.PREVIOUS_OFFSET, version); // the version names itself as older
        TestPools.Run run = TestPools.run("check", pool.toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("FAIL version chains"), run.out());
        assertTrue(run.out().contains("version at offset " + version), run.out());
        assertEquals("", run.err());
    }

    @Test
    void shouldNameAVersionWithAnImpossibleLength() throws IOException {
        Path pool = TestPools.items(dir, 100);
        long version = locate(pool).newestVersionOfFirstRow;
        flip(pool, version + VersionLayout.LENGTH_OFFSET + 3, 0x40);
        TestPools.Run run = TestPools.run("check", pool.toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("version at offset " + version), run.out());
        assertEquals("", run.err());
    }

    @Test
    void shouldNameTheDamagedCatalogBlock() throws IOException {
        Path pool = TestPools.items(dir, 100);
        long catalog = locate(pool).catalog;
        flip(pool, catalog + CatalogBlock.BODY_OFFSET + 20, 0x01);
        TestPools.Run run = TestPools.run("check", pool.toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.out().contains("FAIL catalog"), run.out());
        assertTrue(run.out().contains(String.valueOf(catalog)), run.out());
        assertTrue(run.out().contains("checksum"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void shouldRefuseAPoolWhoseHeaderCopiesAreBothDamaged() throws IOException {
        Path pool = TestPools.items(dir, 10);
        flip(pool, HeaderLayout.copyOffset(0) + 40, 0x01);
        flip(pool, HeaderLayout.copyOffset(1) + 40, 0x01);
        TestPools.Run run = TestPools.run("check", pool.toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("FAIL open"), run.out());
    }

    @Test
    void shouldSurviveRandomDamageWithAVerdictAndNoStackTrace() throws IOException {
        Path original = TestPools.items(dir, 1500);
        byte[] clean = Files.readAllBytes(original);
        Random random = new Random(42);
        int failures = 0;
        for (int i = 0; i < 40; i++) {
            Path copy = dir.resolve("damaged-" + i + ".pool");
            byte[] bytes = clean.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
            }
            Files.write(copy, bytes);
            TestPools.Run run = TestPools.run("check", copy.toString());
            assertTrue(run.exit() == 0 || run.exit() == 1, "exit " + run.exit() + "\n" + run.out() + run.err());
            assertFalse(run.out().contains("\tat ") || run.err().contains("\tat "), run.out() + run.err());
            assertTrue(run.out().endsWith("consistent\n") || run.out().contains("NOT consistent"), run.out());
            failures += run.exit();
        }
        assertTrue(failures > 0, "some random damage must be found");
    }

    @Test
    void shouldRefuseAPoolThatAnotherProcessHasOpen() throws Exception {
        Path pool = TestPools.items(dir, 10);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process holder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), HoldPool.class.getName(), pool.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream()));
            String first = lines.readLine();
            assertNotNull(first);
            assertTrue(first.startsWith("open"), first);
            TestPools.Run run = TestPools.run("check", pool.toString());
            assertEquals(2, run.exit(), run.out() + run.err());
            assertTrue(run.err().contains("another process"), run.err());
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    /** Offsets of a few structures of a pool made by {@link TestPools#items}. */
    record Located(long catalog, long primaryRoot, long newestVersionOfFirstRow) {}

    static Located locate(Path file) {
        try (Pool pool = Pool.open(file, PoolOptions.defaults().withCreate(false).withMode(PersistenceMode.PROCESS))) {
            var s = pool.segment();
            long catalog = pool.header().root(RootSlot.CATALOG);
            CatalogBlock.TableEntry items = CatalogBlock.read(s, catalog).tables().stream()
                    .filter(t -> t.definition().name().equals("ITEMS")).findFirst().orElseThrow();
            long slot = SlotPageLayout.slot(items.slotPages().getFirst(), 0);
            return new Located(catalog, items.root(), s.get(PoolLayouts.LONG, slot));
        }
    }

    static void flip(Path file, long offset, int mask) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ mask));
            b.rewind();
            ch.write(b, offset);
        }
    }

    static void write(Path file, long offset, long value) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
            ch.write(b, offset);
        }
    }
}
