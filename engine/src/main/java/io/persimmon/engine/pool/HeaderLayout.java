package io.persimmon.engine.pool;

/**
 * Layout of the pool header: the first 4 KiB of the pool holds two copies, at offsets 0 and
 * {@link #COPY_STRIDE}. A checkpoint writes the copy that does not hold the newest header, with
 * the next sequence number, and never touches the other: a crash while writing leaves that copy
 * failing its checksum, and the other one wins.
 *
 * <pre>
 * offset size  field
 *      0    8  magic "PERSIMMN" (bytes 50 45 52 53 49 4D 4D 4E)
 *      8    2  format major
 *     10    2  format minor
 *     12    4  page size in bytes (tree nodes)
 *     16    8  pool UUID, most significant half
 *     24    8  pool UUID, least significant half
 *     32    8  creation time, milliseconds since 1970-01-01 UTC
 *     40    8  sequence number: the checkpoint generation; the valid copy with the higher one wins
 *     48    8  flags (0)
 *     56    4  number of root slots (16)
 *     60    4  reserved (0)
 *     64  128  root slots: 16 pool offsets (see RootSlot)
 *    192   60  reserved (0)
 *    252    4  CRC32C of bytes [0, 252)
 * </pre>
 */
public final class HeaderLayout {
    /** The header region: both copies, and the lines the allocator never hands out. */
    public static final int REGION_SIZE = 4096;
    /** Distance between the two copies. */
    public static final int COPY_STRIDE = 2048;
    /** Bytes of one copy that are written and checksummed. */
    public static final int COPY_SIZE = 256;

    public static final long MAGIC = 0x4E4D4D4953524550L; // "PERSIMMN" read as a little-endian long
    public static final int MAGIC_OFFSET = 0;
    public static final int MAJOR_OFFSET = 8;
    public static final int MINOR_OFFSET = 10;
    public static final int PAGE_SIZE_OFFSET = 12;
    public static final int UUID_MSB_OFFSET = 16;
    public static final int UUID_LSB_OFFSET = 24;
    public static final int CREATED_OFFSET = 32;
    public static final int SEQUENCE_OFFSET = 40;
    public static final int FLAGS_OFFSET = 48;
    public static final int ROOT_COUNT_OFFSET = 56;
    public static final int ROOTS_OFFSET = 64;
    public static final int CRC_OFFSET = 252;

    private HeaderLayout() {}

    /** Pool offset of copy {@code index} (0 or 1). */
    public static int copyOffset(int index) {
        return index * COPY_STRIDE;
    }

    /** Offset of root slot {@code slot} within a copy. */
    public static int rootOffset(RootSlot slot) {
        return ROOTS_OFFSET + slot.index() * 8;
    }
}
