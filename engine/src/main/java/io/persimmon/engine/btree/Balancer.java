package io.persimmon.engine.btree;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.util.Arrays;

/**
 * Keeps a batch's tree balanced: a node larger than the page is split in two; a node other than
 * the root that uses less than a quarter of the page ({@link NodeLayout#minUsed}) is merged with
 * a sibling when both fit in one page, and otherwise shares the entries of both evenly with it.
 * Every split point is chosen by bytes, to make the larger half as small as it can be; with keys
 * of at most {@link NodeLayout#maxKeyLength} both halves then fit and are at least a quarter full.
 */
final class Balancer {
    /** How a batch makes a published child dirty (copying it once). */
    interface Copier {
        MutableNode dirtyChild(MutableNode parent, int i);
    }

    private final int pageSize;
    private final int minUsed;
    private final TreeStats stats;

    Balancer(int pageSize, TreeStats stats) {
        this.pageSize = pageSize;
        this.minUsed = NodeLayout.minUsed(pageSize);
        this.stats = stats;
    }

    /** Child {@code i} of {@code parent} (dirty) has changed: restores the fill rules at its level. */
    void fixChild(MutableNode parent, int i, Copier copier) {
        MutableNode child = parent.childNodes[i];
        if (child.used() > pageSize) {
            split(parent, i, child);
        } else if (child.used() < minUsed) {
            rebalance(parent, i, copier);
        }
    }

    /** The root after a change: a new root above it when it overflows, else the same. */
    MutableNode growRoot(MutableNode root) {
        if (root.used() <= pageSize) {
            return root;
        }
        MutableNode newRoot = MutableNode.newBranch(root);
        split(newRoot, 0, root);
        return newRoot;
    }

    private void split(MutableNode parent, int i, MutableNode node) {
        MutableNode right = node.sibling();
        int n = node.count;
        byte[][] keys = node.keys;
        byte[] separator;
        if (node.leaf) {
            int k = bestSplit(keys, n, true);
            separator = Keys.separator(keys[k - 1], keys[k]);
            right.setContent(keys, node.values, null, null, k, n);
            node.setContent(keys, node.values, null, null, 0, k);
        } else {
            int k = bestSplit(keys, n, false);
            separator = keys[k];
            right.setContent(keys, null, node.childOffsets, node.childNodes, k + 1, n);
            node.setContent(keys, null, node.childOffsets, node.childNodes, 0, k);
        }
        parent.insertChild(i, separator, right);
        requireFits(node);
        requireFits(right);
        stats.split(node.level);
    }

    private void rebalance(MutableNode parent, int i, Copier copier) {
        if (parent.count == 0) {
            throw new PersimmonException(ErrorCode.INTERNAL, "an underfull B+tree node at level "
                    + parent.childNodes[i].level + " has no sibling");
        }
        int li = i > 0 ? i - 1 : i;
        MutableNode left = copier.dirtyChild(parent, li);
        MutableNode right = copier.dirtyChild(parent, li + 1);
        int lc = left.count;
        int rc = right.count;
        boolean leaf = left.leaf;
        byte[] separator = parent.keys[li];
        int n = leaf ? lc + rc : lc + 1 + rc;
        byte[][] keys = new byte[n][];
        System.arraycopy(left.keys, 0, keys, 0, lc);
        if (!leaf) {
            keys[lc] = separator;
        }
        System.arraycopy(right.keys, 0, keys, n - rc, rc);
        long[] values = null;
        long[] offsets = null;
        MutableNode[] nodes = null;
        if (leaf) {
            values = new long[n];
            System.arraycopy(left.values, 0, values, 0, lc);
            System.arraycopy(right.values, 0, values, lc, rc);
        } else {
            offsets = new long[n + 1];
            nodes = new MutableNode[n + 1];
            System.arraycopy(left.childOffsets, 0, offsets, 0, lc + 1);
            System.arraycopy(left.childNodes, 0, nodes, 0, lc + 1);
            System.arraycopy(right.childOffsets, 0, offsets, lc + 1, rc + 1);
            System.arraycopy(right.childNodes, 0, nodes, lc + 1, rc + 1);
        }
        if (NodeLayout.used(leaf, n, left.keyBytes + right.keyBytes + (leaf ? 0 : separator.length)) <= pageSize) {
            left.setContent(keys, values, offsets, nodes, 0, n);
            parent.removeChild(li); // the right node goes: its block, if published, was listed to free when copied
            stats.merge(left.level);
            return;
        }
        int k = bestSplit(keys, n, leaf);
        if (leaf) {
            left.setContent(keys, values, null, null, 0, k);
            right.setContent(keys, values, null, null, k, n);
            parent.setKey(li, Keys.separator(keys[k - 1], keys[k]));
        } else {
            left.setContent(keys, null, offsets, nodes, 0, k);
            right.setContent(keys, null, offsets, nodes, k + 1, n);
            parent.setKey(li, keys[k]);
        }
        requireFits(left);
        requireFits(right);
        stats.borrow(left.level);
    }

    /**
     * The split point k of {@code n} keys that makes the larger half smallest. A leaf keeps keys
     * [0, k) and [k, n); a branch keeps [0, k) and (k, n) and moves key k up to its parent.
     */
    private int bestSplit(byte[][] keys, int n, boolean leaf) {
        int[] prefix = new int[n + 1];
        for (int j = 0; j < n; j++) {
            prefix[j + 1] = prefix[j] + keys[j].length;
        }
        int best = -1;
        int bestSize = Integer.MAX_VALUE;
        int last = leaf ? n - 1 : n - 2;
        for (int k = 1; k <= last; k++) {
            int leftSize = NodeLayout.used(leaf, k, prefix[k]);
            int rightSize = leaf
                    ? NodeLayout.used(true, n - k, prefix[n] - prefix[k])
                    : NodeLayout.used(false, n - k - 1, prefix[n] - prefix[k + 1]);
            int larger = Math.max(leftSize, rightSize);
            if (larger < bestSize) {
                bestSize = larger;
                best = k;
            }
        }
        if (best < 0) {
            throw new PersimmonException(ErrorCode.INTERNAL, "cannot split a B+tree node of " + n + " keys");
        }
        return best;
    }

    private void requireFits(MutableNode node) {
        if (node.used() > pageSize) {
            throw new PersimmonException(ErrorCode.INTERNAL, "a B+tree node of " + node.used()
                    + " bytes does not fit its " + pageSize + "-byte page after rebalancing; keys "
                    + Arrays.stream(node.keys, 0, node.count).mapToInt(k -> k.length).summaryStatistics());
        }
    }
}
