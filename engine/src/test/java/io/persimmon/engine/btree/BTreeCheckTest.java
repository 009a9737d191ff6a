package io.persimmon.engine.btree;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.check.PoolCheck;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.RootSlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.persimmon.engine.btree.Nodes.branch;
import static io.persimmon.engine.btree.Nodes.key;
import static io.persimmon.engine.btree.Nodes.leaf;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link BTreeCheck} finds each breach of the tree's invariants, naming the node's offset, in
 * trees built by hand (with valid checksums) or damaged after the fact; {@link BTreeOwner} lets
 * {@code check} account for every node.
 */
class BTreeCheckTest {
    private static final int PAGE = 512;

    @TempDir
    Path dir;
    private Pool pool;

    @BeforeEach
    void open() {
        pool = TestPools.open(dir, PAGE);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private BTreeCheck.Result check(long root) {
        return BTreeCheck.run(pool.segment(), root, PAGE);
    }

    private static void assertProblem(BTreeCheck.Result result, String fragment) {
        assertTrue(result.problems().stream().anyMatch(p -> p.contains(fragment)),
                () -> "expected a problem with '" + fragment + "' in " + result.problems());
    }

    /** A tree of 400 keys ("key000" ...), three levels deep at 512-byte pages. */
    private long healthyTree(BTree tree) {
        try (Batch batch = tree.batch()) {
            for (int i = 0; i < 400; i++) {
                batch.put(key(String.format("key%03d-%s", i, "x".repeat(i % 40))), i);
            }
            return batch.publish();
        }
    }

    @Test
    void shouldPassAHealthyTreeAndCountItsNodes() {
        long root = healthyTree(new BTree(pool, 0));
        BTreeCheck.Result result = check(root);
        assertTrue(result.passed(), result::summary);
        assertEquals(400, result.entries());
        assertEquals(3, result.height());
        assertEquals(Nodes.image(pool, root).size(), result.nodes());
        assertTrue(check(0).passed(), "an empty tree is root 0");
    }

    @Test
    void shouldReportAFlippedByteWithTheNodeOffset() {
        BTree tree = new BTree(pool, 0, BTree.Options.VERIFYING);
        long root = healthyTree(tree);
        Node firstLeaf = Node.read(pool.segment(), Node.read(pool.segment(),
                Node.read(pool.segment(), root, PAGE).child(0), PAGE).child(0), PAGE);
        long at = firstLeaf.offset() + firstLeaf.used() - 1; // the last key byte
        pool.segment().set(PoolLayouts.BYTE, at, (byte) (pool.segment().get(PoolLayouts.BYTE, at) ^ 0x20));
        BTreeCheck.Result result = check(root);
        assertProblem(result, "offset " + firstLeaf.offset());
        assertProblem(result, "fails its checksum");
        PersimmonException e = assertThrows(PersimmonException.class,
                () -> tree.get(root, key("key000-")));
        assertEquals(ErrorCode.CORRUPT, e.code());
        assertTrue(e.getMessage().contains("offset " + firstLeaf.offset()), e.getMessage());
        assertEquals(ErrorCode.CORRUPT, assertThrows(PersimmonException.class,
                () -> TreeModel.drain(tree.scan(root, null, true, null, true, false))).code());
    }

    @Test
    void shouldReportKeysOutOfOrder() {
        assertProblem(check(leaf(pool, "b", "a")), "does not sort after the key before it");
        assertProblem(check(leaf(pool, "a", "a")), "does not sort after the key before it");
    }

    @Test
    void shouldReportAKeyOutsideItsSeparators() {
        long left = leaf(pool, "a", "z");
        long right = leaf(pool, "n", "o");
        BTreeCheck.Result result = check(branch(pool, 1, new String[] {"m"}, left, right));
        assertProblem(result, "does not sort before its upper separator");
        long low = leaf(pool, "a", "b");
        long high = leaf(pool, "c", "n");
        assertProblem(check(branch(pool, 1, new String[] {"m"}, low, high)), "sorts before its lower separator");
    }

    @Test
    void shouldReportLeavesAtDifferentDepths() {
        long inner = branch(pool, 1, new String[] {"c"}, leaf(pool, "a"), leaf(pool, "d"));
        long root = branch(pool, 2, new String[] {"m"}, inner, leaf(pool, "n"));
        assertProblem(check(root), "leaves at different depths");
    }

    @Test
    void shouldReportANodeReachableTwice() {
        long shared = leaf(pool, "a");
        long root = branch(pool, 1, new String[] {"a"}, shared, shared);
        assertProblem(check(root), "offset " + shared + " is reachable twice");
        // check, through the owner, finds the block owned twice.
        pool.checkpoint(Map.of(RootSlot.TEST, root));
        CheckReport report = PoolCheck.run(pool.segment(), List.of(new BTreeOwner("tree", RootSlot.TEST, PAGE)));
        assertTrue(report.problems().stream().anyMatch(p -> p.contains("owned twice")), report::toString);
    }

    @Test
    void shouldReportUnderfullNodesAndAnEmptyRoot() {
        long root = branch(pool, 1, new String[] {"m"}, leaf(pool, "a"), leaf(pool, "n"));
        assertProblem(check(root), "is underfull");
        assertProblem(check(leaf(pool)), "has no key");
    }

    @Test
    void shouldReportWhatIsNotANode() {
        long zeros = pool.allocator().allocate(PAGE);
        pool.segment().asSlice(zeros, PAGE).fill((byte) 0);
        assertProblem(check(zeros), "not a B+tree node");
        assertProblem(check(zeros + 64), "not a B+tree node");
        assertProblem(check(pool.size() + 4096), "is not a 512-byte block inside the pool");
        long leaf = leaf(pool, "a", "b");
        pool.segment().set(PoolLayouts.INT, leaf + NodeLayout.USED_OFFSET, PAGE + 1);
        assertProblem(check(leaf), "claims 513 used bytes");
    }

    @Test
    void shouldLetCheckAccountForEveryNode() {
        long root = healthyTree(new BTree(pool, 0));
        pool.checkpoint(Map.of(RootSlot.TEST, root));
        BTreeOwner owner = new BTreeOwner("tree", RootSlot.TEST, PAGE);
        CheckReport report = PoolCheck.run(pool.segment(), List.of(owner));
        assertTrue(report.passed(), report::toString);
        // A node no tree reaches is a leak.
        leaf(pool, "stray");
        pool.checkpoint(Map.of());
        report = PoolCheck.run(pool.segment(), List.of(owner));
        assertTrue(report.problems().stream().anyMatch(p -> p.contains("leaked")), report::toString);
    }
}
