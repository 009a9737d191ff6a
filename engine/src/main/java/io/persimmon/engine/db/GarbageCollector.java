package io.persimmon.engine.db;

import io.persimmon.engine.mvcc.VersionLayout;
import io.persimmon.engine.mvcc.Versions;
import io.persimmon.engine.txn.RedoWriter;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One pass of garbage collection below the oldest snapshot (under the commit lock). For each row:
 * the newest version at or before the oldest snapshot is the last any reader can reach, so the
 * versions older than it are freed and its previous-version word is set to 0; when that version
 * is a tombstone and also the newest, the whole row is dead: its versions are freed, its slot set
 * to 0 and its primary-key entry deleted. Then each secondary index drops the entries that no
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

    Result run(long oldest) {
        for (Table t : List.copyOf((java.util.Collection<Table>) db.tablesById())) {
            collectRows(t, oldest);
            flush();
            for (Index index : t.indexes) {
                collectEntries(t, index);
            }
            flush();
        }
        db.epochs.advance();
        return new Result(versionsFreed, rowsRemoved, entriesRemoved, records);
    }

    private void collectRows(Table t, long oldest) {
        MemorySegment s = db.pool.segment();
        TreeStore.EntryCursor c = t.primary.scan(null, true, null, true, false);
        List<byte[]> keys = new ArrayList<>();
        List<Long> slots = new ArrayList<>();
        while (c.next()) {
            keys.add(c.key());
            slots.add(c.value());
        }
        for (int i = 0; i < keys.size(); i++) {
            long slot = slots.get(i);
            long newest = Versions.newest(s, slot);
            long base = newest;
            while (base != 0 && Versions.timestamp(s, base) > oldest) {
                base = Versions.previous(s, base);
            }
            if (base == 0) {
                continue; // every version is newer than the oldest snapshot
            }
            for (long v = Versions.previous(s, base); v != 0; v = Versions.previous(s, v)) {
                redo.free(v, Versions.blockSize(s, v));
                versionsFreed++;
            }
            if (base == newest && Versions.isTombstone(s, base)) {
                redo.free(base, Versions.blockSize(s, base)).set8(slot, 0).treeDelete(t.id, keys.get(i));
                versionsFreed++;
                rowsRemoved++;
                freedSlots.add(slot);
                freedSlotTables.add(t);
            } else if (Versions.previous(s, base) != 0) {
                redo.set8(base + VersionLayout.PREVIOUS_OFFSET, 0);
            }
            if (redo.length() > limit) {
                flush();
            }
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
