package io.persimmon.engine.txn;

/**
 * The operations of a redo record's body, each a code byte followed by its fields (little-endian).
 * Every operation is absolute, so applying a record twice leaves what applying it once does.
 *
 * <pre>
 * code  operation     fields
 *    1  ALLOC         offset (8), size (8)         the block belongs to the committed state
 *    2  FREE          offset (8), size (8)         the block leaves it (reused per rule A2)
 *    3  WRITE         offset (8), length (4), bytes  copy the bytes into the pool
 *    4  SET8          offset (8), value (8)        an aligned 8-byte store (a slot swing)
 *    5  TREE_PUT      tree (8), key length (4), key, value (8)
 *    6  TREE_DELETE   tree (8), key length (4), key
 *    7  LOGICAL       kind (4), length (4), bytes   for the catalog (DDL)
 *    8  ZERO          offset (8), length (8)       fill the range with zero bytes (a new slot page)
 *    9  BODY          offset (8), length (8), crc (4)  the operations continue in the block at offset:
 *                                              its length bytes, whose CRC32C is crc, are decoded and
 *                                              applied here (a large transaction's body, rule C7)
 * </pre>
 */
public final class RedoOps {
    public static final byte ALLOC = 1;
    public static final byte FREE = 2;
    public static final byte WRITE = 3;
    public static final byte SET8 = 4;
    public static final byte TREE_PUT = 5;
    public static final byte TREE_DELETE = 6;
    public static final byte LOGICAL = 7;
    public static final byte ZERO = 8;
    public static final byte BODY = 9;

    private RedoOps() {}
}
