package io.persimmon.engine.mvcc;

/**
 * Layout of a version record: one allocated block per version of a row.
 *
 * <pre>
 * offset size  field
 *      0    8  commit timestamp of the transaction that wrote it
 *      8    8  offset of the previous (older) version, 0 for none
 *     16    4  flags: bit 0 = tombstone (the row was deleted at this timestamp)
 *     20    4  length n of the row bytes
 *     24    4  CRC32C of bytes [0, 8) and [16, 32 + n) with this field read as 0: everything
 *              but the previous-version word
 *     28    4  owner: bits 3 to 34 of the offset of the slot whose chain the version is in
 *     32    n  row bytes (row.RowCodec); none for a tombstone
 * </pre>
 *
 * Timestamps strictly decrease along a chain. The owner, inside the checksum, lets a reader that
 * reaches a version from a slot (whose word, and the previous-version words, carry no checksum)
 * tell a version of that row from a valid version of another row that a damaged word names. A version is immutable once written, except for its
 * previous-version word, which garbage collection may point past versions it frees (an aligned
 * 8-byte store, logged); the checksum leaves that word out.
 */
public final class VersionLayout {
    public static final int TIMESTAMP_OFFSET = 0;
    public static final int PREVIOUS_OFFSET = 8;
    public static final int FLAGS_OFFSET = 16;
    public static final int LENGTH_OFFSET = 20;
    public static final int CRC_OFFSET = 24;
    public static final int OWNER_OFFSET = 28;
    public static final int ROW_OFFSET = 32;
    public static final int FLAG_TOMBSTONE = 1;

    private VersionLayout() {}

    /** Bytes of a version with {@code rowLength} row bytes. */
    public static int size(int rowLength) {
        return ROW_OFFSET + rowLength;
    }
}
