package io.persimmon.engine.alloc;

import static io.persimmon.engine.alloc.AllocatorLayout.WORDS_PER_BITMAP_PAGE;

/**
 * A growable bitmap of pool lines with the range operations the allocator needs, kept in pages of
 * {@link AllocatorLayout#WORDS_PER_BITMAP_PAGE} words (page p of the bitmap is the allocator's
 * bitmap page p: 2 MiB of pool). A page of clear bits has no array until a bit of it is set, so
 * making the bitmap of a 1 GB pool costs a table of 640 references, not 2.6 MB of zeroed words
 * (which the allocator, opening, made three times over).
 */
final class LineBitmap {
    private static final int PAGE_SHIFT = Integer.numberOfTrailingZeros(WORDS_PER_BITMAP_PAGE);
    private static final int PAGE_MASK = WORDS_PER_BITMAP_PAGE - 1;

    private long[][] pages;

    LineBitmap(long lines) {
        pages = new long[pagesFor(lines)][];
    }

    static int wordsFor(long lines) {
        return (int) ((lines + 63) >>> 6);
    }

    private static int pagesFor(long lines) {
        return (wordsFor(lines) + WORDS_PER_BITMAP_PAGE - 1) >>> PAGE_SHIFT;
    }

    void grow(long lines) {
        int needed = pagesFor(lines);
        if (needed > pages.length) {
            pages = java.util.Arrays.copyOf(pages, needed);
        }
    }

    long word(int index) {
        int p = index >>> PAGE_SHIFT;
        if (p >= pages.length) {
            return 0;
        }
        long[] page = pages[p];
        return page == null ? 0 : page[index & PAGE_MASK];
    }

    private long[] writablePage(int p) {
        long[] page = pages[p];
        if (page == null) {
            page = new long[WORDS_PER_BITMAP_PAGE];
            pages[p] = page;
        }
        return page;
    }

    boolean get(long line) {
        return (word((int) (line >>> 6)) & (1L << line)) != 0;
    }

    /** Sets bits [from, from + count). */
    void set(long from, long count) {
        apply(from, count, true);
    }

    /** Clears bits [from, from + count). */
    void clear(long from, long count) {
        apply(from, count, false);
    }

    private void apply(long from, long count, boolean value) {
        long end = from + count;
        long line = from;
        while (line < end) {
            int w = (int) (line >>> 6);
            int bit = (int) (line & 63);
            int n = (int) Math.min(64 - bit, end - line);
            long mask = (n == 64 ? -1L : ((1L << n) - 1)) << bit;
            int p = w >>> PAGE_SHIFT;
            if (value) {
                long[] page = writablePage(p);
                page[w & PAGE_MASK] |= mask;
            } else {
                long[] page = pages[p];
                if (page != null) {
                    page[w & PAGE_MASK] &= ~mask;
                }
            }
            line += n;
        }
    }

    /** Whether every bit of [from, from + count) is clear. */
    boolean isClear(long from, long count) {
        return countSet(from, count) == 0;
    }

    /** Whether every bit of [from, from + count) is set. */
    boolean isSet(long from, long count) {
        return countSet(from, count) == count;
    }

    /** Number of set bits in [from, from + count). */
    long countSet(long from, long count) {
        long end = from + count;
        long line = from;
        long total = 0;
        while (line < end) {
            int w = (int) (line >>> 6);
            int bit = (int) (line & 63);
            if (bit == 0 && (w & PAGE_MASK) == 0 && end - line >= (long) WORDS_PER_BITMAP_PAGE * 64) {
                total += countSetInWords(w, WORDS_PER_BITMAP_PAGE); // a whole page at once
                line += (long) WORDS_PER_BITMAP_PAGE * 64;
                continue;
            }
            int n = (int) Math.min(64 - bit, end - line);
            long mask = (n == 64 ? -1L : ((1L << n) - 1)) << bit;
            total += Long.bitCount(word(w) & mask);
            line += n;
        }
        return total;
    }

    /** Number of set bits in words [from, from + count), which lie within one page. */
    int countSetInWords(int from, int count) {
        int p = from >>> PAGE_SHIFT;
        long[] page = p < pages.length ? pages[p] : null;
        if (page == null) {
            return 0;
        }
        int total = 0;
        int start = from & PAGE_MASK;
        for (int w = start; w < start + count; w++) {
            total += Long.bitCount(page[w]);
        }
        return total;
    }

    /** A copy of page {@code p}'s words (zero where it has none). */
    long[] copyPage(int p) {
        long[] page = p < pages.length ? pages[p] : null;
        return page == null ? new long[WORDS_PER_BITMAP_PAGE] : page.clone();
    }

    /** Overwrites page {@code p} with a copy of {@code words} (a page's worth). */
    void putPage(int p, long[] words) {
        if (p < pages.length) {
            pages[p] = words.clone();
        }
    }
}
