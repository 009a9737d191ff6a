package io.persimmon.engine.alloc;

/**
 * Layout of the allocator's durable state: a bitmap of the pool's 64-byte lines (1 = allocated),
 * cut into bitmap pages, and a directory naming the pages. Both are written at each checkpoint
 * into fresh blocks (copy-on-write: only the pages that changed get new blocks) and the header's
 * ALLOCATOR root names the directory. Neither the directory nor the bitmap pages have their own
 * bits set: they are the checkpoint's metadata, reserved when the pool is opened.
 *
 * <pre>
 * Directory block (64-byte aligned, 64 + 16 * pageCount bytes):
 * offset size  field
 *      0    8  magic "ALLOCDIR" (bytes 41 4C 4C 4F 43 44 49 52)
 *      8    8  bytes of pool the bitmap covers (a multiple of the 64 KiB chunk)
 *     16    8  checkpoint sequence number that wrote it
 *     24    4  number of bitmap pages
 *     28    4  CRC32C of bytes [0, 28) and of every entry
 *     32   32  reserved (0)
 *     64   16  entry 0: offset of bitmap page 0 (8; 0 = all lines free, no page stored),
 *              CRC32C of the page's bytes (4), reserved (4)
 *     80   16  entry 1 ...
 *
 * Bitmap page (4096 bytes, 64-byte aligned): 512 little-endian longs; bit b of long w of page p
 * is line (p * 32768 + w * 64 + b), that is pool bytes [line * 64, line * 64 + 64).
 * </pre>
 */
public final class AllocatorLayout {
    /** The allocation unit, and the unit of the bitmap: one bit per line. */
    public static final int LINE = 64;
    /** A chunk serves one size class; it is also the unit in which the pool grows. */
    public static final int CHUNK = 64 * 1024;
    public static final int LINES_PER_CHUNK = CHUNK / LINE;
    public static final int WORDS_PER_CHUNK = LINES_PER_CHUNK / 64;
    /** Bytes of one bitmap page. */
    public static final int BITMAP_PAGE = 4096;
    public static final int WORDS_PER_BITMAP_PAGE = BITMAP_PAGE / 8;
    /** Pool bytes one bitmap page describes: 2 MiB. */
    public static final long BYTES_PER_BITMAP_PAGE = (long) BITMAP_PAGE * 8 * LINE;

    public static final long DIRECTORY_MAGIC = 0x524944434F4C4C41L; // "ALLOCDIR" little-endian
    public static final int DIR_MAGIC_OFFSET = 0;
    public static final int DIR_COVERED_BYTES_OFFSET = 8;
    public static final int DIR_SEQUENCE_OFFSET = 16;
    public static final int DIR_PAGE_COUNT_OFFSET = 24;
    public static final int DIR_CRC_OFFSET = 28;
    public static final int DIR_ENTRIES_OFFSET = 64;
    public static final int DIR_ENTRY_SIZE = 16;
    public static final int ENTRY_PAGE_OFFSET = 0;
    public static final int ENTRY_CRC_OFFSET = 8;

    private AllocatorLayout() {}

    /** Bytes of a directory block with {@code pageCount} entries. */
    public static long directorySize(int pageCount) {
        return DIR_ENTRIES_OFFSET + (long) DIR_ENTRY_SIZE * pageCount;
    }

    /** Number of bitmap pages that cover {@code poolBytes}. */
    public static int bitmapPages(long poolBytes) {
        return (int) ((poolBytes + BYTES_PER_BITMAP_PAGE - 1) / BYTES_PER_BITMAP_PAGE);
    }
}
