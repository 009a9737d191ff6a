package io.persimmon.engine.mvcc;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.persimmon.engine.mvcc.SlotPageLayout.PAGE_SIZE;
import static io.persimmon.engine.mvcc.SlotPageLayout.SLOTS_PER_PAGE;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Which slots {@link SlotPages} hands out: every slot once until it is given back, a released
 * slot again before any slot of a later page, on whichever of many pages it lies, and a slot in no
 * page of the table refused as corruption.
 */
class SlotPagesTest {
    @TempDir
    Path dir;
    private Pool pool;
    private SlotPages slots;

    @BeforeEach
    void open() {
        pool = Pool.open(dir.resolve("slots.pool"), PoolOptions.defaults().withMode(PersistenceMode.PROCESS));
        slots = new SlotPages(7, pool.segments(), pool.allocator(), List.of());
    }

    @AfterEach
    void close() {
        pool.close();
    }

    /** Takes {@code n} slots; a slot taken from a new page is marked used in it, as the commit's record would. */
    private List<SlotPages.Taken> take(int n) {
        List<SlotPages.Taken> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            taken.add(slots.take());
        }
        return taken;
    }

    @Test
    void everySlotOnceAcrossPages() {
        List<SlotPages.Taken> taken = take(3 * SLOTS_PER_PAGE + 5);
        Set<Long> distinct = new HashSet<>();
        for (SlotPages.Taken t : taken) {
            assertTrue(distinct.add(t.slot()), "slot " + t.slot() + " handed out twice");
        }
        assertEquals(4, slots.pages().size());
        assertEquals(4, taken.stream().filter(t -> t.newPage() != 0).count(), "a new page each " + SLOTS_PER_PAGE + " slots");
    }

    @Test
    void aReleasedSlotOfAnEarlyPageIsTakenFirst() {
        List<SlotPages.Taken> taken = take(40 * SLOTS_PER_PAGE);
        long early = taken.get(3 * SLOTS_PER_PAGE + 17).slot(); // on the fourth of forty full pages
        long late = taken.get(29 * SLOTS_PER_PAGE + 2).slot();
        slots.release(late);
        slots.release(early);
        assertEquals(early, slots.take().slot());
        assertEquals(late, slots.take().slot());
        SlotPages.Taken next = slots.take();
        assertNotEquals(0, next.newPage(), "the pages were full again");
    }

    @Test
    void aPageGivenBackLeavesTheOthersInTheirPlaces() {
        List<SlotPages.Taken> taken = take(2 * SLOTS_PER_PAGE + 1); // the third page is new for the last slot
        SlotPages.Taken onNewPage = taken.getLast();
        assertNotEquals(0, onNewPage.newPage());
        slots.giveBack(onNewPage);
        assertEquals(2, slots.pages().size());
        long second = taken.get(SLOTS_PER_PAGE + 9).slot();
        slots.release(second);
        assertEquals(second, slots.take().slot(), "the released slot of the second page, found after the removal");
        assertFalse(pool.allocator().isAllocated(onNewPage.newPage(), PAGE_SIZE), "the page given back is free");
    }

    @Test
    void aPageGivenBackFromTheMiddleLeavesTheLaterPagesFoundByTheirSlots() {
        take(2 * SLOTS_PER_PAGE);
        SlotPages.Taken third = slots.take(); // a new third page
        take(SLOTS_PER_PAGE - 1);
        SlotPages.Taken fourth = slots.take(); // a new fourth page
        slots.giveBack(third);
        take(SLOTS_PER_PAGE - 1); // the fourth page, now the third, full
        SlotPages.Taken fifth = slots.take();
        assertNotEquals(0, fifth.newPage());
        slots.release(fourth.slot());
        assertEquals(fourth.slot(), slots.take().slot(), "the slot released on the page that moved up, before the last page's");
    }

    @Test
    void aSlotInNoPageOfTheTableIsCorruption() {
        List<SlotPages.Taken> taken = take(2);
        long page = taken.getFirst().newPage();
        for (long slot : new long[] {page - 8, page + PAGE_SIZE, 64}) {
            PersimmonException e = assertThrows(PersimmonException.class, () -> slots.release(slot));
            assertEquals(ErrorCode.CORRUPT, e.code(), e::getMessage);
        }
    }

    @Test
    void pagesReadFromThePoolAreScannedForSlotsInUse() {
        List<SlotPages.Taken> taken = take(5);
        long page = taken.getFirst().newPage();
        // The page is fresh (zero): only what is set here is in use when the pages are read anew.
        for (int i = 0; i < 5; i += 2) { // slots 0, 2 and 4 hold a version; 1 and 3 are free
            pool.segment().set(io.persimmon.engine.pmem.PoolLayouts.LONG, SlotPageLayout.slot(page, i), 4096);
        }
        SlotPages reopened = new SlotPages(7, pool.segments(), pool.allocator(), List.of(page));
        assertEquals(SlotPageLayout.slot(page, 1), reopened.take().slot());
        assertEquals(SlotPageLayout.slot(page, 3), reopened.take().slot());
        assertEquals(SlotPageLayout.slot(page, 5), reopened.take().slot());
    }

    @Test
    void pagesAdoptedBeforeFirstUseComeAfterTheNamedOnesOnce() {
        // Three full pages, as the catalog would name them, and a fourth a replayed record allocated.
        List<SlotPages.Taken> taken = take(4 * SLOTS_PER_PAGE);
        List<Long> pages = new ArrayList<>();
        for (SlotPages.Taken t : taken) {
            if (t.newPage() != 0) {
                pages.add(t.newPage());
            }
        }
        assertEquals(4, pages.size());
        for (SlotPages.Taken t : taken) {
            pool.segment().set(io.persimmon.engine.pmem.PoolLayouts.LONG, t.slot(), 4096); // every slot in use
        }
        long freeInSecond = SlotPageLayout.slot(pages.get(1), 7);
        pool.segment().set(io.persimmon.engine.pmem.PoolLayouts.LONG, freeInSecond, 0);
        long freeInAdopted = SlotPageLayout.slot(pages.get(3), 0);
        pool.segment().set(io.persimmon.engine.pmem.PoolLayouts.LONG, freeInAdopted, 0);

        SlotPages reopened = new SlotPages(7, pool.segments(), pool.allocator(), List.copyOf(pages.subList(0, 3)));
        reopened.adoptReplayedPage(pages.get(3));
        reopened.adoptReplayedPage(pages.get(0)); // named already: not a second time
        assertEquals(pages, reopened.pages(), "the named pages, then the adopted one, each once");
        assertEquals(freeInSecond, reopened.take().slot(), "a free slot of a named page first");
        assertEquals(freeInAdopted, reopened.take().slot(), "then one of the adopted page");
        reopened.release(SlotPageLayout.slot(pages.get(2), 9)); // a slot of a named page is known
        assertEquals(SlotPageLayout.slot(pages.get(2), 9), reopened.take().slot());
    }

    @Test
    void namedPagesAreKnownToReleaseBeforeAnyTake() {
        List<SlotPages.Taken> taken = take(2 * SLOTS_PER_PAGE);
        long second = taken.getLast().slot();
        List<Long> pages = List.of(taken.getFirst().newPage(), taken.get(SLOTS_PER_PAGE).newPage());
        for (SlotPages.Taken t : taken) {
            pool.segment().set(io.persimmon.engine.pmem.PoolLayouts.LONG, t.slot(), 4096);
        }
        SlotPages reopened = new SlotPages(7, pool.segments(), pool.allocator(), pages);
        reopened.release(second); // garbage collection, before anything was taken
        assertEquals(second, reopened.take().slot());
        assertNotEquals(0, reopened.take().newPage(), "every other slot is in use");
    }
}
