package io.persimmon.sql.plan;

import java.util.Arrays;

/**
 * A lexical scan of SQL text that finds its literal tokens without parsing: unsigned numbers
 * (the parser's UNSIGNED_INTEGER_LITERAL, DECIMAL_NUMERIC_LITERAL and APPROX_NUMERIC_LITERAL)
 * and plain quoted strings ({@code 'it''s'}). Its {@link #shape} is the text with each literal
 * replaced by a marker of its form, so that texts differing only in literals of the same forms
 * have the same shape, and the parser reads them as the same token sequence.
 *
 * <p>A text the scan cannot vouch for has no scan ({@link #of} returns null): one with a
 * {@code ?}, a comment, a NUL character, an unterminated string or quoted identifier, a string
 * with a prefix ({@code N'..'}, {@code X'..'}, {@code E'..'}, {@code U&'..'}, {@code _latin1'..'}),
 * or a number run into letters, a dot or a quote ({@code 1e}, {@code 0x1F}, {@code 1.2.3}).
 * Everything else (identifiers, quoted identifiers, keywords, operators, white space) is copied
 * into the shape as written.
 */
final class SqlLiteralScan {
    /** The forms of literal tokens: each begins its marker in the shape. */
    static final char INTEGER = 'i';
    static final char DECIMAL = 'd';
    static final char APPROXIMATE = 'e';
    static final char STRING = 's';
    private static final char MARK = '\0';

    private final String shape;
    private final int[] starts;
    private final int[] ends;
    private final char[] forms;

    private SqlLiteralScan(String shape, int[] starts, int[] ends, char[] forms) {
        this.shape = shape;
        this.starts = starts;
        this.ends = ends;
        this.forms = forms;
    }

    /** The scan of {@code sql}, or null when the text has something it cannot vouch for (see the class comment). */
    static SqlLiteralScan of(String sql) {
        int n = sql.length();
        StringBuilder shape = new StringBuilder(n);
        int count = 0;
        int[] starts = new int[8];
        int[] ends = new int[8];
        char[] forms = new char[8];
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            char form;
            if (c == '\'') {
                if (i > 0 && (isIdentifierPart(sql.charAt(i - 1)) || sql.charAt(i - 1) == '&')) {
                    return null; // a prefixed string: its value is not the quoted text
                }
                i = stringEnd(sql, i);
                if (i < 0) {
                    return null;
                }
                form = STRING;
            } else if (isDigit(c) || c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1))) {
                i = numberEnd(sql, i);
                if (i < 0) {
                    return null;
                }
                form = kind(sql, start, i);
            } else {
                if (c == '"') {
                    i = quotedIdentifierEnd(sql, i);
                    if (i < 0) {
                        return null;
                    }
                } else if (isIdentifierStart(c)) {
                    do {
                        i++;
                    } while (i < n && isIdentifierPart(sql.charAt(i)));
                } else if (c == '?' || c == MARK || c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                        || c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                    return null;
                } else {
                    i++;
                }
                shape.append(sql, start, i);
                continue;
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
                forms = Arrays.copyOf(forms, count * 2);
            }
            starts[count] = start;
            ends[count] = i;
            forms[count] = form;
            count++;
            shape.append(MARK).append(form);
        }
        return new SqlLiteralScan(shape.toString(), Arrays.copyOf(starts, count), Arrays.copyOf(ends, count),
                Arrays.copyOf(forms, count));
    }

    /** The text with each literal replaced by a marker of its form. */
    String shape() {
        return shape;
    }

    int count() {
        return starts.length;
    }

    /** Where literal {@code i} begins in the text. */
    int start(int i) {
        return starts[i];
    }

    /** Where literal {@code i} ends in the text (exclusive). */
    int end(int i) {
        return ends[i];
    }

    /** {@link #INTEGER}, {@link #DECIMAL}, {@link #APPROXIMATE} or {@link #STRING}. */
    char form(int i) {
        return forms[i];
    }

    /** The value of string literal {@code i} of {@code sql}: without its quotes, {@code ''} read as {@code '}. */
    static String stringValue(String sql, int start, int end) {
        String inner = sql.substring(start + 1, end - 1);
        return inner.indexOf('\'') < 0 ? inner : inner.replace("''", "'");
    }

    /** The end of the string that begins at {@code i}, or -1 if it does not end. */
    private static int stringEnd(String sql, int i) {
        int n = sql.length();
        for (i++; i < n; i++) {
            if (sql.charAt(i) == '\'') {
                if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static int quotedIdentifierEnd(String sql, int i) {
        int n = sql.length();
        for (i++; i < n; i++) {
            if (sql.charAt(i) == '"') {
                if (i + 1 < n && sql.charAt(i + 1) == '"') {
                    i++;
                } else {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    /**
     * The end of the number that begins at {@code i}: digits, an optional fraction, an optional
     * exponent; -1 if a letter, digit, dot or quote follows it (the parser would read other tokens).
     */
    private static int numberEnd(String sql, int i) {
        int n = sql.length();
        i = digitsEnd(sql, i);
        if (i < n && sql.charAt(i) == '.') {
            i = digitsEnd(sql, i + 1);
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                j++;
            }
            if (j == n || !isDigit(sql.charAt(j))) {
                return -1;
            }
            i = digitsEnd(sql, j);
        }
        if (i < n) {
            char next = sql.charAt(i);
            if (isIdentifierPart(next) || next == '.' || next == '\'' || next == '"') {
                return -1;
            }
        }
        return i;
    }

    private static int digitsEnd(String sql, int i) {
        while (i < sql.length() && isDigit(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    private static char kind(String sql, int start, int end) {
        char form = INTEGER;
        for (int i = start; i < end; i++) {
            char c = sql.charAt(i);
            if (c == 'e' || c == 'E') {
                return APPROXIMATE;
            }
            if (c == '.') {
                form = DECIMAL;
            }
        }
        return form;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
