package io.persimmon.tpcc;

/**
 * The constants C of TPC-C's non-uniform random function NURand(A, x, y) (clause 2.1.6) for the three
 * fields that use it: customer last name (A = 255), customer id (A = 1023) and item id (A = 8191).
 *
 * <p>The loader uses one set ({@link #forLoad}); the terminals use another ({@link #forRun}) whose
 * C_LAST differs from the load value by a delta in [65, 119] other than 96 and 112, as clause 2.1.6.1
 * requires. Every terminal of a run shares the same constants.
 */
public record NURand(int cLast, int cId, int cItemId) {

    /** A = 255 for C_LAST. */
    public static final int A_LAST = 255;
    /** A = 1023 for C_ID. */
    public static final int A_CUSTOMER = 1023;
    /** A = 8191 for OL_I_ID. */
    public static final int A_ITEM = 8191;

    public NURand {
        check(cLast, A_LAST, "C_LAST");
        check(cId, A_CUSTOMER, "C_ID");
        check(cItemId, A_ITEM, "OL_I_ID");
    }

    /** Random constants for the initial population. */
    public static NURand forLoad(TpccRandom random) {
        return new NURand(random.uniform(0, A_LAST), random.uniform(0, A_CUSTOMER), random.uniform(0, A_ITEM));
    }

    /** Random run-time constants valid against the load constants {@code load} (clause 2.1.6.1). */
    public static NURand forRun(NURand load, TpccRandom random) {
        while (true) {
            int cLast = random.uniform(0, A_LAST);
            if (isValidRunDelta(load.cLast(), cLast)) {
                return new NURand(cLast, random.uniform(0, A_CUSTOMER), random.uniform(0, A_ITEM));
            }
        }
    }

    /** Whether {@code runCLast} may be used at run time after loading with {@code loadCLast}. */
    public static boolean isValidRunDelta(int loadCLast, int runCLast) {
        int delta = Math.abs(runCLast - loadCLast);
        return delta >= 65 && delta <= 119 && delta != 96 && delta != 112;
    }

    /** A customer last name number in [0, 999]: NURand(255, 0, 999). */
    public int lastNameNumber(TpccRandom random) {
        return random.nuRand(A_LAST, cLast, 0, 999);
    }

    /** A customer id in [1, 3000]: NURand(1023, 1, 3000). */
    public int customerId(TpccRandom random) {
        return random.nuRand(A_CUSTOMER, cId, 1, TpccSchema.CUSTOMERS_PER_DISTRICT);
    }

    /** An item id in [1, 100000]: NURand(8191, 1, 100000). */
    public int itemId(TpccRandom random) {
        return random.nuRand(A_ITEM, cItemId, 1, TpccSchema.ITEMS);
    }

    private static void check(int c, int a, String field) {
        if (c < 0 || c > a) {
            throw new IllegalArgumentException("NURand constant for " + field + " out of [0, " + a + "]: " + c);
        }
    }
}
