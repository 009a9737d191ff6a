package io.persimmon.engine.btree;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The nodes of one tree whose CRC32C this process has already checked: one bit per 64-byte line
 * of the pool, in pages of 2 MiB of pool allocated when first needed. A node reachable from a root
 * is never modified (T1), so a node checked once stays good until its block is freed; a block
 * reused for a new node holds bytes this process wrote (and checksummed), so its bit may stay set.
 * Damage that happened before the pool was opened (a bad sector, a stray write by another program)
 * is therefore found the first time each node is read, at the cost of one CRC per node per
 * process rather than one per visit.
 */
final class VerifiedNodes {
    private static final int LINE_SHIFT = 6;
    private static final int PAGE_SHIFT = 21; // 2 MiB of pool per page of bits
    private static final int WORDS_PER_PAGE = 1 << (PAGE_SHIFT - LINE_SHIFT - 6);

    private volatile AtomicLongArray[] pages = new AtomicLongArray[0];

    boolean contains(long offset) {
        AtomicLongArray[] p = pages;
        int page = (int) (offset >>> PAGE_SHIFT);
        if (page >= p.length || p[page] == null) {
            return false;
        }
        long line = (offset >>> LINE_SHIFT) & ((1L << (PAGE_SHIFT - LINE_SHIFT)) - 1);
        return (p[page].get((int) (line >>> 6)) & (1L << line)) != 0;
    }

    void add(long offset) {
        int page = (int) (offset >>> PAGE_SHIFT);
        AtomicLongArray words = page(page);
        long line = (offset >>> LINE_SHIFT) & ((1L << (PAGE_SHIFT - LINE_SHIFT)) - 1);
        int w = (int) (line >>> 6);
        long bit = 1L << line;
        long seen = words.get(w);
        while ((seen & bit) == 0 && !words.compareAndSet(w, seen, seen | bit)) { // no lambda: this runs in a JVM's first open
            seen = words.get(w);
        }
    }

    private AtomicLongArray page(int page) {
        AtomicLongArray[] p = pages;
        if (page < p.length && p[page] != null) {
            return p[page];
        }
        synchronized (this) {
            p = pages;
            if (page >= p.length) {
                p = java.util.Arrays.copyOf(p, Math.max(page + 1, p.length * 2));
            } else {
                p = p.clone();
            }
            if (p[page] == null) {
                p[page] = new AtomicLongArray(WORDS_PER_PAGE);
            }
            pages = p;
            return p[page];
        }
    }
}
