package io.persimmon.engine.btree;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pmem.PoolLayouts;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import static io.persimmon.engine.btree.NodeLayout.*;

/**
 * A read-only view of one node in the pool (see {@link NodeLayout}). Opening a view checks the
 * header against the page (magic and kind, level, count and used bytes), and every key access
 * checks its bounds, so a damaged node is reported as {@link PersimmonException#corrupt} with
 * its offset rather than read out of bounds; {@link #verifyChecksum()} checks the CRC32C.
 */
public final class Node {
    private final MemorySegment pool;
    private final long offset;
    private final boolean leaf;
    private final int level;
    private final int count;
    private final int used;
    private final long keyEnds;
    private final long keys;
    /** The end of the node's page: the bytes after its used ones up to here are its block's, in the pool. */
    private final long blockEnd;

    private Node(MemorySegment pool, long offset, boolean leaf, int level, int count, int used, int pageSize) {
        this.pool = pool;
        this.offset = offset;
        this.leaf = leaf;
        this.level = level;
        this.count = count;
        this.used = used;
        this.keyEnds = offset + keyEndsOffset(leaf, count);
        this.keys = offset + keysOffset(leaf, count);
        this.blockEnd = offset + pageSize;
    }

    /** Opens the node at {@code offset}, checking its header; throws CORRUPT naming the offset. */
    public static Node read(MemorySegment pool, long offset, int pageSize) {
        if (offset <= 0 || offset % 64 != 0 || offset > pool.byteSize() - pageSize) {
            throw PersimmonException.corrupt(offset, "B+tree node offset is not a " + pageSize
                    + "-byte block inside the pool (" + pool.byteSize() + " bytes)");
        }
        int magic = pool.get(PoolLayouts.INT, offset + MAGIC_OFFSET);
        boolean leaf = magic == LEAF_MAGIC;
        if (!leaf && magic != BRANCH_MAGIC) {
            throw PersimmonException.corrupt(offset, "not a B+tree node (magic 0x" + Integer.toHexString(magic) + ")");
        }
        int level = Byte.toUnsignedInt(pool.get(PoolLayouts.BYTE, offset + LEVEL_OFFSET));
        if (leaf != (level == 0) || level > MAX_LEVEL) {
            throw PersimmonException.corrupt(offset, "B+tree " + (leaf ? "leaf" : "branch") + " at level " + level);
        }
        int count = Short.toUnsignedInt(pool.get(PoolLayouts.SHORT, offset + COUNT_OFFSET));
        int used = pool.get(PoolLayouts.INT, offset + USED_OFFSET);
        int keysStart = keysOffset(leaf, count);
        if (used < keysStart || used > pageSize) {
            throw PersimmonException.corrupt(offset, "B+tree node of " + count + " keys claims " + used
                    + " used bytes (page " + pageSize + ")");
        }
        Node node = new Node(pool, offset, leaf, level, count, used, pageSize);
        if (count > 0 && node.keyEnd(count - 1) != used - keysStart) {
            throw PersimmonException.corrupt(offset, "B+tree node key bytes end at " + node.keyEnd(count - 1)
                    + ", not at its used size");
        }
        return node;
    }

    /** The CRC32C that {@link NodeLayout#CRC_OFFSET} must hold for the node's current bytes. */
    static int computeChecksum(MemorySegment pool, long offset, int used) {
        CRC32C crc = new CRC32C();
        crc.update(pool.asSlice(offset, CRC_OFFSET).asByteBuffer());
        crc.update(pool.asSlice(offset + HEADER, used - HEADER).asByteBuffer());
        return (int) crc.getValue();
    }

    /** Throws CORRUPT, naming the offset, unless the stored CRC32C matches the node's bytes. */
    public Node verifyChecksum() {
        int stored = pool.get(PoolLayouts.INT, offset + CRC_OFFSET);
        int computed = computeChecksum(pool, offset, used);
        if (stored != computed) {
            throw PersimmonException.corrupt(offset, "B+tree node fails its checksum (stored 0x"
                    + Integer.toHexString(stored) + ", bytes give 0x" + Integer.toHexString(computed) + ")");
        }
        return this;
    }

    public long offset() {
        return offset;
    }

    public boolean isLeaf() {
        return leaf;
    }

    public int level() {
        return level;
    }

    /** Keys in the node (a branch has one child more). */
    public int count() {
        return count;
    }

    /** Bytes [0, used) of the block that the node occupies. */
    public int used() {
        return used;
    }

    /** Value {@code i} of a leaf. */
    public long value(int i) {
        return pool.get(PoolLayouts.LONG, offset + POINTERS_OFFSET + (long) POINTER_SIZE * i);
    }

    /** Offset of child {@code i} (0 to count) of a branch. */
    public long child(int i) {
        return pool.get(PoolLayouts.LONG, offset + POINTERS_OFFSET + (long) POINTER_SIZE * i);
    }

    private int keyEnd(int i) {
        return Short.toUnsignedInt(pool.get(PoolLayouts.SHORT, keyEnds + (long) KEY_END_SIZE * i));
    }

    private int keyStart(int i) {
        return i == 0 ? 0 : keyEnd(i - 1);
    }

    /** Bytes of key {@code i}. */
    public int keyLength(int i) {
        return checkedEnd(i) - keyStart(i);
    }

    private int checkedEnd(int i) {
        int start = keyStart(i);
        int end = keyEnd(i);
        if (end < start || keys + end > offset + used) {
            throw keyOutside(i, start, end);
        }
        return end;
    }

    /** CORRUPT: key {@code i}'s ends [{@code start}, {@code end}) do not lie in the node's used bytes. */
    PersimmonException keyOutside(int i, int start, int end) {
        return PersimmonException.corrupt(offset, "B+tree node key " + i + " spans [" + start + ", " + end
                + ") outside its " + used + " used bytes");
    }

    /** Copies the values (leaf) or child offsets (branch) into the start of {@code into}, in one piece. */
    void copyPointers(long[] into) {
        MemorySegment.copy(pool, PoolLayouts.LONG, offset + POINTERS_OFFSET, into, 0, pointers(leaf, count));
    }

    /** The node's used bytes, [0, {@link #used()}), copied to the heap in one piece. */
    byte[] bytes() {
        byte[] copy = new byte[used];
        MemorySegment.copy(pool, PoolLayouts.BYTE, offset, copy, 0, used);
        return copy;
    }

    /** A copy of key {@code i}. */
    public byte[] key(int i) {
        int end = checkedEnd(i);
        int start = keyStart(i);
        byte[] key = new byte[end - start];
        MemorySegment.copy(pool, PoolLayouts.BYTE, keys + start, key, 0, key.length);
        return key;
    }

    /** Big-endian longs of a key's bytes: compared as unsigned, they order as the bytes do. */
    private static final ValueLayout.OfLong KEY_WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /**
     * {@code key[0, length)} as big-endian longs, the last one padded with zero bytes: what
     * {@link #compareKey(int, long[], int)} compares a node's keys with. A search makes it once and
     * compares it at every probe, a word at a time.
     */
    public static long[] keyWords(byte[] key, int length) {
        long[] words = new long[(length + Long.BYTES - 1) / Long.BYTES];
        for (int j = 0; j < length; j++) {
            words[j >>> 3] |= (long) Byte.toUnsignedInt(key[j]) << (Long.SIZE - Byte.SIZE * (1 + (j & 7)));
        }
        return words;
    }

    /** {@link #compareKey(int, long[], int)} of {@code key[0, length)}. */
    public int compareKey(int i, byte[] key, int length) {
        return compareKey(i, keyWords(key, length), length);
    }

    /**
     * Compares key {@code i} with the key of {@code length} bytes whose {@link #keyWords} are
     * {@code words}, as unsigned bytes: negative when key {@code i} sorts first. Eight bytes at a
     * time (big-endian longs compare as their bytes do); the last one to seven common bytes as one
     * word masked to them, read in one piece while eight bytes from there are still the node's
     * page (an INTEGER key's five bytes are one read of the pool at each probe); the key's bounds
     * are checked against the node's used bytes first.
     */
    public int compareKey(int i, long[] words, int length) {
        int start = keyStart(i);
        int end = keyEnd(i);
        if (end < start || keys + end > offset + used) {
            throw keyOutside(i, start, end);
        }
        int keyLength = end - start;
        long from = keys + start;
        int common = Math.min(keyLength, length);
        int j = 0;
        for (; j + Long.BYTES <= common; j += Long.BYTES) {
            long mine = pool.get(KEY_WORD, from + j);
            long theirs = words[j >>> 3];
            if (mine != theirs) {
                return Long.compareUnsigned(mine, theirs);
            }
        }
        int rest = common - j;
        if (rest > 0) {
            long mask = -1L << (Long.SIZE - Byte.SIZE * rest);
            long mine;
            if (from + j + Long.BYTES <= blockEnd) {
                mine = pool.get(KEY_WORD, from + j) & mask; // the bytes after them (the next key's) masked off
            } else {
                mine = 0;
                for (int b = 0; b < rest; b++) {
                    mine |= (long) Byte.toUnsignedInt(pool.get(PoolLayouts.BYTE, from + j + b)) << (Long.SIZE - Byte.SIZE * (b + 1));
                }
            }
            long theirs = words[j >>> 3] & mask;
            if (mine != theirs) {
                return Long.compareUnsigned(mine, theirs);
            }
        }
        return Integer.compare(keyLength, length); // equal so far: the shorter (a prefix) sorts first
    }

    /** Index of {@code key[0, length)} in this node, or {@code -(insertion point) - 1} when absent. */
    public int search(byte[] key, int length) {
        long[] words = keyWords(key, length);
        int low = 0;
        int high = count - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = compareKey(mid, words, length);
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

    /** Index of {@code key} in this node, or {@code -(insertion point) - 1} when absent. */
    public int search(byte[] key) {
        return search(key, key.length);
    }

    /** Number of keys that are &lt;= {@code key}: in a branch, the child that may hold it. */
    public int upperBound(byte[] key) {
        int i = search(key);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** Number of keys that are &lt; {@code key}: in a leaf, the first key &gt;= it. */
    public int lowerBound(byte[] key) {
        int i = search(key);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public String toString() {
        return (leaf ? "leaf" : "branch") + "@" + offset + "[level " + level + ", " + count + " keys, " + used + " bytes]";
    }
}
