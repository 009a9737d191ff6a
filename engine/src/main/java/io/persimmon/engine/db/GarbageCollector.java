package io.persimmon.engine.db;

import io.persimmon.engine.mvcc.VersionLayout;
import io.persimmon.engine.mvcc.Versions;
import io.persimmon.engine.txn.RedoWriter;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One pass of garbage collection (under the commit lock). For each row, the versions kept are
 * the newest and, for each open snapshot, the one it sees; the others are freed and unlinked
 * (previous-version words pointed past them). When the newest is a tombstone that every snapshot
 * sees, the whole row is dead: its versions are freed, its slot set to 0 and its primary-key
 * entry deleted. Then each secondary index drops the entries that no
 * remaining version carries. Every change is in redo records (SET8, FREE, TREE_DELETE), appended
 * and applied like commits, so a crash anywhere leaves a state recovery completes; frees are
 * logged frees (A2), and the reader epochs keep a block from reuse while a reader may be in it.
 */
public final class GarbageCollector {
    /** What a pass did. */
    public record Result(long versionsFreed, long rowsRemoved, long indexEntriesRemoved, long records) {}

    private final Database db;
    private final long limit;
    private RedoWriter redo = new RedoWriter();
    private long versionsFreed;
    private long rowsRemoved;
    private long entriesRemoved;
    private long records;
    private final List<Long> freedSlots = new ArrayList<>();
    private final List<Table> freedSlotTables = new ArrayList<>();

    GarbageCollector(Database db) {
        this.db = db;
        this.limit = db.log.maxRecordBody() / 2;
    }

    /**
     * Collects below {@code snapshots}: the snapshots of the open transactions and the clock,
     * ascending. A version is kept when it is the newest or some snapshot sees it.
     */
    Result run(long[] snapshots) {
        for (Table t : List.copyOf((java.util.Collection<Table>) db.tablesById())) {
            collectRows(t, snapshots);
            flush();
            for (Index index : t.indexes) {
                collectEntries(t, index);
            }
            flush();
        }
        db.epochs.advance();
        return new Result(versionsFreed, rowsRemoved, entriesRemoved, records);
    }

    private void collectRows(Table t, long[] snapshots) {
        MemorySegment s = db.pool.segment();
        TreeStore.EntryCursor c = t.primary.scan(null, true, null, true, false);
        List<byte[]> keys = new ArrayList<>();
        List<Long> slots = new ArrayList<>();
        while (c.next()) {
            keys.add(c.key());
            slots.add(c.value());
        }
        long oldest = snapshots[0];
        for (int i = 0; i < keys.size(); i++) {
            long slot = slots.get(i);
            long newest = Versions.newest(s, slot);
            if (newest == 0) {
                continue;
            }
            if (Versions.isTombstone(s, newest) && Versions.timestamp(s, newest) <= oldest) {
                // Every snapshot sees the row deleted: the whole row goes.
                for (long v = newest; v != 0; v = Versions.previous(s, v)) {
                    redo.free(v, Versions.blockSize(s, v));
                    versionsFreed++;
                }
                redo.set8(slot, 0).treeDelete(t.id, keys.get(i));
                rowsRemoved++;
                freedSlots.add(slot);
                freedSlotTables.add(t);
            } else {
                collectChain(s, newest, snapshots);
            }
            if (redo.length() > limit) {
                flush();
            }
        }
    }

    /**
     * Walks a chain newest first, keeping the newest version and, for each snapshot, the newest
     * version at or before it; the others are freed, and each kept version's previous-version word
     * is pointed at the next kept one (a reader already past it still finds the freed versions
     * intact: the reader epochs keep them from reuse).
     */
    private void collectChain(MemorySegment s, long newest, long[] snapshots) {
        long lastKept = newest;
        int snapshot = snapshots.length - 1; // the newest snapshot not yet served
        while (snapshot >= 0 && snapshots[snapshot] >= Versions.timestamp(s, newest)) {
            snapshot--; // the newest version serves every snapshot at or after it
        }
        boolean unlinked = false;
        for (long v = Versions.previous(s, newest); v != 0; v = Versions.previous(s, v)) {
            long ts = Versions.timestamp(s, v);
            if (snapshot >= 0 && ts <= snapshots[snapshot]) {
                if (unlinked) {
                    redo.set8(lastKept + VersionLayout.PREVIOUS_OFFSET, v);
                    unlinked = false;
                }
                lastKept = v;
                while (snapshot >= 0 && snapshots[snapshot] >= ts) {
                    snapshot--;
                }
            } else {
                redo.free(v, Versions.blockSize(s, v));
                versionsFreed++;
                unlinked = true;
            }
        }
        if (unlinked) {
            redo.set8(lastKept + VersionLayout.PREVIOUS_OFFSET, 0);
        }
    }

    /** Deletes the entries of {@code index} that no version of their row carries any more. */
    private void collectEntries(Table t, Index index) {
        MemorySegment s = db.pool.segment();
        TreeStore.EntryCursor c = index.tree.scan(null, true, null, true, false);
        List<byte[]> stale = new ArrayList<>();
        while (c.next()) {
            if (!carried(s, t, index, c.key(), c.value())) {
                stale.add(c.key());
            }
        }
        for (byte[] key : stale) {
            redo.treeDelete(index.id, key);
            entriesRemoved++;
            if (redo.length() > limit) {
                flush();
            }
        }
    }

    private static boolean carried(MemorySegment s, Table t, Index index, byte[] key, long slot) {
        for (long v = Versions.newest(s, slot); v != 0; v = Versions.previous(s, v)) {
            if (!Versions.isTombstone(s, v) && Arrays.equals(index.keyOf(t.decode(s, v)), key)) {
                return true;
            }
        }
        return false;
    }

    private void flush() {
        if (redo.isEmpty()) {
            return;
        }
        db.commitSystem(redo);
        records++;
        for (int i = 0; i < freedSlots.size(); i++) {
            freedSlotTables.get(i).slots.release(freedSlots.get(i));
        }
        freedSlots.clear();
        freedSlotTables.clear();
        redo = new RedoWriter();
    }
}
