package io.persimmon.engine.btree;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

import static io.persimmon.engine.btree.NodeLayout.*;

/**
 * A node being changed by a {@link Batch}, decoded on the heap. Nothing outside the batch can see
 * it, so it is changed in place as often as the batch likes; {@link #encode} writes it once, packed,
 * when the batch publishes. A copy of a published node remembers the block it came from
 * ({@link #origin}), which the batch frees.
 *
 * <p>A branch's child {@code i} is either clean (a published node at {@code childOffsets[i]}) or
 * dirty ({@code childNodes[i]}, written before the branch).
 */
final class MutableNode {
    final boolean leaf;
    int level;
    /** Block this node was copied from, 0 when the batch created it. */
    final long origin;
    byte[][] keys;
    int count;
    int keyBytes;
    /** Leaf: the values. */
    long[] values;
    /** Branch: offsets of clean children (meaningless where {@link #childNodes} is set). */
    long[] childOffsets;
    /** Branch: dirty children, null where the child is clean. */
    MutableNode[] childNodes;

    private MutableNode(boolean leaf, int level, long origin, int capacity) {
        this.leaf = leaf;
        this.level = level;
        this.origin = origin;
        this.keys = new byte[Math.max(4, capacity)][];
        if (leaf) {
            values = new long[keys.length];
        } else {
            childOffsets = new long[keys.length + 1];
            childNodes = new MutableNode[keys.length + 1];
        }
    }

    static MutableNode newLeaf() {
        return new MutableNode(true, 0, 0, 8);
    }

    /** A new branch of one dirty child. */
    static MutableNode newBranch(MutableNode onlyChild) {
        MutableNode branch = new MutableNode(false, onlyChild.level + 1, 0, 8);
        branch.childNodes[0] = onlyChild;
        return branch;
    }

    /**
     * A node of the given content, as it is (nothing is checked: bulk loading, and tests that
     * build damaged trees): {@code pointers} are the values of a leaf or the child offsets of a branch.
     */
    static MutableNode of(boolean leaf, int level, byte[][] keys, long[] pointers) {
        MutableNode node = new MutableNode(leaf, level, 0, keys.length);
        node.setContent(keys, leaf ? pointers : null, leaf ? null : pointers,
                leaf ? null : new MutableNode[pointers.length], 0, keys.length);
        return node;
    }

    /**
     * A dirty copy of a published node. Its bytes are copied to the heap in one piece and decoded
     * there with plain array code: reading each key and value through the pool's segment cost a
     * cold JVM several times as much (the checkpoint that ends recovery copies every leaf the
     * replayed keys reach, and runs before the JIT has compiled any of this). The key ends are
     * checked as {@link Node#key} checks them.
     */
    static MutableNode copyOf(Node node) {
        int n = node.count();
        boolean leaf = node.isLeaf();
        MutableNode copy = new MutableNode(leaf, node.level(), node.offset(), n + 4);
        byte[] b = node.bytes();
        int ends = keyEndsOffset(leaf, n);
        int keys = keysOffset(leaf, n);
        int start = 0;
        for (int i = 0; i < n; i++) {
            int at = ends + KEY_END_SIZE * i;
            int end = (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
            if (end < start || keys + end > b.length) {
                throw node.keyOutside(i, start, end);
            }
            copy.keys[i] = Arrays.copyOfRange(b, keys + start, keys + end);
            copy.keyBytes += end - start;
            start = end;
        }
        node.copyPointers(leaf ? copy.values : copy.childOffsets);
        copy.count = n;
        return copy;
    }

    /** Bytes the node takes when written. */
    int used() {
        return NodeLayout.used(leaf, count, keyBytes);
    }

    int children() {
        return count + 1;
    }

    // ------------------------------------------------------------------ searching

    /** Index of {@code key}, or {@code -(insertion point) - 1}. */
    int search(byte[] key) {
        int low = 0;
        int high = count - 1;
        // Keys past the last one first: a table filled in key order (an increasing id, a
        // timestamp) appends at the end of the rightmost nodes, and a checkpoint sets its new keys
        // in ascending order, so most of them end here with one comparison instead of a search.
        if (high >= 0 && Arrays.compareUnsigned(keys[high], key) < 0) {
            return -(count + 1);
        }
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = Arrays.compareUnsigned(keys[mid], key);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    /** In a branch, the child that may hold {@code key}: the number of separators &lt;= it. */
    int childIndex(byte[] key) {
        int i = search(key);
        return i >= 0 ? i + 1 : -i - 1;
    }

    // ------------------------------------------------------------------ changing

    private void ensureCapacity(int n) {
        if (n <= keys.length) {
            return;
        }
        int capacity = Math.max(n, keys.length * 2);
        keys = Arrays.copyOf(keys, capacity);
        if (leaf) {
            values = Arrays.copyOf(values, capacity);
        } else {
            childOffsets = Arrays.copyOf(childOffsets, capacity + 1);
            childNodes = Arrays.copyOf(childNodes, capacity + 1);
        }
    }

    /** Leaf: inserts {@code key -> value} at {@code i}. */
    void insertEntry(int i, byte[] key, long value) {
        ensureCapacity(count + 1);
        System.arraycopy(keys, i, keys, i + 1, count - i);
        System.arraycopy(values, i, values, i + 1, count - i);
        keys[i] = key;
        values[i] = value;
        keyBytes += key.length;
        count++;
    }

    /** Leaf: removes entry {@code i}. */
    void removeEntry(int i) {
        keyBytes -= keys[i].length;
        System.arraycopy(keys, i + 1, keys, i, count - i - 1);
        System.arraycopy(values, i + 1, values, i, count - i - 1);
        count--;
        keys[count] = null;
    }

    /** Branch: inserts separator {@code key} at {@code i} and the dirty child {@code right} after it. */
    void insertChild(int i, byte[] key, MutableNode right) {
        ensureCapacity(count + 1);
        System.arraycopy(keys, i, keys, i + 1, count - i);
        System.arraycopy(childOffsets, i + 1, childOffsets, i + 2, count - i);
        System.arraycopy(childNodes, i + 1, childNodes, i + 2, count - i);
        keys[i] = key;
        keyBytes += key.length;
        childOffsets[i + 1] = 0;
        childNodes[i + 1] = right;
        count++;
    }

    /** Branch: removes separator {@code i} and child {@code i + 1}. */
    void removeChild(int i) {
        keyBytes -= keys[i].length;
        System.arraycopy(keys, i + 1, keys, i, count - i - 1);
        System.arraycopy(childOffsets, i + 2, childOffsets, i + 1, count - i - 1);
        System.arraycopy(childNodes, i + 2, childNodes, i + 1, count - i - 1);
        count--;
        keys[count] = null;
        childNodes[count + 1] = null;
    }

    /** Replaces key {@code i}. */
    void setKey(int i, byte[] key) {
        keyBytes += key.length - keys[i].length;
        keys[i] = key;
    }

    /** Replaces the whole content: keys [from, to) of {@code source} and their values or children. */
    void setContent(byte[][] sourceKeys, long[] sourceValues, long[] sourceOffsets, MutableNode[] sourceNodes,
                    int from, int to) {
        int n = to - from;
        keys = new byte[Math.max(4, n + 4)][];
        System.arraycopy(sourceKeys, from, keys, 0, n);
        keyBytes = 0;
        for (int i = 0; i < n; i++) {
            keyBytes += keys[i].length;
        }
        if (leaf) {
            values = Arrays.copyOf(Arrays.copyOfRange(sourceValues, from, to), keys.length);
        } else {
            childOffsets = new long[keys.length + 1];
            childNodes = new MutableNode[keys.length + 1];
            System.arraycopy(sourceOffsets, from, childOffsets, 0, n + 1);
            System.arraycopy(sourceNodes, from, childNodes, 0, n + 1);
        }
        count = n;
    }

    /** A new, empty node of the same kind and level (the right half of a split). */
    MutableNode sibling() {
        return new MutableNode(leaf, level, 0, 4);
    }

    // ------------------------------------------------------------------ writing

    /**
     * Encodes the node into {@code buffer} (at least {@link #used()} bytes), checksum included;
     * every dirty child must already have its offset in {@link #childOffsets}. Returns the used bytes.
     */
    int encode(byte[] buffer) {
        int used = used();
        ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC_OFFSET, leaf ? LEAF_MAGIC : BRANCH_MAGIC);
        b.put(LEVEL_OFFSET, (byte) level);
        b.put(RESERVED_OFFSET, (byte) 0);
        b.putShort(COUNT_OFFSET, (short) count);
        b.putInt(USED_OFFSET, used);
        b.putInt(CRC_OFFSET, 0);
        // The entries with plain array stores, not the buffer's: a checkpoint encodes every node
        // it writes, the one that ends recovery before the JIT has compiled any of this.
        int at = POINTERS_OFFSET;
        long[] pointers = leaf ? values : childOffsets;
        for (int i = 0; i < pointers(leaf, count); i++, at += POINTER_SIZE) {
            long v = pointers[i];
            for (int k = 0; k < Long.BYTES; k++) {
                buffer[at + k] = (byte) (v >>> (8 * k));
            }
        }
        int end = 0;
        int keysAt = keysOffset(leaf, count);
        for (int i = 0; i < count; i++, at += KEY_END_SIZE) {
            System.arraycopy(keys[i], 0, buffer, keysAt + end, keys[i].length);
            end += keys[i].length;
            buffer[at] = (byte) end;
            buffer[at + 1] = (byte) (end >>> 8);
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer, 0, CRC_OFFSET);
        crc.update(buffer, HEADER, used - HEADER);
        b.putInt(CRC_OFFSET, (int) crc.getValue());
        return used;
    }
}
