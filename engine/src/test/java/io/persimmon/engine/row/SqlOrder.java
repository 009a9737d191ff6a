package io.persimmon.engine.row;

import java.math.BigDecimal;

/**
 * The reference SQL order the key encoding must reproduce, written independently of it: straight
 * from the rules, on Java values, with no byte tricks.
 */
final class SqlOrder {
    private SqlOrder() {}

    /** Compares two tuples column by column, each ascending or descending. */
    static int compareTuples(Object[] a, Object[] b, KeyColumn[] columns, int count) {
        for (int i = 0; i < count; i++) {
            int c = compare(columns[i].type(), a[i], b[i]);
            if (c != 0) {
                return columns[i].descending() ? -c : c;
            }
        }
        return 0;
    }

    /** NULL lowest; then by the type's rule. */
    static int compare(ColumnType type, Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return switch (type.type()) {
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case SMALLINT -> Short.compare((Short) a, (Short) b);
            case INTEGER, DATE -> Integer.compare((Integer) a, (Integer) b);
            case BIGINT, TIME, TIMESTAMP -> Long.compare((Long) a, (Long) b);
            case DECIMAL -> ((BigDecimal) a).compareTo((BigDecimal) b);
            case REAL -> compareFloating((Float) a, (Float) b);
            case DOUBLE -> compareFloating((Double) a, (Double) b);
            case VARCHAR -> compareCodePoints((String) a, (String) b);
            case CHAR -> compareCodePoints(stripTrailingSpaces((String) a), stripTrailingSpaces((String) b));
            case VARBINARY -> compareBytes((byte[]) a, (byte[]) b);
        };
    }

    /** Numeric order; -0.0 equals 0.0 (as {@code ==} says); NaN equals NaN and is above everything. */
    static int compareFloating(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /** Unicode code point order, a prefix first (not String.compareTo, which is UTF-16 order). */
    static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] != y[i]) {
                return x[i] < y[i] ? -1 : 1;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    static int compareBytes(byte[] a, byte[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int x = a[i] & 0xFF;
            int y = b[i] & 0xFF;
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
