package io.persimmon.tools;

import io.persimmon.engine.catalog.CatalogBlock;
import io.persimmon.engine.mvcc.SlotPageLayout;
import io.persimmon.engine.mvcc.VersionLayout;
import io.persimmon.engine.mvcc.Versions;
import io.persimmon.engine.pmem.PoolLayouts;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks the version chains of one table's slot pages without trusting them: every slot page must
 * carry its magic and the table's id, every version must lie inside the pool on a 64-byte line,
 * carry a sane row length, and appear once (a chain that loops back is reported, not followed
 * for ever). Used by {@code info} for its statistics and by {@code check} before the engine's
 * own walk, which assumes sound chains.
 */
final class VersionChains {
    private static final int LINE = 64;
    private static final int MAX_PROBLEMS = 20;

    /**
     * What the walk found.
     *
     * @param slots     occupied slots (rows with at least one version)
     * @param liveRows  slots whose newest version is not a tombstone
     * @param versions  versions over all chains
     * @param longest   versions in the longest chain
     * @param problems  sentences naming the offset of each breach
     */
    record Stats(long slots, long liveRows, long versions, long longest, List<String> problems) {
        double mean() {
            return slots == 0 ? 0 : (double) versions / slots;
        }
    }

    private VersionChains() {}

    static Stats walk(MemorySegment s, CatalogBlock.TableEntry table) {
        List<String> problems = new ArrayList<>();
        long slots = 0;
        long live = 0;
        long versions = 0;
        long longest = 0;
        String name = table.definition().name();
        for (long page : table.slotPages()) {
            if (page <= 0 || page % LINE != 0 || page + SlotPageLayout.PAGE_SIZE > s.byteSize()) {
                problem(problems, "table " + name + ": slot page at offset " + page + " lies outside the pool");
                continue;
            }
            if (s.get(PoolLayouts.LONG, page) != SlotPageLayout.MAGIC) {
                problem(problems, "table " + name + ": slot page at offset " + page + " has no magic");
                continue;
            }
            long owner = s.get(PoolLayouts.LONG, page + SlotPageLayout.TABLE_OFFSET);
            if (owner != table.id()) {
                problem(problems, "table " + name + ": slot page at offset " + page + " belongs to table id " + owner
                        + ", not " + table.id());
            }
            for (int i = 0; i < SlotPageLayout.SLOTS_PER_PAGE; i++) {
                long slot = SlotPageLayout.slot(page, i);
                long newest = s.get(PoolLayouts.LONG, slot);
                if (newest == 0) {
                    continue;
                }
                slots++;
                long length = chain(s, name, slot, newest, problems);
                if (length > 0 && !Versions.isTombstone(s, newest)) {
                    live++;
                }
                versions += Math.max(length, 0);
                longest = Math.max(longest, length);
            }
        }
        return new Stats(slots, live, versions, longest, List.copyOf(problems));
    }

    /** The length of the chain from {@code newest}, or -1 after reporting why it cannot be followed. */
    private static long chain(MemorySegment s, String table, long slot, long newest, List<String> problems) {
        Set<Long> seen = new HashSet<>();
        long length = 0;
        long previousTimestamp = Long.MAX_VALUE;
        for (long v = newest; v != 0; v = Versions.previous(s, v)) {
            String where = "table " + table + ": version at offset " + v + " (chain of slot " + slot + ")";
            if (v < 0 || v % LINE != 0 || v + VersionLayout.ROW_OFFSET > s.byteSize()) {
                problem(problems, where + " lies outside the pool or off a line");
                return -1;
            }
            int rowLength = Versions.rowLength(s, v);
            if (rowLength < 0 || v + VersionLayout.size(rowLength) > s.byteSize()) {
                problem(problems, where + " claims " + rowLength + " row bytes");
                return -1;
            }
            if (!seen.add(v)) {
                problem(problems, where + " is reached twice: the chain loops");
                return -1;
            }
            long timestamp = Versions.timestamp(s, v);
            if (timestamp >= previousTimestamp) {
                problem(problems, where + " has timestamp " + timestamp + ", not older than the version before it ("
                        + previousTimestamp + ")");
                return -1;
            }
            previousTimestamp = timestamp;
            length++;
        }
        return length;
    }

    private static void problem(List<String> problems, String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        }
    }
}
