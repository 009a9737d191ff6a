package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.btree.BTree;
import io.persimmon.engine.btree.Batch;
import io.persimmon.engine.btree.Cursor;
import io.persimmon.engine.pool.Pool;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One index of the database (a primary key or a secondary index): a copy-on-write B+tree as of the
 * last checkpoint, plus the changes applied since, on the heap. Commits apply their TREE_PUT and
 * TREE_DELETE operations to the changes (the redo log makes them durable). A checkpoint
 * {@linkplain #freeze() freezes} the changes (under the commit lock: they are then exactly those
 * of the records up to its timestamp) and starts an empty change set that commits go on filling;
 * it then {@linkplain #writeFrozen() writes} the frozen changes into the tree with one
 * {@link Batch} while commits go on, and swaps in the new root in place of the frozen layer.
 *
 * <p>Readers take {@link #layers()} once and read the triple: the changes win over the frozen
 * changes, which win over the tree. A root and the frozen changes it absorbed are swapped
 * together, so a reader sees either the old root with the frozen changes and every change since,
 * or the new root with the changes since the freeze. Readers must hold a {@code ReaderEpochs}
 * guard while they read nodes, because the checkpoint frees the nodes the new root replaced.
 */
final class TreeStore {
    /** The value of a change that removes a key. */
    static final long REMOVED = BTree.NOT_FOUND;

    /** A root, the frozen changes being written over it (or null) and the changes over both. */
    record Layers(long root, Changes frozen, Changes changes) {}

    /** Orders keys as unsigned bytes. A class, not {@code Arrays::compareUnsigned}: recovery makes change sets first thing in a JVM. */
    private static final Comparator<byte[]> UNSIGNED = new Comparator<>() {
        @Override
        public int compare(byte[] a, byte[] b) {
            return Arrays.compareUnsigned(a, b);
        }
    };

    /**
     * Changes applied since a checkpoint (a key's value, or {@link #REMOVED}) in two parts. A key
     * above every key put before it is appended to an {@link AscendingRun}: key order for scans
     * and the checkpoint's batch, and a binary search for point lookups, with nothing allocated
     * per key. Any other key goes into a skip list (key order) and a hash map (point lookups: a
     * change set holds every key a commit put since the last checkpoint, tens of thousands on a
     * busy table, and a skip-list search costs a comparison and a cache miss or two at each of its
     * levels, where the hash costs one hash and about one comparison). A key in both parts (put
     * again after it was appended) is taken from the second, which holds its later value. A
     * table filled in key order (an increasing id, a timestamp) so appends every new key, and a
     * lookup of a key above the greatest one (a new row's duplicate check) ends with one
     * comparison. Everything is filled by the one writer (apply or recovery) before the commit
     * that put the key is visible.
     */
    static final class Changes {
        /** Keys above every key put before them, in order; the other keys are in {@link #ordered}. */
        private final AscendingRun appended = new AscendingRun();
        /** Keys put at or below the greatest key put before them; one also appended wins over its appended entry. */
        private final ConcurrentSkipListMap<byte[], Long> ordered = new ConcurrentSkipListMap<>(UNSIGNED);
        private final ConcurrentHashMap<HashedKey, Long> hashed;
        /**
         * The greatest key put (null: none), the last one appended, written after the run. A key
         * above it has no change, as a key above {@link LastKey} has no entry in the tree below.
         */
        private volatile byte[] greatest;

        /**
         * An empty change set whose hash map has room for {@code expected} keys: a checkpoint
         * starts the next one at the size of the one it froze, so that a table taking new keys at
         * a steady rate does not pay for the map's doublings (a tenth of an insert's time).
         */
        Changes(int expected) {
            // Room for twice as many: the next interval between checkpoints may take more keys,
            // and a map that outgrows its table copies it all (a twentieth of an insert's time).
            hashed = new ConcurrentHashMap<>(Math.max(16, 2 * expected));
        }

        /** The change of {@code key}, or null when there is none. */
        Long get(byte[] key) {
            byte[] g = greatest;
            if (g == null || Arrays.compareUnsigned(key, g) > 0) {
                return null;
            }
            Long changed = hashed.get(new HashedKey(key)); // a key put again after it was appended is here too
            return changed != null ? changed : appended.find(key);
        }

        void put(byte[] key, long value) {
            Long boxed = value;
            byte[] g = greatest;
            boolean above = g == null || Arrays.compareUnsigned(key, g) > 0;
            if (above) {
                appended.append(key, value);
                greatest = key; // after the run: a reader that sees it finds the key there
            } else {
                ordered.put(key, boxed);
                hashed.put(new HashedKey(key), boxed);
            }
        }

        boolean isEmpty() {
            return appended.isEmpty() && ordered.isEmpty();
        }

        /** Keys in the hash map, those not appended (an estimate while a writer puts). */
        int size() {
            return (int) Math.min(Integer.MAX_VALUE, hashed.mappingCount());
        }

        /** The changes with keys between the bounds (null: open), in key order or its reverse. */
        Iterator<Map.Entry<byte[], Long>> entries(byte[] low, boolean lowInclusive, byte[] high, boolean highInclusive,
                                                  boolean descending) {
            return new MergedChanges(slice(ordered, low, lowInclusive, high, highInclusive, descending),
                    appended.slice(low, lowInclusive, high, highInclusive, descending), descending);
        }

        /** Every change, in key order. */
        Iterator<Map.Entry<byte[], Long>> entries() {
            return entries(null, false, null, false, false);
        }
    }

    /** Two ordered runs of changes merged; on a key in both, the first's entry wins (it was put later). */
    private static final class MergedChanges implements Iterator<Map.Entry<byte[], Long>> {
        private final Iterator<Map.Entry<byte[], Long>> first;
        private final Iterator<Map.Entry<byte[], Long>> second;
        private final int direction;
        private Map.Entry<byte[], Long> a;
        private Map.Entry<byte[], Long> b;

        MergedChanges(Iterator<Map.Entry<byte[], Long>> first, Iterator<Map.Entry<byte[], Long>> second, boolean descending) {
            this.first = first;
            this.second = second;
            this.direction = descending ? -1 : 1;
            a = first.hasNext() ? first.next() : null;
            b = second.hasNext() ? second.next() : null;
        }

        @Override
        public boolean hasNext() {
            return a != null || b != null;
        }

        @Override
        public Map.Entry<byte[], Long> next() {
            if (a == null && b == null) {
                throw new java.util.NoSuchElementException();
            }
            int c = a == null ? 1 : b == null ? -1 : direction * Arrays.compareUnsigned(a.getKey(), b.getKey());
            Map.Entry<byte[], Long> e;
            if (c <= 0) {
                e = a;
                a = first.hasNext() ? first.next() : null;
                if (c == 0) {
                    b = second.hasNext() ? second.next() : null;
                }
            } else {
                e = b;
                b = second.hasNext() ? second.next() : null;
            }
            return e;
        }
    }

    /** A key as a hash map's key: its bytes compared by content, the hash ({@link io.persimmon.engine.KeyHash}) computed once. */
    static final class HashedKey {
        private final byte[] bytes;
        private final int hash;

        HashedKey(byte[] bytes) {
            this.bytes = bytes;
            this.hash = io.persimmon.engine.KeyHash.of(bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HashedKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
        }
    }

    /** The greatest key of the tree of {@code root} (null: none); a published tree never changes (T1). */
    private record LastKey(long root, byte[] key) {}

    final long id;
    private final BTree tree;
    /** The last key of the checkpointed root, found when first needed after the root changed. */
    private volatile LastKey lastKey;
    private volatile Layers layers;
    private final java.util.concurrent.atomic.AtomicLong removals = new java.util.concurrent.atomic.AtomicLong();

    TreeStore(Pool pool, long id, long root) {
        this.id = id;
        this.tree = new BTree(pool, root);
        this.layers = new Layers(root, null, newChanges());
    }

    private static Changes newChanges() {
        return new Changes(0);
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

    /**
     * Whether a node of this tree holds {@code key}. A longer key must be refused before anything
     * that gives it to the tree is committed: the tree takes it only at a checkpoint, which must
     * never fail on a committed key.
     */
    boolean holds(byte[] key) {
        return key.length <= tree.maxKeyLength();
    }

    /** LIMIT_EXCEEDED for a key of {@code length} bytes, {@code what} naming whose. */
    PersimmonException tooLong(int length, String what) {
        return new PersimmonException(ErrorCode.LIMIT_EXCEEDED, "a key of " + what + " would take " + length
                + " bytes, more than the " + tree.maxKeyLength() + " a key may take in a pool of "
                + tree.pageSize() + "-byte pages (a quarter of a page less 16)");
    }

    /** The value of {@code key}, or {@link BTree#NOT_FOUND}. */
    long get(byte[] key) {
        Layers l = layers;
        Long changed = l.changes().get(key);
        if (changed == null && l.frozen() != null) {
            changed = l.frozen().get(key);
        }
        if (changed != null) {
            return changed;
        }
        long root = l.root();
        if (root == 0) {
            return BTree.NOT_FOUND;
        }
        LastKey last = lastKey;
        if (last == null || last.root() != root) {
            last = new LastKey(root, tree.lastKey(root));
            lastKey = last;
        }
        if (last.key() == null || Arrays.compareUnsigned(key, last.key()) > 0) {
            // Above every key of the tree: a new key of a table filled in key order (an
            // increasing id, a timestamp) is answered without searching the tree for it.
            return BTree.NOT_FOUND;
        }
        return tree.get(root, key);
    }

    /** Applies a committed put (commit apply and recovery; the caller serialises writers). */
    void put(byte[] key, long value) {
        layers.changes().put(key, value);
    }

    /** Applies a committed delete. */
    void delete(byte[] key) {
        layers.changes().put(key, REMOVED);
        removals.incrementAndGet();
    }

    /**
     * A put that recovery replays: kept, in order, until {@link #applyReplayed()}, which the
     * caller runs before anything reads this tree (the end of the replay, or a catalog operation).
     */
    void putReplayed(byte[] key, long value) {
        if (replayed == null) {
            replayed = new Replayed();
        }
        replayed.add(key, value);
    }

    /** A delete that recovery replays (see {@link #putReplayed}). */
    void deleteReplayed(byte[] key) {
        putReplayed(key, REMOVED);
        removals.incrementAndGet();
    }

    /**
     * Puts the changes recovery replayed since the last call into the change set: the last change
     * of each key, which is what putting them one after another leaves, in key order. Put in
     * order into an empty change set, every key lands in its {@link AscendingRun}, an array store
     * each, where the keys of a secondary index, in the order their rows were written, each
     * walked and grew the skip list and the hash map (in a JVM that has just started, the
     * greater part of putting a replayed record's keys). One writer: recovery.
     */
    void applyReplayed() {
        Replayed r = replayed;
        if (r == null) {
            return;
        }
        replayed = null;
        Replayed.Change[] sorted = r.sorted();
        Changes changes = layers.changes();
        for (int i = 0; i < sorted.length; i++) {
            if (i + 1 < sorted.length && Arrays.equals(sorted[i].key, sorted[i + 1].key)) {
                continue; // a later change of the same key follows (the sort keeps their order)
            }
            changes.put(sorted[i].key, sorted[i].value);
        }
    }

    /** The changes recovery replayed into this tree and has not yet put into the change set, or null. */
    private Replayed replayed;

    /** Changes in the order they were replayed. */
    private static final class Replayed {
        /** One change. */
        static final class Change {
            final byte[] key;
            final long value;

            Change(byte[] key, long value) {
                this.key = key;
                this.value = value;
            }
        }

        /** Orders changes by key; a class, not a lambda (see {@link #UNSIGNED}). */
        private static final Comparator<Change> BY_KEY = new Comparator<>() {
            @Override
            public int compare(Change a, Change b) {
                return Arrays.compareUnsigned(a.key, b.key);
            }
        };

        private Change[] changes = new Change[64];
        private int count;

        void add(byte[] key, long value) {
            if (count == changes.length) {
                changes = Arrays.copyOf(changes, 2 * count);
            }
            changes[count++] = new Change(key, value);
        }

        /** The changes in key order, those of one key in the order they were replayed (a stable sort). */
        Change[] sorted() {
            Change[] sorted = Arrays.copyOf(changes, count);
            Arrays.sort(sorted, BY_KEY);
            return sorted;
        }
    }

    /**
     * How many deletes this tree has applied. A writer that looked a key up, and holds the key's
     * row lock, knows the entry it found still holds while this count has not moved: only
     * deletes (garbage collection's, for a primary tree) take an entry away, and puts of the key
     * need its lock.
     */
    long removals() {
        return removals.get();
    }

    /**
     * Sets the changes applied so far aside as the frozen layer and starts an empty change set.
     * The caller holds the commit lock with no record in flight, so the frozen changes are exactly
     * those of the records applied up to the checkpoint's timestamp. Returns whether there is
     * anything to write.
     */
    boolean freeze() {
        Layers l = layers;
        if (l.frozen() != null) {
            throw new IllegalStateException("tree " + id + " is already frozen by a checkpoint");
        }
        if (l.changes().isEmpty()) {
            return false;
        }
        layers = new Layers(l.root(), l.changes(), new Changes(l.changes().size()));
        return true;
    }

    /**
     * Writes the frozen changes into the tree (nodes flushed, not fenced: the checkpoint fences
     * them before the header names the new root, H1; replaced nodes freed, A3) and swaps in the
     * new root in place of the frozen layer. Commits may apply changes meanwhile: they go into
     * the change set above, which the swap keeps. Returns the new root.
     */
    long writeFrozen() {
        Layers l = layers;
        if (l.frozen() == null) {
            return l.root();
        }
        long root;
        try (Batch batch = tree.batch()) {
            for (Iterator<Map.Entry<byte[], Long>> it = l.frozen().entries(); it.hasNext(); ) {
                Map.Entry<byte[], Long> e = it.next();
                if (e.getValue() == REMOVED) {
                    batch.delete(e.getKey());
                } else {
                    batch.set(e.getKey(), e.getValue()); // a change: no need to look up the value it replaces
                }
            }
            root = batch.publish();
        }
        // Only the checkpoint replaces the layers, and commits write into the change set, which
        // is the same map before and after this swap: no change is lost.
        layers = new Layers(root, null, layers.changes());
        return root;
    }

    /**
     * A checkpoint that froze this tree failed before writing it: the frozen changes go back under
     * the changes made since (which win). The caller holds the commit lock with no record in flight.
     */
    void unfreeze() {
        Layers l = layers;
        if (l.frozen() == null) {
            return;
        }
        Changes merged = newChanges();
        for (Changes older : List.of(l.frozen(), l.changes())) {
            for (Iterator<Map.Entry<byte[], Long>> it = older.entries(); it.hasNext(); ) {
                Map.Entry<byte[], Long> e = it.next();
                merged.put(e.getKey(), e.getValue());
            }
        }
        layers = new Layers(l.root(), null, merged);
    }

    /** Entries with keys between the bounds (null: open), in key order or its reverse. */
    EntryCursor scan(byte[] low, boolean lowInclusive, byte[] high, boolean highInclusive, boolean descending) {
        Layers l = layers;
        if (low != null && high != null) {
            int c = Arrays.compareUnsigned(low, high);
            if (c > 0 || (c == 0 && !(lowInclusive && highInclusive))) {
                return EntryCursor.EMPTY;
            }
        }
        EntryCursor entries = l.root() == 0 ? EntryCursor.EMPTY
                : new NodeEntries(tree.scan(l.root(), low, lowInclusive, high, highInclusive, descending));
        if (l.frozen() != null) {
            entries = new MergedEntries(l.frozen().entries(low, lowInclusive, high, highInclusive, descending), entries, descending);
        }
        return new MergedEntries(l.changes().entries(low, lowInclusive, high, highInclusive, descending), entries, descending);
    }

    private static Iterator<Map.Entry<byte[], Long>> slice(NavigableMap<byte[], Long> changes, byte[] low, boolean lowInclusive,
                                                           byte[] high, boolean highInclusive, boolean descending) {
        if (low != null && high != null) {
            changes = changes.subMap(low, lowInclusive, high, highInclusive);
        } else if (low != null) {
            changes = changes.tailMap(low, lowInclusive);
        } else if (high != null) {
            changes = changes.headMap(high, highInclusive);
        }
        return (descending ? changes.descendingMap() : changes).entrySet().iterator();
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

    /** A tree's entries as an {@link EntryCursor}. */
    private record NodeEntries(Cursor nodes) implements EntryCursor {
        @Override
        public boolean next() {
            return nodes.next();
        }

        @Override
        public byte[] key() {
            return nodes.key();
        }

        @Override
        public long value() {
            return nodes.value();
        }
    }

    /** Changes merged over the entries below them: a change wins over the entry below for its key. */
    private static final class MergedEntries implements EntryCursor {
        private final Iterator<Map.Entry<byte[], Long>> changes;
        private final EntryCursor nodes;
        private final int direction;
        private Map.Entry<byte[], Long> change;
        private boolean nodeValid;
        private byte[] key;
        private long value;

        MergedEntries(Iterator<Map.Entry<byte[], Long>> changes, EntryCursor below, boolean descending) {
            this.changes = changes;
            this.nodes = below;
            this.direction = descending ? -1 : 1;
            this.change = changes.hasNext() ? changes.next() : null;
            this.nodeValid = below.next();
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
