package io.persimmon.engine.btree;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.pool.RootSlot;

import java.lang.foreign.MemorySegment;
import java.util.HashSet;
import java.util.Set;

/**
 * The blocks of the tree whose root a header slot names, for {@code check}
 * ({@link io.persimmon.engine.check.PoolCheck}): every node, one block of the page size each. A
 * node reachable twice is reported twice (check then finds it owned twice) but walked once.
 */
public final class BTreeOwner implements BlockOwner {
    private final String name;
    private final RootSlot slot;
    private final int pageSize;

    public BTreeOwner(String name, RootSlot slot, int pageSize) {
        this.name = name;
        this.slot = slot;
        this.pageSize = pageSize;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void forEachBlock(MemorySegment pool, long[] roots, BlockVisitor visitor) {
        long root = roots[slot.index()];
        if (root != 0) {
            walk(pool, root, -1, new HashSet<>(), visitor);
        }
    }

    /** Visits every node of the tree whose root is {@code root} (0: none), once each. */
    public static void forEachNode(MemorySegment pool, long root, int pageSize, BlockVisitor visitor) {
        if (root != 0) {
            new BTreeOwner("B+tree", RootSlot.TEST, pageSize).walk(pool, root, -1, new HashSet<>(), visitor);
        }
    }

    private void walk(MemorySegment pool, long offset, int expectedLevel, Set<Long> walked, BlockVisitor visitor) {
        visitor.block(offset, pageSize, "B+tree node");
        if (!walked.add(offset)) {
            return;
        }
        Node node = Node.read(pool, offset, pageSize);
        if (expectedLevel >= 0 && node.level() != expectedLevel) {
            throw PersimmonException.corrupt(offset, "B+tree node at level " + node.level()
                    + " where its parent expects " + expectedLevel);
        }
        if (!node.isLeaf()) {
            for (int i = 0; i <= node.count(); i++) {
                walk(pool, node.child(i), node.level() - 1, walked, visitor);
            }
        }
    }
}
