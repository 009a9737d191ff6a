package io.persimmon.tpcc;

import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * The random value generators of TPC-C 5.11 clause 4.3.2: uniform integers and decimals, a-strings and
 * n-strings, zip codes, data fields with {@code ORIGINAL} in 10% of rows, and customer last names
 * built from syllables.
 *
 * <p>Not thread-safe: each loader thread and each terminal owns one.
 */
public final class TpccRandom {

    private static final char[] ALPHANUMERIC =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final char[] LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final String[] SYLLABLES =
            {"BAR", "OUGHT", "ABLE", "PRI", "PRES", "ESE", "ANTI", "CALLY", "ATION", "EING"};

    private final SplittableRandom random;

    /** A generator with a fixed seed, so that a load or a run can be repeated. */
    public TpccRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A uniformly distributed integer in {@code [lo, hi]}, both ends included. */
    public int uniform(int lo, int hi) {
        return random.nextInt(lo, hi + 1);
    }

    /** A uniform double in {@code [0, 1)}. */
    public double nextDouble() {
        return random.nextDouble();
    }

    /**
     * A uniform decimal in {@code [lo, hi]} with {@code scale} fraction digits, given in units of the last
     * digit: {@code decimal(100, 10000, 2)} is a price in [1.00 .. 100.00].
     */
    public BigDecimal decimal(int loUnits, int hiUnits, int scale) {
        return BigDecimal.valueOf(uniform(loUnits, hiUnits), scale);
    }

    /** TPC-C's NURand(A, x, y) with the run-time constant {@code c} (clause 2.1.6). */
    public int nuRand(int a, int c, int x, int y) {
        return (((uniform(0, a) | uniform(x, y)) + c) % (y - x + 1)) + x;
    }

    /** A random a-string: alphanumeric, of a uniformly random length in {@code [minLen, maxLen]}. */
    public String aString(int minLen, int maxLen) {
        return chars(ALPHANUMERIC, uniform(minLen, maxLen));
    }

    /** A random n-string: digits only, of a uniformly random length in {@code [minLen, maxLen]}. */
    public String nString(int minLen, int maxLen) {
        int length = uniform(minLen, maxLen);
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(out);
    }

    /** A two-letter state code. */
    public String state() {
        return chars(LETTERS, 2);
    }

    /** A zip code: 4 random digits followed by the constant "11111" (clause 4.3.2.7). */
    public String zip() {
        return nString(4, 4) + "11111";
    }

    /**
     * A data field (I_DATA, S_DATA): an a-string of {@code [minLen, maxLen]} characters in which, for 10% of
     * the rows, the string "ORIGINAL" is placed at a random position (clause 4.3.3.1).
     */
    public String dataField(int minLen, int maxLen) {
        String data = aString(minLen, maxLen);
        if (uniform(1, 10) != 1) {
            return data;
        }
        int at = uniform(0, data.length() - 8);
        return data.substring(0, at) + "ORIGINAL" + data.substring(at + 8);
    }

    /** A random permutation of {@code 1..n} (the O_C_ID of the initial orders, clause 4.3.3.1). */
    public int[] permutation(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i + 1;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
        return values;
    }

    /**
     * The customer last name of a number in {@code [0, 999]}: the syllables of its three digits
     * (clause 4.3.2.3), for example 371 gives "PRICALLYOUGHT".
     */
    public static String lastName(int number) {
        if (number < 0 || number > 999) {
            throw new IllegalArgumentException("last name number out of [0, 999]: " + number);
        }
        return SYLLABLES[number / 100] + SYLLABLES[(number / 10) % 10] + SYLLABLES[number % 10];
    }

    private String chars(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
