package io.persimmon.engine.mvcc;

/**
 * Layout of a slot page: a 4 KiB block of row slots of one table.
 *
 * <pre>
 * offset size  field
 *      0    8  magic "SLOTPAGE"
 *      8    8  id of the table the slots belong to
 *     16   48  reserved (0)
 *     64    8  slot 0: offset of the row's newest version, 0 when the slot is free
 *     72    8  slot 1 ...                                     (504 slots)
 * </pre>
 */
public final class SlotPageLayout {
    public static final long MAGIC = 0x45474150544F4C53L; // "SLOTPAGE" read as a little-endian long
    public static final int PAGE_SIZE = 4096;
    public static final int TABLE_OFFSET = 8;
    public static final int SLOTS_OFFSET = 64;
    public static final int SLOTS_PER_PAGE = (PAGE_SIZE - SLOTS_OFFSET) / 8;

    private SlotPageLayout() {}

    /** Offset of slot {@code index} of the page at {@code page}. */
    public static long slot(long page, int index) {
        return page + SLOTS_OFFSET + 8L * index;
    }
}
