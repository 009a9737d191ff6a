package io.persimmon.engine.mvcc;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.alloc.Allocator;
import io.persimmon.engine.pmem.PoolLayouts;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;

import static io.persimmon.engine.mvcc.SlotPageLayout.*;

/**
 * The slot pages of one table, and which of their slots are free. The pages are durable (named
 * by the catalog; a new page is allocated inside a commit's redo record); which slots are free is
 * volatile, learned lazily from the pages (a free slot holds 0) and kept as slots are taken by
 * commits and given back.
 */
public final class SlotPages {
    /** A slot taken for a new row, and the page allocated for it if one was (0 otherwise). */
    public record Taken(long slot, long newPage) {}

    private final long tableId;
    private final Supplier<MemorySegment> pool;
    private final Allocator allocator;
    private final List<Long> pages = new ArrayList<>();
    /** Per page: slots in use or reserved; null until the page has been scanned. */
    private final List<BitSet> used = new ArrayList<>();
    private int searchFrom;

    public SlotPages(long tableId, Supplier<MemorySegment> pool, Allocator allocator, List<Long> existingPages) {
        this.tableId = tableId;
        this.pool = pool;
        this.allocator = allocator;
        for (long page : existingPages) {
            pages.add(page);
            used.add(null);
        }
    }

    /** Takes a free slot (the caller's commit makes it durable); may allocate a new page. */
    public synchronized Taken take() {
        for (int p = searchFrom; p < pages.size(); p++) {
            BitSet bits = scanned(p);
            int free = bits.nextClearBit(0);
            if (free < SLOTS_PER_PAGE) {
                bits.set(free);
                searchFrom = p;
                return new Taken(slot(pages.get(p), free), 0);
            }
        }
        long page = allocator.allocate(PAGE_SIZE);
        pages.add(page);
        BitSet bits = new BitSet(SLOTS_PER_PAGE);
        bits.set(0);
        used.add(bits);
        searchFrom = pages.size() - 1;
        return new Taken(slot(page, 0), page);
    }

    /** Gives back a slot taken by a commit that failed before its record was durable. */
    public synchronized void giveBack(Taken taken) {
        if (taken.newPage() != 0) {
            int p = pages.indexOf(taken.newPage());
            pages.remove(p);
            used.remove(p);
            allocator.release(taken.newPage(), PAGE_SIZE);
            searchFrom = 0;
            return;
        }
        release(taken.slot());
    }

    /** A slot emptied by garbage collection (its 0 is logged and applied) is free again. */
    public synchronized void release(long slot) {
        for (int p = 0; p < pages.size(); p++) {
            long page = pages.get(p);
            if (slot >= page && slot < page + PAGE_SIZE) {
                scanned(p).clear((int) ((slot - page - SLOTS_OFFSET) / 8));
                searchFrom = Math.min(searchFrom, p);
                return;
            }
        }
        throw PersimmonException.corrupt(slot, "slot is in no page of table " + tableId);
    }

    /** A record (applied, or replayed by recovery) allocated {@code page} for this table. */
    public synchronized void adoptReplayedPage(long page) {
        // Searched from the end: a commit's own new page (applied, not replayed) is among the last.
        if (pages.lastIndexOf(page) < 0) {
            pages.add(page);
            used.add(null);
        }
    }

    private BitSet scanned(int p) {
        BitSet bits = used.get(p);
        if (bits == null) {
            bits = new BitSet(SLOTS_PER_PAGE);
            MemorySegment s = pool.get();
            long page = pages.get(p);
            for (int i = 0; i < SLOTS_PER_PAGE; i++) {
                if (s.get(PoolLayouts.LONG, slot(page, i)) != 0) {
                    bits.set(i);
                }
            }
            used.set(p, bits);
        }
        return bits;
    }

    /** The pages, in order (for the catalog). */
    public synchronized List<Long> pages() {
        return List.copyOf(pages);
    }

    /** The page header bytes of a new page of this table (the commit's redo record carries them). */
    public byte[] newPageImage() {
        byte[] image = new byte[PAGE_SIZE];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, MAGIC);
        b.putLong(TABLE_OFFSET, tableId);
        return image;
    }
}
