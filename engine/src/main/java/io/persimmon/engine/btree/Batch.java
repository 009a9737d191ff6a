package io.persimmon.engine.btree;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.alloc.Allocator;
import io.persimmon.engine.pool.Pool;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The one writer of a {@link BTree}: a set of changes that {@link #publish()} turns into a new
 * root, copy-on-write. A node reachable from a published root is never modified: the first change
 * that reaches a published node copies it (once per batch) into a {@link MutableNode} on the heap,
 * and the path above it with it; later changes in the batch change the copy in place, since
 * nothing else can see it. Nothing is written to the pool before {@link #publish()}, so a batch
 * that is closed without publishing costs nothing.
 *
 * <p>{@link #publish()} writes every new node once, packed, and flushes it without fencing; frees
 * the nodes it replaced; and returns the new root. The caller then makes the root durable with a
 * checkpoint (whose first fence covers the new nodes, rule H1), and, with {@link ReaderEpochs},
 * advances the epoch once readers can no longer pick up the old root.
 *
 * <p>One batch at a time per tree, and one thread per batch: the caller serialises writers.
 */
public final class Batch implements AutoCloseable {
    private enum State { OPEN, PUBLISHED, CLOSED, FAILED }

    private final BTree tree;
    private final Pool pool;
    private final int pageSize;
    private final Balancer balancer;
    private final long baseRoot;
    /** The root when it has not changed (or 0 once the batch emptied the tree); see {@link #dirtyRoot}. */
    private long cleanRoot;
    /** The changed root, or null. */
    private MutableNode dirtyRoot;
    /** Published nodes this batch copied or dropped: freed at publish. */
    private final List<Long> replaced = new ArrayList<>();
    private final byte[] buffer;
    private State state = State.OPEN;
    /** {@link #dirtyChild} for the balancer: one object, not a method reference made at every level of every put. */
    private final Balancer.Copier copier = new Balancer.Copier() {
        @Override
        public MutableNode dirtyChild(MutableNode parent, int i) {
            return Batch.this.dirtyChild(parent, i);
        }
    };

    Batch(BTree tree, Pool pool, long baseRoot) {
        this.tree = tree;
        this.pool = pool;
        this.pageSize = tree.pageSize();
        this.balancer = new Balancer(pageSize, tree.stats());
        this.baseRoot = baseRoot;
        this.cleanRoot = baseRoot;
        this.buffer = new byte[pageSize];
    }

    /** The root this batch started from. */
    public long baseRoot() {
        return baseRoot;
    }

    /** The value of {@code key} as this batch has left it, or {@link BTree#NOT_FOUND}. */
    public long get(byte[] key) {
        checkOpen();
        MutableNode node = dirtyRoot;
        if (node == null) {
            return tree.get(cleanRoot, key);
        }
        while (!node.leaf) {
            int c = node.childIndex(key);
            if (node.childNodes[c] == null) {
                return tree.lookup(pool.segment(), node.childOffsets[c], node.level - 1, key);
            }
            node = node.childNodes[c];
        }
        int i = node.search(key);
        return i >= 0 ? node.values[i] : BTree.NOT_FOUND;
    }

    /**
     * Sets {@code key} to {@code value} (insert or replace) and returns the previous value, or
     * {@link BTree#NOT_FOUND}. A key longer than {@link BTree#maxKeyLength()} is refused with
     * INVALID_VALUE; the value {@link BTree#NOT_FOUND} is reserved.
     */
    public long put(byte[] key, long value) {
        requireStorable(key, value);
        long previous = get(key);
        if (previous != value) {
            write(key, value);
        }
        return previous;
    }

    /**
     * Sets {@code key} to {@code value} (insert or replace) without looking up its previous value
     * first: for a caller that knows the key changes (a checkpoint writing the changes applied
     * since the last one). {@link #put} copies nothing when the value is already there; this
     * copies the path to the key's leaf all the same, which leaves the same entries. The lookup
     * it saves reads each node of the path through the pool before the copy reads it again, and
     * was a third of the opening checkpoint of a cold JVM.
     */
    public void set(byte[] key, long value) {
        requireStorable(key, value);
        write(key, value);
    }

    /** Refuses a closed batch, a key too long for the tree and the reserved value. */
    private void requireStorable(byte[] key, long value) {
        checkOpen();
        tree.checkKey(key);
        if (value == BTree.NOT_FOUND) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "the value " + BTree.NOT_FOUND
                    + " (Long.MIN_VALUE) is reserved for NOT_FOUND and cannot be stored in a B+tree");
        }
    }

    /** Inserts or replaces the key's entry in the copied path, growing the root when it split. */
    private void write(byte[] key, long value) {
        MutableNode root = dirtyRoot();
        insert(root, key.clone(), value);
        dirtyRoot = balancer.growRoot(root);
    }

    /** Removes {@code key}; returns its value, or {@link BTree#NOT_FOUND} (then nothing is copied). */
    public long delete(byte[] key) {
        checkOpen();
        long previous = get(key);
        if (previous == BTree.NOT_FOUND) {
            return previous;
        }
        remove(dirtyRoot(), key);
        shrinkRoot();
        return previous;
    }

    private void insert(MutableNode node, byte[] key, long value) {
        if (node.leaf) {
            int i = node.search(key);
            if (i >= 0) {
                node.values[i] = value;
            } else {
                node.insertEntry(-i - 1, key, value);
            }
            return;
        }
        int c = node.childIndex(key);
        insert(dirtyChild(node, c), key, value);
        balancer.fixChild(node, c, copier);
    }

    private void remove(MutableNode node, byte[] key) {
        if (node.leaf) {
            node.removeEntry(node.search(key)); // present: get() found it
            return;
        }
        int c = node.childIndex(key);
        remove(dirtyChild(node, c), key);
        balancer.fixChild(node, c, copier);
    }

    /** A root branch of one child gives way to the child; an empty root leaf leaves an empty tree. */
    private void shrinkRoot() {
        while (dirtyRoot != null && !dirtyRoot.leaf && dirtyRoot.count == 0) {
            MutableNode only = dirtyRoot.childNodes[0];
            if (only == null) {
                cleanRoot = dirtyRoot.childOffsets[0];
            }
            dirtyRoot = only;
        }
        if (dirtyRoot != null && dirtyRoot.leaf && dirtyRoot.count == 0) {
            dirtyRoot = null;
            cleanRoot = 0;
        }
        if (dirtyRoot != null) {
            dirtyRoot = balancer.growRoot(dirtyRoot); // a longer separator may have overfilled it
        }
    }

    private MutableNode dirtyRoot() {
        if (dirtyRoot == null) {
            dirtyRoot = cleanRoot == 0 ? MutableNode.newLeaf() : copy(cleanRoot, -1);
            cleanRoot = 0;
        }
        return dirtyRoot;
    }

    private MutableNode dirtyChild(MutableNode parent, int i) {
        MutableNode child = parent.childNodes[i];
        if (child == null) {
            child = copy(parent.childOffsets[i], parent.level - 1);
            parent.childNodes[i] = child;
        }
        return child;
    }

    /** Copies a published node (once: the copy replaces it in its parent); its block is freed at publish. */
    private MutableNode copy(long offset, int expectedLevel) {
        Node node = tree.readNode(pool.segment(), offset, expectedLevel);
        replaced.add(offset);
        tree.stats().copied();
        return MutableNode.copyOf(node);
    }

    /**
     * Writes the new nodes and returns the new root (0 for an empty tree), which becomes
     * {@link BTree#root()}. The new nodes are flushed, not fenced; the nodes this batch replaced
     * are freed. The caller publishes the root durably with {@code pool.checkpoint} and then, with
     * readers, calls {@link ReaderEpochs#advance()}. A fence covers only the flushes of its own
     * thread: checkpoint on the thread that published, or have it {@code fence()} before another
     * thread's checkpoint names the root (H1).
     *
     * <p>If the pool is full ({@code POOL_FULL}), the blocks written so far are returned, nothing
     * is freed, the root stays as it was, and the batch is finished.
     */
    public long publish() {
        checkOpen();
        tree.requireRoot(baseRoot);
        List<Long> written = new ArrayList<>();
        long newRoot;
        try {
            newRoot = dirtyRoot == null ? cleanRoot : write(dirtyRoot, written);
        } catch (RuntimeException e) {
            // Nothing names the blocks written so far: return them, and leave the tree as it was.
            for (long offset : written) {
                pool.allocator().release(offset, pageSize);
            }
            end(State.FAILED);
            throw e;
        }
        Allocator allocator = pool.allocator();
        // A3: the replaced nodes are freed before the checkpoint that publishes the new root, so
        // that checkpoint's bitmap lists them free. A2 and A4: the allocator reuses them only once
        // no durable header and no reader (the ReuseGate, ReaderEpochs) can reach them.
        for (long offset : replaced) {
            allocator.free(offset, pageSize);
        }
        tree.stats().freed(replaced.size());
        tree.stats().published();
        tree.published(newRoot);
        end(State.PUBLISHED);
        return newRoot;
    }

    private long write(MutableNode node, List<Long> written) {
        if (!node.leaf) {
            for (int i = 0; i <= node.count; i++) {
                if (node.childNodes[i] != null) {
                    node.childOffsets[i] = write(node.childNodes[i], written);
                }
            }
        }
        long offset = pool.allocator().allocate(pageSize);
        written.add(offset);
        int used = node.encode(buffer);
        MemorySegment.copy(buffer, 0, pool.segment(), ValueLayout.JAVA_BYTE, offset, used);
        // H1: flushed now, not fenced: the checkpoint that names the new root fences it first.
        pool.persistence().flush(offset, used);
        tree.stats().written(used);
        return offset;
    }

    /** Abandons the batch if it was not published: nothing was written, nothing is freed. */
    @Override
    public void close() {
        if (state == State.OPEN) {
            end(State.CLOSED);
        }
    }

    private void end(State next) {
        state = next;
        tree.batchEnded(this);
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw new PersimmonException(ErrorCode.CLOSED, "this B+tree batch is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
