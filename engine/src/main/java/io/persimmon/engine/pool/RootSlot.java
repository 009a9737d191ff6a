package io.persimmon.engine.pool;

/**
 * The named root pointers of the header: each an 8-byte pool offset (0 = none) naming the
 * durable state of one structure as of the header's checkpoint.
 */
public enum RootSlot {
    /** The allocator's bitmap directory ({@code alloc.AllocatorLayout}). */
    ALLOCATOR(0),
    /** The catalog of tables and indexes. */
    CATALOG(1),
    /** The directory of redo-log areas. */
    LOG(2),
    /** Spare slots, for structures to come; 0 until used. */
    SPARE_3(3), SPARE_4(4), SPARE_5(5), SPARE_6(6), SPARE_7(7),
    SPARE_8(8), SPARE_9(9), SPARE_10(10), SPARE_11(11), SPARE_12(12), SPARE_13(13), SPARE_14(14),
    /** A slot for tests of the layers below the engine proper. */
    TEST(15);

    /** Number of root slots in a header copy. */
    public static final int COUNT = 16;

    private final int index;

    RootSlot(int index) {
        this.index = index;
    }

    /** Position of the slot in the header's root array. */
    public int index() {
        return index;
    }
}
