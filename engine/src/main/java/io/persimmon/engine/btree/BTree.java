package io.persimmon.engine.btree;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.RootSlot;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A copy-on-write B+tree in the pool: byte-array keys, compared as unsigned bytes, mapped to
 * 8-byte values. Nodes are blocks of the pool's page size (see {@link NodeLayout}).
 *
 * <p>Readers ({@link #get}, {@link #scan}, {@link #count}) take an explicit root and never lock:
 * nothing reachable from a published root is ever modified. A reader that may run while a writer
 * publishes reads inside a {@link ReaderEpochs} epoch, so the nodes the writer replaced are not
 * reused under it. The writer is a {@link Batch} ({@link #batch()}, one at a time per tree);
 * its {@code publish()} returns the new root, which also becomes {@link #root()}.
 *
 * <p>An empty tree has root 0. Keys are at most {@link #maxKeyLength()} bytes (a quarter of the
 * page less 16). {@link #NOT_FOUND} ({@code Long.MIN_VALUE}) means "no value" and cannot be stored.
 */
public final class BTree {
    /** What {@link #get} returns for a key that is not in the tree; never a stored value. */
    public static final long NOT_FOUND = Long.MIN_VALUE;

    /**
     * How a tree reads.
     *
     * @param verifyChecksums check the CRC32C of every node each time it is read (readers, and
     *                        batches copying a node); without it, each node's CRC32C is checked the
     *                        first time this tree reads it, and its header every time
     */
    public record Options(boolean verifyChecksums) {
        /** Each node's checksum checked once, the first time it is read: the fast path for reads. */
        public static final Options DEFAULT = new Options(false);
        /** Every node read is checked against its CRC32C. */
        public static final Options VERIFYING = new Options(true);
    }

    private final Pool pool;
    private final int pageSize;
    private final boolean verify;
    /** Nodes already checked against their CRC32C in this process (T1: a published node never changes). */
    private final VerifiedNodes verified = new VerifiedNodes();
    private final TreeStats stats = new TreeStats();
    private final AtomicReference<Batch> openBatch = new AtomicReference<>();
    private volatile long root;

    /** The tree whose root is {@code root} (0 for an empty tree), read with {@link Options#DEFAULT}. */
    public BTree(Pool pool, long root) {
        this(pool, root, Options.DEFAULT);
    }

    public BTree(Pool pool, long root, Options options) {
        this.pool = pool;
        this.pageSize = pool.header().pageSize();
        this.verify = options.verifyChecksums();
        this.root = root;
    }

    /** The tree that the newest durable header names in {@code slot}. */
    public static BTree open(Pool pool, RootSlot slot, Options options) {
        return new BTree(pool, pool.header().root(slot), options);
    }

    /** The root of the last published batch (or the one the tree was opened with). */
    public long root() {
        return root;
    }

    /** Bytes of a node: the pool's page size. */
    public int pageSize() {
        return pageSize;
    }

    /** The longest key accepted: {@link NodeLayout#maxKeyLength(int)} of the page size. */
    public int maxKeyLength() {
        return NodeLayout.maxKeyLength(pageSize);
    }

    /** What this tree's batches have done. */
    public TreeStats stats() {
        return stats;
    }

    /** Starts the batch of changes to {@link #root()}; one batch at a time. */
    public Batch batch() {
        Batch batch = new Batch(this, pool, root);
        if (!openBatch.compareAndSet(null, batch)) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT,
                    "a B+tree batch is already open on this tree: publish or close it first (writers are serialised)");
        }
        return batch;
    }

    // ------------------------------------------------------------------ reading

    /** The value of {@code key} in the tree of {@code root}, or {@link #NOT_FOUND}. */
    public long get(long root, byte[] key) {
        return root == 0 ? NOT_FOUND : lookup(pool.segment(), root, -1, key);
    }

    /**
     * The greatest key in the tree of {@code root} (null when it is empty): the last key of its
     * rightmost leaf, each node on the way checked as {@link #get} checks it.
     */
    public byte[] lastKey(long root) {
        if (root == 0) {
            return null;
        }
        MemorySegment segment = pool.segment();
        Node node = readNode(segment, root, -1);
        while (!node.isLeaf()) {
            node = readNode(segment, node.child(node.count()), node.level() - 1);
        }
        return node.count() == 0 ? null : node.key(node.count() - 1);
    }

    /**
     * The entries with {@code low <= key <= high} (each bound exclusive when asked, open when
     * null), in ascending order or, with {@code descending}, descending.
     */
    public Cursor scan(long root, byte[] lowKey, boolean lowInclusive, byte[] highKey, boolean highInclusive,
                       boolean descending) {
        return new Cursor(this, pool.segment(), root, lowKey, lowInclusive, highKey, highInclusive, descending);
    }

    /** Entries in the tree of {@code root}. */
    public long count(long root) {
        return root == 0 ? 0 : countBelow(pool.segment(), root, -1);
    }

    /** Entries of {@link #scan} with these bounds. */
    public long count(long root, byte[] lowKey, boolean lowInclusive, byte[] highKey, boolean highInclusive) {
        if (lowKey == null && highKey == null) {
            return count(root);
        }
        Cursor cursor = scan(root, lowKey, lowInclusive, highKey, highInclusive, false);
        long n = 0;
        while (cursor.next()) {
            n++;
        }
        return n;
    }

    /** Levels of the tree of {@code root}: 0 when empty, 1 for a single leaf. */
    public int height(long root) {
        return root == 0 ? 0 : readNode(pool.segment(), root, -1).level() + 1;
    }

    private long countBelow(MemorySegment segment, long offset, int expectedLevel) {
        Node node = readNode(segment, offset, expectedLevel);
        if (node.isLeaf()) {
            return node.count();
        }
        long n = 0;
        for (int i = 0; i <= node.count(); i++) {
            n += countBelow(segment, node.child(i), node.level() - 1);
        }
        return n;
    }

    /** Looks {@code key} up below the node at {@code offset} ({@code expectedLevel} -1: any). */
    long lookup(MemorySegment segment, long offset, int expectedLevel, byte[] key) {
        Node node = readNode(segment, offset, expectedLevel);
        while (!node.isLeaf()) {
            node = readNode(segment, node.child(node.upperBound(key)), node.level() - 1);
        }
        int i = node.search(key);
        return i >= 0 ? node.value(i) : NOT_FOUND;
    }

    /**
     * Opens the node at {@code offset}, checking its header, its level ({@code expectedLevel}, or
     * any when -1) and its CRC32C: every time with {@link Options#verifyChecksums}, else the first
     * time this tree reads the node.
     */
    Node readNode(MemorySegment segment, long offset, int expectedLevel) {
        Node node = Node.read(segment, offset, pageSize);
        if (expectedLevel >= 0 && node.level() != expectedLevel) {
            throw PersimmonException.corrupt(offset, "B+tree node at level " + node.level() + " where its parent expects "
                    + expectedLevel);
        }
        if (verify || !verified.contains(offset)) {
            // Every node is checked against its CRC32C the first time this process reads it: a
            // node damaged at rest fails here as CORRUPT with its offset, instead of steering a
            // lookup to a wrong child or leaf (a row silently missing, or a read out of bounds).
            node.verifyChecksum();
            verified.add(offset);
        }
        return node;
    }

    // ------------------------------------------------------------------ for batches

    void checkKey(byte[] key) {
        if (key.length > maxKeyLength()) {
            throw new PersimmonException(ErrorCode.INVALID_VALUE, "a key of " + key.length
                    + " bytes is longer than the maximum of " + maxKeyLength() + " bytes for an index with "
                    + pageSize + "-byte pages");
        }
    }

    void requireRoot(long baseRoot) {
        if (root != baseRoot) {
            throw new PersimmonException(ErrorCode.INTERNAL, "B+tree root moved from " + baseRoot + " to " + root
                    + " while a batch was open");
        }
    }

    void published(long newRoot) {
        root = newRoot;
    }

    void batchEnded(Batch batch) {
        openBatch.compareAndSet(batch, null);
    }
}
