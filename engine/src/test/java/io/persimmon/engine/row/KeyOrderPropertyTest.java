package io.persimmon.engine.row;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The invariant every index relies on, checked on seeded random tuples of mixed types, NULLs and
 * directions against the independent {@link SqlOrder}: byte order of encodings is SQL order, a
 * prefix encoding is shared exactly by the keys equal on those columns, and the prefix upper bound
 * separates them from all others.
 */
class KeyOrderPropertyTest {
    private static final long SEED = 20250611L;
    private static final int SCHEMAS = 400;
    private static final int PAIRS_PER_SCHEMA = 30;
    private static final int MAX_KEY_COLUMNS = 4;

    @Test
    void shouldOrderEncodingsAsSqlOrdersTuples() {
        RandomValues random = new RandomValues(SEED);
        int pairs = 0;
        int ties = 0;
        for (int s = 0; s < SCHEMAS; s++) {
            KeyColumn[] columns = random.keyColumns(1 + random.random().nextInt(MAX_KEY_COLUMNS));
            for (int p = 0; p < PAIRS_PER_SCHEMA; p++) {
                Object[] a = random.tuple(columns);
                Object[] b = related(random, a, columns);
                int expected = Integer.signum(SqlOrder.compareTuples(a, b, columns, columns.length));
                int actual = Integer.signum(KeyCodec.compare(KeyCodec.encode(a, columns), KeyCodec.encode(b, columns)));
                assertEquals(expected, actual, () -> describe(columns, a, b));
                pairs++;
                ties += expected == 0 ? 1 : 0;
            }
        }
        assertEquals(SCHEMAS * PAIRS_PER_SCHEMA, pairs);
        assertTrue(ties > pairs / 50, "the generator should produce equal tuples too, got " + ties);
    }

    @Test
    void shouldShareAPrefixExactlyWhenTheFirstColumnsAreEqual() {
        RandomValues random = new RandomValues(SEED + 1);
        for (int s = 0; s < SCHEMAS; s++) {
            KeyColumn[] columns = random.keyColumns(1 + random.random().nextInt(MAX_KEY_COLUMNS));
            for (int p = 0; p < PAIRS_PER_SCHEMA; p++) {
                Object[] a = random.tuple(columns);
                Object[] b = related(random, a, columns);
                byte[] keyB = KeyCodec.encode(b, columns);
                for (int k = 0; k <= columns.length; k++) {
                    byte[] prefix = KeyCodec.encodePrefix(a, columns, k);
                    byte[] bound = KeyCodec.prefixUpperBound(prefix);
                    boolean equalOnPrefix = SqlOrder.compareTuples(a, b, columns, k) == 0;
                    boolean startsWith = startsWith(keyB, prefix);
                    boolean inRange = KeyCodec.compare(prefix, keyB) <= 0
                            && (bound == null || KeyCodec.compare(keyB, bound) < 0);
                    int columnsCompared = k;
                    assertEquals(equalOnPrefix, startsWith, () -> "prefix of " + columnsCompared + ": " + describe(columns, a, b));
                    assertEquals(startsWith, inRange, () -> "bound of " + columnsCompared + ": " + describe(columns, a, b));
                }
            }
        }
    }

    @Test
    void shouldDecodeEveryKeyBackToItsValuesWithinTheMaximumLength() {
        RandomValues random = new RandomValues(SEED + 2);
        for (int s = 0; s < SCHEMAS; s++) {
            KeyColumn[] columns = random.keyColumns(1 + random.random().nextInt(MAX_KEY_COLUMNS));
            long max = KeyCodec.maxEncodedLength(columns);
            for (int p = 0; p < PAIRS_PER_SCHEMA; p++) {
                Object[] a = random.tuple(columns);
                byte[] key = KeyCodec.encode(a, columns);
                assertTrue(key.length <= max, () -> key.length + " > " + max + ": " + describe(columns, a, a));
                Object[] decoded = KeyCodec.decode(key, columns);
                for (int i = 0; i < columns.length; i++) {
                    assertEquals(0, SqlOrder.compare(columns[i].type(), a[i], decoded[i]), () -> describe(columns, a, decoded));
                    if (!isFloatingZero(a[i])) {
                        assertTrue(Arrays.deepEquals(new Object[] {a[i]}, new Object[] {decoded[i]}),
                                () -> describe(columns, a, decoded));
                    }
                }
                assertArrayEquals(key, KeyCodec.encode(decoded, columns));
            }
        }
    }

    /** A tuple equal to {@code a} on a random number of first columns, random after. */
    private static Object[] related(RandomValues random, Object[] a, KeyColumn[] columns) {
        Object[] b = a.clone();
        int from = random.random().nextInt(columns.length + 1);
        for (int i = from; i < columns.length; i++) {
            if (i == from || random.random().nextBoolean()) {
                b[i] = random.valueOrNull(columns[i].type());
            }
        }
        return b;
    }

    private static boolean isFloatingZero(Object v) {
        return (v instanceof Float f && f == 0.0f) || (v instanceof Double d && d == 0.0);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String describe(KeyColumn[] columns, Object[] a, Object[] b) {
        return Arrays.toString(columns) + " " + show(a) + " vs " + show(b);
    }

    private static String show(Object[] values) {
        StringBuilder s = new StringBuilder("(");
        for (Object v : values) {
            s.append(s.length() > 1 ? ", " : "").append(v instanceof byte[] b ? Arrays.toString(b)
                    : v instanceof String str ? str.codePoints().mapToObj(Integer::toHexString).toList() : v);
        }
        return s.append(")").toString();
    }
}
