package io.persimmon.engine.btree;

import java.lang.foreign.MemorySegment;

/**
 * A range scan over the tree of one root, ascending or descending: {@code while (cursor.next())
 * { cursor.key(); cursor.value(); }}. It holds the path from the root to the current leaf, so a
 * step to the next leaf climbs only as far as needed. Lock-free: the root's nodes never change
 * (a reader that may overlap a writer keeps a {@link ReaderEpochs} epoch while it scans).
 */
public final class Cursor {
    private final BTree tree;
    private final MemorySegment pool;
    private final long root;
    private final byte[] low;
    private final boolean lowInclusive;
    private final byte[] high;
    /** The bounds as {@link Node#keyWords}, made once for the comparison at each entry. */
    private final long[] lowWords;
    private final long[] highWords;
    private final boolean highInclusive;
    private final boolean descending;
    /** path[d] is the node at depth d (0 = root); pos[d] the child (branch) or entry (leaf) there. */
    private final Node[] path = new Node[NodeLayout.MAX_LEVEL + 1];
    private final int[] pos = new int[NodeLayout.MAX_LEVEL + 1];
    private int leafDepth = -1;
    private boolean started;
    private boolean done;

    Cursor(BTree tree, MemorySegment pool, long root, byte[] low, boolean lowInclusive, byte[] high,
           boolean highInclusive, boolean descending) {
        this.tree = tree;
        this.pool = pool;
        this.root = root;
        this.low = low == null ? null : low.clone();
        this.lowInclusive = lowInclusive;
        this.high = high == null ? null : high.clone();
        this.lowWords = low == null ? null : Node.keyWords(low, low.length);
        this.highWords = high == null ? null : Node.keyWords(high, high.length);
        this.highInclusive = highInclusive;
        this.descending = descending;
    }

    /** Moves to the next entry in range; false (for good) when there is none. */
    public boolean next() {
        if (done) {
            return false;
        }
        boolean positioned;
        if (!started) {
            started = true;
            positioned = root != 0 && seek();
        } else {
            positioned = step();
        }
        if (!positioned || !inRange()) {
            done = true;
            return false;
        }
        return true;
    }

    /** The current key (a copy). */
    public byte[] key() {
        return leaf().key(pos[leafDepth]);
    }

    /** The current value. */
    public long value() {
        return leaf().value(pos[leafDepth]);
    }

    private Node leaf() {
        if (!started || done) {
            throw new IllegalStateException("the cursor is not on an entry: call next() first");
        }
        return path[leafDepth];
    }

    /** Descends from the root to the first entry in range (or past it, when there is none). */
    private boolean seek() {
        Node node = tree.readNode(pool, root, -1);
        int depth = 0;
        while (true) {
            path[depth] = node;
            if (node.isLeaf()) {
                leafDepth = depth;
                pos[depth] = descending ? lastAtOrBelowHigh(node) : firstAtOrAboveLow(node);
                return descending ? (pos[depth] >= 0 || previousLeaf()) : (pos[depth] < node.count() || nextLeaf());
            }
            int child;
            if (descending) {
                child = high == null ? node.count() : node.upperBound(high);
            } else {
                child = low == null ? 0 : node.upperBound(low);
            }
            pos[depth] = child;
            node = tree.readNode(pool, node.child(child), node.level() - 1);
            depth++;
        }
    }

    private int firstAtOrAboveLow(Node leaf) {
        if (low == null) {
            return 0;
        }
        int i = leaf.search(low);
        return i >= 0 ? (lowInclusive ? i : i + 1) : -i - 1;
    }

    private int lastAtOrBelowHigh(Node leaf) {
        if (high == null) {
            return leaf.count() - 1;
        }
        int i = leaf.search(high);
        return i >= 0 ? (highInclusive ? i : i - 1) : -i - 2;
    }

    private boolean step() {
        if (descending) {
            return --pos[leafDepth] >= 0 || previousLeaf();
        }
        return ++pos[leafDepth] < path[leafDepth].count() || nextLeaf();
    }

    /** Moves to the first entry of the next non-empty leaf; false at the end of the tree. */
    private boolean nextLeaf() {
        int depth = leafDepth - 1;
        while (depth >= 0) {
            if (pos[depth] < path[depth].count()) {
                pos[depth]++;
                descendTo(depth, true);
                if (path[leafDepth].count() > 0) {
                    pos[leafDepth] = 0;
                    return true;
                }
                depth = leafDepth - 1; // an empty leaf: go on from it
            } else {
                depth--;
            }
        }
        return false;
    }

    /** Moves to the last entry of the previous non-empty leaf; false at the start of the tree. */
    private boolean previousLeaf() {
        int depth = leafDepth - 1;
        while (depth >= 0) {
            if (pos[depth] > 0) {
                pos[depth]--;
                descendTo(depth, false);
                if (path[leafDepth].count() > 0) {
                    pos[leafDepth] = path[leafDepth].count() - 1;
                    return true;
                }
                depth = leafDepth - 1;
            } else {
                depth--;
            }
        }
        return false;
    }

    /** Fills the path below {@code depth} with the leftmost (or rightmost) descent from child pos[depth]. */
    private void descendTo(int depth, boolean leftmost) {
        for (int d = depth; d < leafDepth; d++) {
            Node parent = path[d];
            Node child = tree.readNode(pool, parent.child(pos[d]), parent.level() - 1);
            path[d + 1] = child;
            if (!child.isLeaf()) {
                pos[d + 1] = leftmost ? 0 : child.count();
            }
        }
    }

    private boolean inRange() {
        Node leaf = path[leafDepth];
        int i = pos[leafDepth];
        if (descending) {
            if (low == null) {
                return true;
            }
            int c = leaf.compareKey(i, lowWords, low.length);
            return c > 0 || (c == 0 && lowInclusive);
        }
        if (high == null) {
            return true;
        }
        int c = leaf.compareKey(i, highWords, high.length);
        return c < 0 || (c == 0 && highInclusive);
    }
}
