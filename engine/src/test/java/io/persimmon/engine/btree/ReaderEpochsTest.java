package io.persimmon.engine.btree;

import io.persimmon.engine.pool.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static io.persimmon.engine.btree.Nodes.key;
import static org.junit.jupiter.api.Assertions.*;

/** Rule A4 through {@link ReaderEpochs}: a freed node is reused only once no reader can see it. */
class ReaderEpochsTest {
    @TempDir
    Path dir;

    @Test
    void shouldCallAnEpochQuiescentOnlyOnceItIsAdvancedPast() {
        ReaderEpochs epochs = new ReaderEpochs();
        long freedAt = epochs.currentEpoch();
        assertFalse(epochs.quiescent(freedAt), "readers may still pick up the old root until the writer advances");
        epochs.advance();
        assertTrue(epochs.quiescent(freedAt));
    }

    @Test
    void shouldHoldBackEveryEpochFromTheOneAReaderEntered() {
        ReaderEpochs epochs = new ReaderEpochs(2);
        long before = epochs.currentEpoch();
        epochs.advance();
        ReaderEpochs.Guard reader = epochs.enter();
        long entered = reader.epoch();
        epochs.advance();
        epochs.advance();
        assertTrue(epochs.quiescent(before), "freed before the reader entered");
        assertFalse(epochs.quiescent(entered), "freed while the reader was in");
        assertFalse(epochs.quiescent(entered + 1), "freed while the reader was in");
        assertEquals(entered, epochs.quiescentBelow(), "the reader's epoch bounds what is quiescent");
        assertEquals(1, epochs.activeReaders());
        reader.close();
        reader.close();
        assertTrue(epochs.quiescent(entered + 1));
        assertEquals(epochs.currentEpoch(), epochs.quiescentBelow(), "no reader: everything before the epoch");
        assertEquals(0, epochs.activeReaders());
    }

    @Test
    void shouldNotReuseTheNodesOfARootAReaderHolds() {
        try (Pool pool = TestPools.open(dir, 512)) {
            ReaderEpochs epochs = new ReaderEpochs();
            pool.allocator().setReuseGate(epochs);
            BTree tree = new BTree(pool, 0, BTree.Options.VERIFYING);
            try (Batch batch = tree.batch()) {
                for (int i = 0; i < 300; i++) {
                    batch.put(key("key" + i), i);
                }
                batch.publish(); // never checkpointed: its nodes would be reusable at once but for readers
            }
            ReaderEpochs.Guard reader = epochs.enter();
            long oldRoot = tree.root();
            Set<Long> oldNodes = Nodes.image(pool, oldRoot).keySet();
            try (Batch batch = tree.batch()) {
                for (int i = 0; i < 300; i++) {
                    batch.put(key("key" + i), -i); // replaces every node
                }
                batch.publish();
            }
            epochs.advance();
            pool.allocator().reclaim();
            Set<Long> taken = allocateMany(pool);
            taken.retainAll(oldNodes);
            assertEquals(Set.of(), taken, "nodes the reader may see were reused");
            assertEquals(299, tree.get(oldRoot, key("key299")), "the old root still reads its contents");
            reader.close();
            pool.allocator().reclaim();
            Set<Long> after = allocateMany(pool);
            after.retainAll(oldNodes);
            assertFalse(after.isEmpty(), "once the reader left, the old nodes are reused");
        }
    }

    /** Allocates (and keeps) 600 nodes: more than the slots of every chunk of that size so far. */
    private static Set<Long> allocateMany(Pool pool) {
        Set<Long> offsets = new HashSet<>();
        for (int i = 0; i < 600; i++) {
            offsets.add(pool.allocator().allocate(512));
        }
        return offsets;
    }
}
