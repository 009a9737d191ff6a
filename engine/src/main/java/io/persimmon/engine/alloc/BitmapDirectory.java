package io.persimmon.engine.alloc;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pmem.PoolLayouts;

import java.lang.foreign.MemorySegment;
import java.util.zip.CRC32C;

import static io.persimmon.engine.alloc.AllocatorLayout.*;

/**
 * The allocator's durable state as one checkpoint wrote it: a directory block and its bitmap
 * pages (see {@link AllocatorLayout}). Reading it validates every field against the pool and
 * reports any damage with its offset.
 *
 * @param offset pool offset of the directory block
 * @param coveredBytes bytes of pool the bitmap describes
 * @param sequence header sequence of the checkpoint that wrote it
 * @param pageOffsets offset of each bitmap page, 0 for a page of free lines only
 * @param pageCrcs CRC32C of each stored page
 */
public record BitmapDirectory(long offset, long coveredBytes, long sequence, long[] pageOffsets, int[] pageCrcs) {

    /** Bytes of the directory block. */
    public long size() {
        return directorySize(pageOffsets.length);
    }

    /** Reads and validates the directory at {@code offset}. */
    public static BitmapDirectory read(MemorySegment pool, long offset) {
        long poolSize = pool.byteSize();
        if (offset <= 0 || offset % LINE != 0 || offset + DIR_ENTRIES_OFFSET > poolSize) {
            throw PersimmonException.corrupt(offset, "allocator directory offset is outside the pool ("
                    + poolSize + " bytes) or not line-aligned");
        }
        if (pool.get(PoolLayouts.LONG, offset + DIR_MAGIC_OFFSET) != DIRECTORY_MAGIC) {
            throw PersimmonException.corrupt(offset, "allocator directory has no magic");
        }
        long covered = pool.get(PoolLayouts.LONG, offset + DIR_COVERED_BYTES_OFFSET);
        long sequence = pool.get(PoolLayouts.LONG, offset + DIR_SEQUENCE_OFFSET);
        int pages = pool.get(PoolLayouts.INT, offset + DIR_PAGE_COUNT_OFFSET);
        if (covered <= 0 || covered % CHUNK != 0 || pages != bitmapPages(covered)) {
            throw PersimmonException.corrupt(offset, "allocator directory covers " + covered + " bytes with "
                    + pages + " bitmap pages");
        }
        if (covered > poolSize) {
            throw PersimmonException.corrupt(offset, "the pool file is truncated: it has " + poolSize
                    + " bytes, its allocator describes " + covered);
        }
        if (offset + directorySize(pages) > poolSize) {
            throw PersimmonException.corrupt(offset, "allocator directory runs past the end of the pool");
        }
        // The entries in one bulk copy (hundreds at 1 GB, two segment reads each before): an
        // entry is two little-endian longs, the page offset and the CRC in the low half of the next.
        long[] entries = new long[2 * pages];
        MemorySegment.copy(pool, PoolLayouts.LONG, offset + DIR_ENTRIES_OFFSET, entries, 0, entries.length);
        long[] pageOffsets = new long[pages];
        int[] crcs = new int[pages];
        for (int p = 0; p < pages; p++) {
            pageOffsets[p] = entries[2 * p + ENTRY_PAGE_OFFSET / 8];
            crcs[p] = (int) entries[2 * p + ENTRY_CRC_OFFSET / 8];
        }
        int stored = pool.get(PoolLayouts.INT, offset + DIR_CRC_OFFSET);
        if (stored != checksum(pool, offset, pages)) {
            throw PersimmonException.corrupt(offset, "allocator directory fails its checksum");
        }
        for (int p = 0; p < pages; p++) {
            long page = pageOffsets[p];
            if (page != 0 && (page % LINE != 0 || page < 0 || page + BITMAP_PAGE > poolSize)) {
                throw PersimmonException.corrupt(offset, "bitmap page " + p + " at " + page + " is outside the pool");
            }
        }
        return new BitmapDirectory(offset, covered, sequence, pageOffsets, crcs);
    }

    /** The words of the bitmap, every stored page checked against its CRC. */
    public long[] loadWords(MemorySegment pool) {
        long[] words = new long[LineBitmap.wordsFor(coveredBytes / LINE)];
        for (int p = 0; p < pageOffsets.length; p++) {
            long page = pageOffsets[p];
            if (page == 0) {
                continue;
            }
            if (pageCrc(pool, page) != pageCrcs[p]) {
                throw PersimmonException.corrupt(page, "bitmap page " + p + " fails its checksum");
            }
            int first = p * WORDS_PER_BITMAP_PAGE;
            int n = Math.min(WORDS_PER_BITMAP_PAGE, words.length - first);
            // One bulk copy per page: a word at a time through the segment cost a cold JVM tens
            // of milliseconds for a 1 GB pool's 41 pages (328,000 words), every open.
            MemorySegment.copy(pool, PoolLayouts.LONG, page, words, first, n);
        }
        return words;
    }

    /**
     * The words of bitmap page {@code p}, checked against its CRC; null for a page of free lines
     * only (no page stored, or past the pages this directory covers).
     */
    long[] loadPage(MemorySegment pool, int p) {
        if (p >= pageOffsets.length || pageOffsets[p] == 0) {
            return null;
        }
        long page = pageOffsets[p];
        if (pageCrc(pool, page) != pageCrcs[p]) {
            throw PersimmonException.corrupt(page, "bitmap page " + p + " fails its checksum");
        }
        long[] words = new long[WORDS_PER_BITMAP_PAGE];
        MemorySegment.copy(pool, PoolLayouts.LONG, page, words, 0, WORDS_PER_BITMAP_PAGE);
        return words;
    }

    /** Writes a directory block at {@code offset} (not flushed) and returns its record. */
    static BitmapDirectory write(MemorySegment pool, long offset, long coveredBytes, long sequence,
                                 long[] pageOffsets, int[] pageCrcs) {
        int pages = pageOffsets.length;
        // The block built as little-endian longs and stored in one bulk copy: the session's
        // directory names every page (640 at 1.28 GB), two segment writes each before, on the
        // open path. Long k is bytes [8k, 8k + 8): the page count is the low half of long 3 (its
        // high half, the CRC, is written last); an entry's CRC the low half of its second long.
        long[] block = new long[(int) (directorySize(pages) / Long.BYTES)];
        block[DIR_MAGIC_OFFSET / 8] = DIRECTORY_MAGIC;
        block[DIR_COVERED_BYTES_OFFSET / 8] = coveredBytes;
        block[DIR_SEQUENCE_OFFSET / 8] = sequence;
        block[DIR_PAGE_COUNT_OFFSET / 8] = pages & 0xFFFF_FFFFL;
        for (int p = 0; p < pages; p++) {
            int entry = (DIR_ENTRIES_OFFSET + p * DIR_ENTRY_SIZE) / 8;
            block[entry + ENTRY_PAGE_OFFSET / 8] = pageOffsets[p];
            block[entry + ENTRY_CRC_OFFSET / 8] = pageCrcs[p] & 0xFFFF_FFFFL;
        }
        MemorySegment.copy(block, 0, pool, PoolLayouts.LONG, offset, block.length);
        pool.set(PoolLayouts.INT, offset + DIR_CRC_OFFSET, checksum(pool, offset, pages));
        return new BitmapDirectory(offset, coveredBytes, sequence, pageOffsets.clone(), pageCrcs.clone());
    }

    /** Writes one bitmap page at {@code offset} (not flushed) and returns its CRC. */
    static int writePage(MemorySegment pool, long offset, long[] words) {
        for (int w = 0; w < WORDS_PER_BITMAP_PAGE; w++) {
            pool.set(PoolLayouts.LONG, offset + 8L * w, w < words.length ? words[w] : 0);
        }
        return pageCrc(pool, offset);
    }

    private static int pageCrc(MemorySegment pool, long page) {
        CRC32C crc = new CRC32C();
        crc.update(pool.asSlice(page, BITMAP_PAGE).asByteBuffer());
        return (int) crc.getValue();
    }

    private static int checksum(MemorySegment pool, long offset, int pages) {
        CRC32C crc = new CRC32C();
        crc.update(pool.asSlice(offset, DIR_CRC_OFFSET).asByteBuffer());
        crc.update(pool.asSlice(offset + DIR_ENTRIES_OFFSET, (long) DIR_ENTRY_SIZE * pages).asByteBuffer());
        return (int) crc.getValue();
    }
}
