package io.persimmon.engine.db;

import io.persimmon.engine.btree.BTree;
import io.persimmon.engine.btree.Batch;
import io.persimmon.engine.btree.Cursor;
import io.persimmon.engine.pool.Pool;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One index of the database (a primary key or a secondary index): a copy-on-write B+tree as of the
 * last checkpoint, plus the changes applied since, on the heap. Commits apply their TREE_PUT and
 * TREE_DELETE operations to the changes (the redo log makes them durable); a checkpoint writes the
 * changes into the tree with one {@link Batch} and starts an empty change set.
 *
 * <p>Readers take {@link #layers()} once and read the pair: a change set and the root it lies
 * over are swapped together, so a reader sees either the old root with every change since it, or
 * the new root with the changes since that. Readers must hold a {@code ReaderEpochs} guard while
 * they read nodes, because the checkpoint frees the nodes the new root replaced.
 */
final class TreeStore {
    /** The value of a change that removes a key. */
    static final long REMOVED = BTree.NOT_FOUND;

    /** A root and the changes over it. */
    record Layers(long root, ConcurrentSkipListMap<byte[], Long> changes) {}

    final long id;
    private final BTree tree;
    private volatile Layers layers;

    TreeStore(Pool pool, long id, long root) {
        this.id = id;
        this.tree = new BTree(pool, root);
        this.layers = new Layers(root, newChanges());
    }

    private static ConcurrentSkipListMap<byte[], Long> newChanges() {
        return new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    }

    Layers layers() {
        return layers;
    }

    /** The root as of the last checkpoint. */
    long root() {
        return layers.root();
    }

    int pageSize() {
        return tree.pageSize();
    }

    int maxKeyLength() {
        return tree.maxKeyLength();
    }

    /** The value of {@code key}, or {@link BTree#NOT_FOUND}. */
    long get(byte[] key) {
        Layers l = layers;
        Long changed = l.changes().get(key);
        if (changed != null) {
            return changed;
        }
        return tree.get(l.root(), key);
    }

    /** Applies a committed put (commit apply and recovery; the caller serialises writers). */
    void put(byte[] key, long value) {
        layers.changes().put(key, value);
    }

    /** Applies a committed delete. */
    void delete(byte[] key) {
        layers.changes().put(key, REMOVED);
    }

    boolean hasChanges() {
        return !layers.changes().isEmpty();
    }

    /**
     * Writes the changes into the tree (nodes flushed, not fenced: the checkpoint's first fence
     * covers them, H1; replaced nodes freed, A3) and swaps in the new root with an empty change
     * set. Returns the new root. The caller holds the commit lock, so no change arrives meanwhile.
     */
    long writeChanges() {
        Layers l = layers;
        if (l.changes().isEmpty()) {
            return l.root();
        }
        long root;
        try (Batch batch = tree.batch()) {
            for (Map.Entry<byte[], Long> e : l.changes().entrySet()) {
                if (e.getValue() == REMOVED) {
                    batch.delete(e.getKey());
                } else {
                    batch.put(e.getKey(), e.getValue());
                }
            }
            root = batch.publish();
        }
        layers = new Layers(root, newChanges());
        return root;
    }

    /** Entries with keys between the bounds (null: open), in key order or its reverse. */
    EntryCursor scan(byte[] low, boolean lowInclusive, byte[] high, boolean highInclusive, boolean descending) {
        Layers l = layers;
        NavigableMap<byte[], Long> changes = l.changes();
        if (low != null && high != null) {
            int c = Arrays.compareUnsigned(low, high);
            if (c > 0 || (c == 0 && !(lowInclusive && highInclusive))) {
                return EntryCursor.EMPTY;
            }
            changes = changes.subMap(low, lowInclusive, high, highInclusive);
        } else if (low != null) {
            changes = changes.tailMap(low, lowInclusive);
        } else if (high != null) {
            changes = changes.headMap(high, highInclusive);
        }
        if (descending) {
            changes = changes.descendingMap();
        }
        Cursor nodes = l.root() == 0 ? null : tree.scan(l.root(), low, lowInclusive, high, highInclusive, descending);
        return new MergedEntries(changes.entrySet().iterator(), nodes, descending);
    }

    /** Entries of the tree in order: {@link #next()} then {@link #key()} and {@link #value()}. */
    interface EntryCursor {
        EntryCursor EMPTY = new EntryCursor() {
            @Override
            public boolean next() {
                return false;
            }

            @Override
            public byte[] key() {
                throw new IllegalStateException();
            }

            @Override
            public long value() {
                throw new IllegalStateException();
            }
        };

        boolean next();

        byte[] key();

        long value();
    }

    /** The changes merged over the tree's entries: a change wins over the tree's entry for its key. */
    private static final class MergedEntries implements EntryCursor {
        private final Iterator<Map.Entry<byte[], Long>> changes;
        private final Cursor nodes;
        private final int direction;
        private Map.Entry<byte[], Long> change;
        private boolean nodeValid;
        private byte[] key;
        private long value;

        MergedEntries(Iterator<Map.Entry<byte[], Long>> changes, Cursor nodes, boolean descending) {
            this.changes = changes;
            this.nodes = nodes;
            this.direction = descending ? -1 : 1;
            this.change = changes.hasNext() ? changes.next() : null;
            this.nodeValid = nodes != null && nodes.next();
        }

        @Override
        public boolean next() {
            while (change != null || nodeValid) {
                int c;
                if (change == null) {
                    c = 1;
                } else if (!nodeValid) {
                    c = -1;
                } else {
                    c = direction * Arrays.compareUnsigned(change.getKey(), nodes.key());
                }
                if (c <= 0) {
                    byte[] k = change.getKey();
                    long v = change.getValue();
                    change = changes.hasNext() ? changes.next() : null;
                    if (c == 0) {
                        nodeValid = nodes.next();
                    }
                    if (v == REMOVED) {
                        continue;
                    }
                    key = k;
                    value = v;
                    return true;
                }
                key = nodes.key();
                value = nodes.value();
                nodeValid = nodes.next();
                return true;
            }
            return false;
        }

        @Override
        public byte[] key() {
            return key;
        }

        @Override
        public long value() {
            return value;
        }
    }
}
