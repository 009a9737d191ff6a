package io.persimmon.engine.btree;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pmem.PersistenceCounters;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.pool.RootSlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static io.persimmon.engine.btree.Nodes.key;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The API's edges: key and value limits, one batch at a time, an unpublished batch, the empty
 * tree, a full pool, and the golden cost of a single put (one node per level written and flushed,
 * no fence).
 */
class BTreeApiTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseAKeyLongerThanTheMaximumNamingIt() {
        try (Pool pool = TestPools.open(dir, 512); Batch batch = new BTree(pool, 0).batch()) {
            PersimmonException e = assertThrows(PersimmonException.class, () -> batch.put(new byte[113], 1));
            assertEquals(ErrorCode.INVALID_VALUE, e.code());
            assertTrue(e.getMessage().contains("113 bytes") && e.getMessage().contains("maximum of 112 bytes"),
                    e.getMessage());
            batch.put(new byte[112], 1);
            batch.put(new byte[0], 2);
            assertEquals(1, batch.get(new byte[112]));
            assertEquals(2, batch.get(new byte[0]));
        }
    }

    @Test
    void shouldSortTheEmptyKeyAndPrefixesFirstAndBytesUnsigned() {
        try (Pool pool = TestPools.open(dir, 512)) {
            BTree tree = new BTree(pool, 0);
            try (Batch batch = tree.batch()) {
                for (String k : new String[] {"\u00ff", "a", "", "ab", "a\u0000", "\u0080", "\u007f"}) {
                    batch.put(key(k), k.length());
                }
                batch.publish();
            }
            Cursor cursor = tree.scan(tree.root(), null, true, null, true, false);
            StringBuilder order = new StringBuilder();
            while (cursor.next()) {
                order.append('[').append(new String(cursor.key(), java.nio.charset.StandardCharsets.ISO_8859_1)).append(']');
            }
            assertEquals("[][a][a\u0000][ab][\u007f][\u0080][\u00ff]", order.toString());
        }
    }

    @Test
    void shouldRefuseTheReservedValueAndASecondBatch() {
        try (Pool pool = TestPools.open(dir, 512)) {
            BTree tree = new BTree(pool, 0);
            Batch first = tree.batch();
            assertEquals(ErrorCode.INVALID_ARGUMENT,
                    assertThrows(PersimmonException.class, () -> first.put(key("a"), BTree.NOT_FOUND)).code());
            assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(PersimmonException.class, tree::batch).code());
            first.publish();
            assertEquals(ErrorCode.CLOSED, assertThrows(PersimmonException.class, () -> first.put(key("a"), 1)).code());
            tree.batch().close();
        }
    }

    @Test
    void shouldSetAsPutDoesButCopyThePathEvenForAnUnchangedValue() {
        try (Pool pool = TestPools.open(dir, 512)) {
            BTree tree = new BTree(pool, 0);
            TreeMap<String, Long> model = new TreeMap<>();
            long root;
            try (Batch batch = tree.batch()) {
                for (int i = 0; i < 2000; i++) {
                    batch.put(key(String.format("%08d", i * 7)), i);
                    model.put(String.format("%08d", i * 7), (long) i);
                }
                root = batch.publish();
            }
            try (Batch batch = tree.batch()) {
                batch.set(key("00000007"), 99); // replaced
                batch.set(key("00000008"), 98); // inserted
                model.put("00000007", 99L);
                model.put("00000008", 98L);
                assertEquals(99, batch.get(key("00000007")));
                assertEquals(ErrorCode.INVALID_ARGUMENT,
                        assertThrows(PersimmonException.class, () -> batch.set(key("a"), BTree.NOT_FOUND)).code());
                root = batch.publish();
            }
            assertEquals(model, contents(tree, root));
            long copied = tree.stats().nodesCopied();
            try (Batch batch = tree.batch()) {
                batch.put(key("00000014"), 2); // the value it has: put copies nothing
                assertEquals(copied, tree.stats().nodesCopied());
                batch.set(key("00000014"), 2); // set copies the path to its leaf all the same
                assertEquals(copied + tree.height(root), tree.stats().nodesCopied());
                root = batch.publish();
            }
            assertEquals(model, contents(tree, root));
        }
    }

    private static Map<String, Long> contents(BTree tree, long root) {
        Map<String, Long> seen = new TreeMap<>();
        Cursor cursor = tree.scan(root, null, true, null, true, false);
        while (cursor.next()) {
            seen.put(new String(cursor.key(), java.nio.charset.StandardCharsets.ISO_8859_1), cursor.value());
        }
        return seen;
    }

    @Test
    void shouldCostNothingWhenABatchIsNotPublished() {
        try (Pool pool = TestPools.open(dir, 512)) {
            BTree tree = new BTree(pool, 0);
            long allocated = pool.allocator().allocatedBytes();
            try (Batch batch = tree.batch()) {
                for (int i = 0; i < 500; i++) {
                    batch.put(key("k" + i), i);
                }
            }
            assertEquals(0, tree.root());
            assertEquals(allocated, pool.allocator().allocatedBytes());
            assertEquals(0, tree.stats().nodesWritten());
        }
    }

    @Test
    void shouldTreatAnEmptyTreeAsRootZero() {
        try (Pool pool = TestPools.open(dir, 512)) {
            BTree tree = new BTree(pool, 0);
            assertEquals(BTree.NOT_FOUND, tree.get(0, key("a")));
            assertFalse(tree.scan(0, null, true, null, true, true).next());
            assertEquals(0, tree.count(0));
            assertEquals(0, tree.height(0));
            long root;
            try (Batch batch = tree.batch()) {
                batch.put(key("a"), 1);
                root = batch.publish();
            }
            assertEquals(1, tree.height(root));
            try (Batch batch = tree.batch()) {
                assertEquals(1, batch.delete(key("a")));
                assertEquals(BTree.NOT_FOUND, batch.delete(key("a")));
                assertEquals(0, batch.publish());
            }
        }
    }

    @Test
    void shouldWriteOneNodePerLevelAndNeverFenceForASinglePut() {
        try (Pool pool = TestPools.open(dir, 512)) {
            BTree tree = new BTree(pool, 0);
            try (Batch batch = tree.batch()) {
                for (int i = 0; i < 2000; i++) {
                    batch.put(key(String.format("%08d", i * 7)), i);
                }
                batch.publish();
            }
            int height = tree.height(tree.root());
            assertTrue(height >= 3, "height " + height);
            TreeStats stats = tree.stats();
            long copied = stats.nodesCopied();
            long written = stats.nodesWritten();
            long bytes = stats.bytesWritten();
            PersistenceCounters.Snapshot counts;
            try (PersistenceCounters.Scope scope = pool.persistence().counters().openScope()) {
                try (Batch batch = tree.batch()) {
                    batch.put(key(String.format("%08d", 700)), -1); // a replace: no split
                    batch.publish();
                }
                counts = scope.snapshot();
            }
            assertEquals(0, counts.fences(), "the tree never fences: the checkpoint does (H1)");
            assertEquals(height, stats.nodesCopied() - copied, "one node copied per level");
            assertEquals(height, stats.nodesWritten() - written, "one node written per level");
            assertEquals(stats.bytesWritten() - bytes, counts.bytesPersisted(), "only the nodes' used bytes are flushed");
            assertTrue(counts.bytesPersisted() < (long) height * 512, counts.toString());

            long root = tree.root();
            try (Batch batch = tree.batch()) {
                assertEquals(BTree.NOT_FOUND, batch.delete(key("absent")));
                assertEquals(-1, batch.put(key(String.format("%08d", 700)), -1), "the same value again");
                assertEquals(root, batch.publish(), "nothing changed: the same root");
            }
            assertEquals(height, stats.nodesWritten() - written, "nothing written for no change");
        }
    }

    @Test
    void shouldLoseNothingWhenThePoolIsFull() {
        PoolOptions options = PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withPageSize(512)
                .withInitialSize(512 << 10).withMaxSize(512 << 10).withDeleteOnClose(true);
        try (Pool pool = Pool.open(dir.resolve("full.pool"), options)) {
            BTree tree = new BTree(pool, 0, BTree.Options.VERIFYING);
            TreeMap<byte[], Long> model = TreeModel.newMap();
            PersimmonException full = null;
            for (int b = 0; b < 200 && full == null; b++) {
                long root = tree.root();
                long allocated = pool.allocator().allocatedBytes();
                try (Batch batch = tree.batch()) {
                    TreeMap<byte[], Long> added = TreeModel.newMap();
                    for (int i = 0; i < 100; i++) {
                        byte[] k = key(String.format("%05d-%s", b * 100 + i, "v".repeat(60)));
                        batch.put(k, i);
                        added.put(k, (long) i);
                    }
                    try {
                        batch.publish();
                        model.putAll(added);
                        pool.checkpoint(Map.of(RootSlot.TEST, tree.root()));
                    } catch (PersimmonException e) {
                        full = e;
                        assertEquals(root, tree.root(), "a failed publish leaves the root");
                        assertEquals(allocated, pool.allocator().allocatedBytes(), "and returns what it allocated");
                    }
                }
            }
            assertNotNull(full, "the pool never filled up");
            assertEquals(ErrorCode.POOL_FULL, full.code());
            assertTrue(BTreeCheck.run(pool.segment(), tree.root(), 512).passed());
            assertNull(TreeModel.compare(TreeModel.drain(tree.scan(tree.root(), null, true, null, true, false)),
                    model.entrySet(), "after POOL_FULL"));
            // Deleting makes room again (once two checkpoints let the freed nodes be reused).
            try (Batch batch = tree.batch()) {
                for (byte[] k : model.keySet().stream().limit(model.size() / 2).toList()) {
                    batch.delete(k);
                }
                batch.publish();
            }
            pool.checkpoint(Map.of(RootSlot.TEST, tree.root()));
            pool.checkpoint(Map.of());
            try (Batch batch = tree.batch()) {
                batch.put(key("again"), 1);
                batch.publish();
            }
            assertEquals(1, tree.get(tree.root(), key("again")));
        }
    }
}
