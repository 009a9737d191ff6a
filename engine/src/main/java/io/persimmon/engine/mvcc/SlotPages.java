package io.persimmon.engine.mvcc;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.alloc.Allocator;
import io.persimmon.engine.pmem.PoolLayouts;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    /** The pages in the order the catalog names them (take searches them in this order). */
    private final List<Page> pages = new ArrayList<>();
    /** Their offsets, in the same order: what the catalog names, copied at every checkpoint. */
    private final List<Long> offsets = new ArrayList<>();
    /** The same pages by offset, for release: a table of millions of rows has thousands of pages. */
    private final TreeMap<Long, Page> byOffset = new TreeMap<>();
    private int searchFrom;
    /**
     * The pages the catalog named at open, not yet put into {@link #pages}, {@link #offsets} and
     * {@link #byOffset} (null once they are); pages adopted meanwhile wait in {@link #adopted}.
     * Indexing thousands of pages is left to the first use, off the open path.
     */
    private List<Long> unindexed;
    private List<Long> adopted = List.of();

    /** One slot page: its pool offset, its place in {@link #pages}, and which slots are in use or reserved (null until scanned). */
    private static final class Page {
        final long offset;
        int index;
        BitSet used;
        /** No slot below this one is free (a page fills from its start: take searches from here). */
        int firstFree;

        Page(long offset, BitSet used) {
            this.offset = offset;
            this.used = used;
        }
    }

    /**
     * The slot pages of table {@code tableId}, those the catalog names being {@code existingPages}:
     * an unmodifiable list, kept as it is, not copied.
     */
    public SlotPages(long tableId, Supplier<MemorySegment> pool, Allocator allocator, List<Long> existingPages) {
        this.tableId = tableId;
        this.pool = pool;
        this.allocator = allocator;
        this.unindexed = existingPages;
    }

    /** Indexes the pages named at open and those adopted since, in that order, once. */
    private void indexed() {
        if (unindexed == null) {
            return;
        }
        List<Long> named = unindexed;
        unindexed = null;
        for (long page : named) {
            add(new Page(page, null));
        }
        for (long page : adopted) {
            adoptReplayedPage(page);
        }
        adopted = List.of();
    }

    /** Takes a free slot (the caller's commit makes it durable); may allocate a new page. */
    public synchronized Taken take() {
        indexed();
        for (int p = searchFrom; p < pages.size(); p++) {
            Page page = pages.get(p);
            BitSet bits = scanned(page);
            int free = bits.nextClearBit(page.firstFree);
            page.firstFree = free;
            if (free < SLOTS_PER_PAGE) {
                bits.set(free);
                searchFrom = p;
                return new Taken(slot(page.offset, free), 0);
            }
        }
        long offset = allocator.allocate(PAGE_SIZE);
        BitSet bits = new BitSet(SLOTS_PER_PAGE);
        bits.set(0);
        add(new Page(offset, bits));
        searchFrom = pages.size() - 1;
        return new Taken(slot(offset, 0), offset);
    }

    /** Gives back a slot taken by a commit that failed before its record was durable. */
    public synchronized void giveBack(Taken taken) {
        indexed();
        if (taken.newPage() != 0) {
            Page page = byOffset.remove(taken.newPage());
            pages.remove(page.index);
            offsets.remove(page.index);
            for (int p = page.index; p < pages.size(); p++) {
                pages.get(p).index = p;
            }
            allocator.release(taken.newPage(), PAGE_SIZE);
            searchFrom = 0;
            return;
        }
        release(taken.slot());
    }

    /** A slot emptied by garbage collection (its 0 is logged and applied) is free again. */
    public synchronized void release(long slot) {
        indexed();
        Map.Entry<Long, Page> e = byOffset.floorEntry(slot);
        if (e == null || slot >= e.getKey() + PAGE_SIZE) {
            throw PersimmonException.corrupt(slot, "slot is in no page of table " + tableId);
        }
        Page page = e.getValue();
        int index = (int) ((slot - page.offset - SLOTS_OFFSET) / 8);
        scanned(page).clear(index);
        page.firstFree = Math.min(page.firstFree, index);
        searchFrom = Math.min(searchFrom, page.index);
    }

    /** A record (applied, or replayed by recovery) allocated {@code page} for this table. */
    public synchronized void adoptReplayedPage(long page) {
        if (unindexed != null) {
            if (adopted.isEmpty()) {
                adopted = new ArrayList<>();
            }
            adopted.add(page); // indexed after the named pages, as if adopted after them
            return;
        }
        if (!byOffset.containsKey(page)) { // a commit's own new page (applied, not replayed) is known already
            add(new Page(page, null));
        }
    }

    private void add(Page page) {
        page.index = pages.size();
        pages.add(page);
        offsets.add(page.offset);
        byOffset.put(page.offset, page);
    }

    private BitSet scanned(Page page) {
        if (page.used == null) {
            BitSet bits = new BitSet(SLOTS_PER_PAGE);
            MemorySegment s = pool.get();
            for (int i = 0; i < SLOTS_PER_PAGE; i++) {
                if (s.get(PoolLayouts.LONG, slot(page.offset, i)) != 0) {
                    bits.set(i);
                }
            }
            page.used = bits;
        }
        return page.used;
    }

    /** The pages, in order (for the catalog). */
    public synchronized List<Long> pages() {
        if (unindexed != null && adopted.isEmpty()) {
            return unindexed; // as the catalog named them (unmodifiable, see the constructor)
        }
        indexed();
        return List.copyOf(offsets);
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
