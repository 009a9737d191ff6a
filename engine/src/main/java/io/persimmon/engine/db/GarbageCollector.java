package io.persimmon.engine.db;

import io.persimmon.engine.btree.BTree;
import io.persimmon.engine.btree.ReaderEpochs;
import io.persimmon.engine.mvcc.VersionLayout;
import io.persimmon.engine.mvcc.Versions;
import io.persimmon.engine.txn.RedoWriter;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One pass of garbage collection, over the rows updated or deleted since the last pass
 * ({@link GarbageCandidates}; every row in the first pass after an open), in steps of a bounded
 * number of rows, each under the commit lock with the snapshot set of that moment (the step's rows
 * and their slots are found before, outside the lock: {@link #prepare}). For each row,
 * the versions kept are the newest and, for each open snapshot, the one it sees; the others are
 * freed and unlinked (previous-version words pointed past them). When the newest is a tombstone
 * that every snapshot sees, the whole row is dead: its versions are freed, its slot set to 0 and
 * its primary-key entry deleted. The secondary entries that only freed versions carried are
 * deleted in the same record as the frees, so that every entry always matches a version of its
 * row. Every change is in redo records (SET8, FREE, TREE_DELETE), appended and applied like
 * commits, so a crash anywhere leaves a state recovery completes; frees are logged frees (A2),
 * and the reader epochs keep a block from reuse while a reader may be in it.
 */
public final class GarbageCollector {
    /** What a pass did. */
    public record Result(long rowsExamined, long versionsFreed, long rowsRemoved, long indexEntriesRemoved,
                         long records) {}

    private final Database db;
    private final long limit;
    private RedoWriter redo = new RedoWriter();
    private long rowsExamined;
    private long versionsFreed;
    private long rowsRemoved;
    private long entriesRemoved;
    private long records;
    private final List<Long> freedSlots = new ArrayList<>();
    private final List<Table> freedSlotTables = new ArrayList<>();

    /** The rows of this pass, table by table: the noted candidates, or (first pass after an open) every row. */
    private final java.util.ArrayDeque<Table> tables = new java.util.ArrayDeque<>();
    private final Map<Table, List<GarbageCandidates.Row>> candidates;
    private int position;
    private byte[] lastKey;
    /** The rows of the next step, table by table, with their slots ({@link #prepare}). */
    private final List<Map.Entry<Table, Rows>> prepared = new ArrayList<>();

    GarbageCollector(Database db) {
        this.db = db;
        this.limit = db.log.maxRecordBody() / 2;
        this.candidates = db.garbage.takeAll();
        tables.addAll(candidates == null ? List.copyOf((java.util.Collection<Table>) db.tablesById())
                : candidates.keySet());
    }

    /**
     * Picks the next step's rows, up to {@code rows}, and looks their slots up, outside every lock,
     * so that commits go on meanwhile (the tree lookups were the larger part of a step's time under
     * the commit lock). A slot found here is the row's slot at the step: only garbage collection
     * removes primary-key entries, and the steps before this one are applied. A key not found was
     * removed by an earlier pass; a commit that inserts it again meanwhile makes a row with nothing
     * to collect yet. A table dropped meanwhile is skipped by the step.
     */
    void prepare(int rows) {
        try (ReaderEpochs.Guard g = db.epochs.enter()) { // the nodes read stay unreused (A4)
            while (rows > 0 && !tables.isEmpty()) {
                Table t = tables.peek();
                Rows keys = t.dropped ? Rows.NONE : next(t, rows);
                if (keys.keys().isEmpty()) {
                    tables.poll();
                    position = 0;
                    lastKey = null;
                    continue;
                }
                prepared.add(Map.entry(t, keys.withSlots(t)));
                rows -= keys.keys().size();
            }
        }
    }

    /**
     * Collects the rows {@link #prepare} picked (under the commit lock, with no record in flight)
     * below {@code snapshots}: the snapshots of the open transactions and the clock, ascending,
     * taken under that same lock. A version is kept when it is the newest or some snapshot sees
     * it. Each step ends with its records applied, so the lock may be released between steps;
     * returns whether rows remain.
     */
    boolean step(long[] snapshots) {
        for (Map.Entry<Table, Rows> batch : prepared) {
            if (!batch.getKey().dropped) {
                collectRows(batch.getKey(), batch.getValue(), snapshots);
            }
        }
        prepared.clear();
        flush();
        db.epochs.advance();
        return !tables.isEmpty();
    }

    /** Whether nothing is left to collect: no row prepared, none to prepare. */
    boolean finished() {
        return prepared.isEmpty() && tables.isEmpty();
    }

    /** What the pass did so far. */
    Result result() {
        return new Result(rowsExamined, versionsFreed, rowsRemoved, entriesRemoved, records);
    }

    /** Primary keys with their slots, or with null slots when they are to be looked up. */
    private record Rows(List<byte[]> keys, List<Long> slots) {
        static final Rows NONE = new Rows(List.of(), null);

        /** These rows with their slots, looked up in {@code t}'s primary tree where not known. */
        Rows withSlots(Table t) {
            if (slots != null) {
                return this;
            }
            List<Long> found = new ArrayList<>(keys.size());
            for (byte[] key : keys) {
                found.add(t.primary.get(key));
            }
            return new Rows(keys, found);
        }
    }

    /** The next {@code n} rows of {@code t} in this pass. */
    private Rows next(Table t, int n) {
        if (candidates != null) {
            List<GarbageCandidates.Row> all = candidates.get(t);
            List<byte[]> keys = all.subList(position, Math.min(all.size(), position + n)).stream()
                    .map(GarbageCandidates.Row::key).toList();
            position += keys.size();
            return new Rows(keys, null);
        }
        TreeStore.EntryCursor c = t.primary.scan(lastKey, false, null, true, false);
        List<byte[]> keys = new ArrayList<>();
        List<Long> slots = new ArrayList<>();
        while (keys.size() < n && c.next()) {
            keys.add(c.key());
            slots.add(c.value());
        }
        if (!keys.isEmpty()) {
            lastKey = keys.getLast();
        }
        return new Rows(keys, slots);
    }

    private void collectRows(Table t, Rows rows, long[] snapshots) {
        MemorySegment s = db.pool.segment();
        long oldest = snapshots[0];
        for (int i = 0; i < rows.keys().size(); i++) {
            byte[] key = rows.keys().get(i);
            rowsExamined++;
            long slot = rows.slots().get(i);
            if (slot == BTree.NOT_FOUND) {
                continue; // removed by an earlier pass
            }
            long newest = Versions.newest(s, slot);
            if (newest == 0) {
                continue;
            }
            Versions.checkOwner(s, newest, slot); // never free another row's versions
            List<Long> freed = new ArrayList<>();
            List<Long> kept = new ArrayList<>();
            if (Versions.isTombstone(s, newest) && Versions.timestamp(s, newest) <= oldest) {
                // Every snapshot sees the row deleted: the whole row goes.
                for (long v = newest; v != 0; v = Versions.previous(s, v)) {
                    Versions.checkOwner(s, v, slot);
                    freed.add(v);
                }
                redo.set8(slot, 0).treeDelete(t.id, key);
                rowsRemoved++;
                freedSlots.add(slot);
                freedSlotTables.add(t);
            } else {
                collectChain(s, slot, newest, snapshots, kept, freed);
                if (kept.size() > 1 || Versions.isTombstone(s, newest)) {
                    db.garbage.requeue(new GarbageCandidates.Row(t, key)); // a snapshot still needs what is kept
                }
            }
            for (long v : freed) {
                redo.free(v, Versions.blockSize(s, v));
                versionsFreed++;
            }
            dropEntries(s, t, slot, kept, freed);
            if (redo.length() > limit) {
                flush();
            }
        }
    }

    /**
     * Walks a chain newest first, keeping the newest version and, for each snapshot, the newest
     * version at or before it; the others go to {@code freed}, and each kept version's
     * previous-version word is pointed at the next kept one (a reader already past it still finds
     * the freed versions intact: the reader epochs keep them from reuse).
     */
    private void collectChain(MemorySegment s, long slot, long newest, long[] snapshots, List<Long> kept, List<Long> freed) {
        kept.add(newest);
        long lastKept = newest;
        int snapshot = snapshots.length - 1; // the newest snapshot not yet served
        while (snapshot >= 0 && snapshots[snapshot] >= Versions.timestamp(s, newest)) {
            snapshot--; // the newest version serves every snapshot at or after it
        }
        boolean unlinked = false;
        for (long v = Versions.previous(s, newest); v != 0; v = Versions.previous(s, v)) {
            Versions.checkOwner(s, v, slot);
            long ts = Versions.timestamp(s, v);
            if (snapshot >= 0 && ts <= snapshots[snapshot]) {
                if (unlinked) {
                    redo.set8(lastKept + VersionLayout.PREVIOUS_OFFSET, v);
                    unlinked = false;
                }
                kept.add(v);
                lastKept = v;
                while (snapshot >= 0 && snapshots[snapshot] >= ts) {
                    snapshot--;
                }
            } else {
                freed.add(v);
                unlinked = true;
            }
        }
        if (unlinked) {
            redo.set8(lastKept + VersionLayout.PREVIOUS_OFFSET, 0);
        }
    }

    /**
     * Deletes, in the same record as the frees (so that every entry always matches a version of
     * its row), the secondary entries that only freed versions carried.
     */
    private void dropEntries(MemorySegment s, Table t, long slot, List<Long> kept, List<Long> freed) {
        if (freed.isEmpty() || t.indexes.isEmpty()) {
            return;
        }
        for (Index index : t.indexes) {
            java.util.Set<String> keep = new java.util.HashSet<>();
            for (long v : kept) {
                if (!Versions.isTombstone(s, v)) {
                    keep.add(java.util.HexFormat.of().formatHex(index.keyOf(t.decode(s, v))));
                }
            }
            java.util.Set<String> dropped = new java.util.HashSet<>();
            for (long v : freed) {
                if (Versions.isTombstone(s, v)) {
                    continue;
                }
                byte[] key = index.keyOf(t.decode(s, v));
                String hex = java.util.HexFormat.of().formatHex(key);
                if (!keep.contains(hex) && dropped.add(hex) && index.tree.get(key) == slot) {
                    redo.treeDelete(index.id, key);
                    entriesRemoved++;
                }
            }
        }
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
