package io.persimmon.engine.log;

/**
 * Layout of the redo log.
 *
 * <pre>
 * Log directory (written fresh at each checkpoint; the header's LOG root names it):
 * offset size  field
 *      0    8  magic "REDOLOGD"
 *      8    4  number of areas (n)
 *     12    4  CRC32C of bytes [0, 12), [16, 32 + 32n)
 *     16    8  checkpoint sequence that wrote it
 *     24    8  commit timestamp of the newest transaction applied before that checkpoint
 *     32   32  area 0: offset (8), size in bytes (8), start position (8), start record sequence (8)
 *     64   32  area 1 ...
 *
 * Log area: a ring of records, each starting on a 64-byte boundary. A record that does not fit
 * before the end of the ring is written at position 0 instead.
 * offset size  field (of a record, relative to its start)
 *      0    8  record sequence number within the area (1, 2, 3 ...): the next record must carry the next one
 *      8    4  total length in bytes (header + body)
 *     12    4  CRC32C of bytes [0, 12) and [16, length)
 *     16    8  commit timestamp
 *     24    8  generation: the sequence of the header copy that began the writer's session
 *     32    -  body (the transaction layer's operations)
 * </pre>
 *
 * A record is valid when its sequence is the expected one, its length fits the ring, its CRC
 * matches, and its generation is at least the previous valid record's: writing it whole and
 * fencing once is the commit point (C1 in crash-consistency.md). The generation (C6) keeps a
 * record that a crash left valid after an invalid one from being taken up again once a later
 * session has written over its predecessor.
 */
public final class LogLayout {
    public static final long DIRECTORY_MAGIC = 0x44474F4C4F444552L; // "REDOLOGD"
    public static final int DIR_COUNT_OFFSET = 8;
    public static final int DIR_CRC_OFFSET = 12;
    public static final int DIR_SEQUENCE_OFFSET = 16;
    public static final int DIR_TIMESTAMP_OFFSET = 24;
    public static final int DIR_AREAS_OFFSET = 32;
    public static final int DIR_AREA_SIZE = 32;
    public static final int AREA_OFFSET = 0;
    public static final int AREA_SIZE = 8;
    public static final int AREA_START_POSITION = 16;
    public static final int AREA_START_SEQUENCE = 24;

    public static final int RECORD_ALIGN = 64;
    public static final int RECORD_SEQUENCE_OFFSET = 0;
    public static final int RECORD_LENGTH_OFFSET = 8;
    public static final int RECORD_CRC_OFFSET = 12;
    public static final int RECORD_TIMESTAMP_OFFSET = 16;
    public static final int RECORD_GENERATION_OFFSET = 24;
    public static final int RECORD_HEADER = 32;

    private LogLayout() {}

    /** Bytes of a directory of {@code areas} areas. */
    public static long directorySize(int areas) {
        return DIR_AREAS_OFFSET + (long) DIR_AREA_SIZE * areas;
    }

    /** Bytes a record with {@code bodyLength} bytes of body occupies in its ring. */
    public static long recordSpan(long bodyLength) {
        return (RECORD_HEADER + bodyLength + RECORD_ALIGN - 1) / RECORD_ALIGN * RECORD_ALIGN;
    }
}
