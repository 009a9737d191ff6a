package io.persimmon.engine.btree;

/**
 * Layout of a B+tree node: one pool block of the pool's page size, written once, packed, by the
 * batch that creates it, and never modified while a root can reach it.
 *
 * <pre>
 * OFFSET       SIZE        DESCRIPTION
 *      0          3        magic: ASCII "PBT" (50 42 54)
 *      3          1        kind: 'L' (0x4C) a leaf, 'B' (0x42) a branch
 *      4          1        level: 0 for a leaf; a branch is one level above its children
 *      5          1        reserved (0)
 *      6          2        count n: keys in the node (a branch has n separator keys and n + 1 children)
 *      8          4        used: bytes [0, used) of the block are the node; the rest is not part of it
 *     12          4        CRC32C of bytes [0, 12) followed by bytes [16, used)
 *     16      8 * m        leaf: the n values; branch: the n + 1 child node offsets (m = n or n + 1)
 * 16 + 8m     2 * n        key ends: key i is bytes [K + end(i - 1), K + end(i)) with end(-1) = 0
 *      K   end(n - 1)      key bytes, packed in key order; K = 16 + 8m + 2n and used = K + end(n - 1)
 *
 *  block of pageSize bytes, 64-byte aligned
 *  +--------+---------------------------+---------------+-----------------------+ - - - - - - +
 *  | header | values (leaf) or child    | key ends      | key bytes, packed,    |  not part   |
 *  | 16 B   | offsets (branch), 8 B     | 2 B each (n)  | in key order          |  of the node|
 *  |        | each (n or n + 1)         |               |                       |             |
 *  +--------+---------------------------+---------------+-----------------------+ - - - - - - +
 *  0        16                          16 + 8m         K                       used          pageSize
 * </pre>
 *
 * <p>Integers are little-endian. Keys compare as unsigned bytes, a prefix before its extensions.
 * In a branch, child i holds the keys k with key(i - 1) &lt;= k &lt; key(i) (no bound below
 * child 0, none above child n); a separator need not be a key of the tree (it is the shortest
 * prefix that separates the two children when a leaf splits).
 *
 * <p>An empty tree has no node: its root offset is 0.
 */
public final class NodeLayout {
    /** Bytes of the node header. */
    public static final int HEADER = 16;
    /** Magic and kind of a leaf, as the little-endian int at offset 0: "PBTL". */
    public static final int LEAF_MAGIC = 0x4C544250;
    /** Magic and kind of a branch, as the little-endian int at offset 0: "PBTB". */
    public static final int BRANCH_MAGIC = 0x42544250;
    public static final byte KIND_LEAF = 'L';
    public static final byte KIND_BRANCH = 'B';

    public static final int MAGIC_OFFSET = 0;
    public static final int KIND_OFFSET = 3;
    public static final int LEVEL_OFFSET = 4;
    public static final int RESERVED_OFFSET = 5;
    public static final int COUNT_OFFSET = 6;
    public static final int USED_OFFSET = 8;
    public static final int CRC_OFFSET = 12;
    /** Start of the values (leaf) or child offsets (branch). */
    public static final int POINTERS_OFFSET = 16;

    /** Bytes of a value or a child offset. */
    public static final int POINTER_SIZE = 8;
    /** Bytes of a key end. */
    public static final int KEY_END_SIZE = 2;
    /** Bytes a key costs besides its own bytes: its value (or child offset) and its key end. */
    public static final int ENTRY_OVERHEAD = POINTER_SIZE + KEY_END_SIZE;
    /** Highest level a node may have: a tree of fanout 3 or more never gets near it. */
    public static final int MAX_LEVEL = 40;

    private NodeLayout() {}

    /**
     * The longest key a tree of {@code pageSize} pages accepts: a quarter of the page less 16 bytes,
     * so that any four entries fit in a node beside its header and a branch's extra child. That
     * is what makes a split of an overflowing node, or a redistribution, always yield two halves
     * that fit, each at least a quarter full.
     */
    public static int maxKeyLength(int pageSize) {
        return pageSize / 4 - 16;
    }

    /** Fill rule: a node other than the root uses at least this many bytes (a quarter of the page). */
    public static int minUsed(int pageSize) {
        return pageSize / 4;
    }

    /** Number of values (leaf) or children (branch) of a node with {@code count} keys. */
    public static int pointers(boolean leaf, int count) {
        return leaf ? count : count + 1;
    }

    /** Offset of the key ends within a node. */
    public static int keyEndsOffset(boolean leaf, int count) {
        return POINTERS_OFFSET + POINTER_SIZE * pointers(leaf, count);
    }

    /** Offset K of the key bytes within a node. */
    public static int keysOffset(boolean leaf, int count) {
        return keyEndsOffset(leaf, count) + KEY_END_SIZE * count;
    }

    /** Bytes used by a node of {@code count} keys holding {@code keyBytes} key bytes in all. */
    public static int used(boolean leaf, int count, int keyBytes) {
        return keysOffset(leaf, count) + keyBytes;
    }
}
