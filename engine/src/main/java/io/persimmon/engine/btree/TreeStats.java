package io.persimmon.engine.btree;

/**
 * What a tree's batches have done since the tree was opened: nodes copied, written and freed,
 * bytes written (and flushed), and the splits, merges and redistributions at each level. Updated
 * by the one writer; read it when no batch runs.
 */
public final class TreeStats {
    private long batches;
    private long nodesCopied;
    private long nodesWritten;
    private long nodesFreed;
    private long bytesWritten;
    private final long[] splits = new long[NodeLayout.MAX_LEVEL + 1];
    private final long[] merges = new long[NodeLayout.MAX_LEVEL + 1];
    private final long[] borrows = new long[NodeLayout.MAX_LEVEL + 1];

    void split(int level) {
        splits[level]++;
    }

    void merge(int level) {
        merges[level]++;
    }

    void borrow(int level) {
        borrows[level]++;
    }

    void copied() {
        nodesCopied++;
    }

    void written(int bytes) {
        nodesWritten++;
        bytesWritten += bytes;
    }

    void freed(int nodes) {
        nodesFreed += nodes;
    }

    void published() {
        batches++;
    }

    /** Batches published. */
    public long batches() {
        return batches;
    }

    /** Published nodes that batches copied to change them (each at most once per batch). */
    public long nodesCopied() {
        return nodesCopied;
    }

    /** Nodes written to the pool by publishing batches. */
    public long nodesWritten() {
        return nodesWritten;
    }

    /** Published nodes freed because a batch replaced or removed them. */
    public long nodesFreed() {
        return nodesFreed;
    }

    /** Bytes of nodes written, and flushed (only each node's used bytes are). */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Nodes at {@code level} that overflowed and were split in two. */
    public long splits(int level) {
        return splits[level];
    }

    /** Underfull nodes at {@code level} merged with a sibling. */
    public long merges(int level) {
        return merges[level];
    }

    /** Underfull nodes at {@code level} that took entries from a sibling. */
    public long borrows(int level) {
        return borrows[level];
    }

    @Override
    public String toString() {
        return "batches=" + batches + " copied=" + nodesCopied + " written=" + nodesWritten + " freed=" + nodesFreed
                + " bytes=" + bytesWritten;
    }
}
