package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.btree.BTree;
import io.persimmon.engine.mvcc.SlotPageLayout;
import io.persimmon.engine.mvcc.SlotPages;
import io.persimmon.engine.mvcc.VersionLayout;
import io.persimmon.engine.mvcc.Versions;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.txn.RedoWriter;
import io.persimmon.engine.txn.SpilledBody;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encodes a transaction's writes as one redo record at timestamp {@code ts} (under the commit
 * lock): per row, a new version block (ALLOC, WRITE of its image whose previous-version word is
 * the row's current newest version, SET8 of the slot), a new slot and its primary-key entry for a
 * new key (and a new slot page when none has room), and the secondary-index entries its new
 * values need; per table, the change of its row count.
 */
final class CommitEncoder {
    final RedoWriter redo;
    /** A first guess of a row's redo bytes (version image, slot swing, index entries), so that the buffer rarely grows. */
    private static final int BYTES_PER_WRITE = 256;

    long superseded;
    /** The rows whose chains this record gives an older version: the garbage collector's candidates. */
    final List<GarbageCandidates.Row> candidates = new ArrayList<>();
    private final Pool pool;
    private final long ts;
    private final List<long[]> blocks = new ArrayList<>();
    private final List<Map.Entry<Table, SlotPages.Taken>> taken = new ArrayList<>();
    /** The change of each table's row count, tables in the order first written ({@link #countRows}). */
    private Table[] countedTables = new Table[2];
    private long[] rowDeltas = new long[2];
    private int counted;
    /** What {@link #logged()} returns; the block of a spilled body, null while the body is inline. */
    private RedoWriter logged;
    private SpilledBody spill;

    /** An encoder of the record at {@code ts} for about {@code writes} rows. */
    CommitEncoder(Pool pool, long ts, int writes) {
        this.redo = new RedoWriter(BYTES_PER_WRITE * Math.min(writes, 4096) + 64);
        this.logged = redo;
        this.pool = pool;
        this.ts = ts;
    }

    void add(Write w) {
        Table t = w.table;
        if (w.row != null && w.row.length != t.shape.stored().length) {
            throw new PersimmonException(ErrorCode.SERIALIZATION_FAILURE, "table " + t.name()
                    + " was altered after this transaction wrote to it; retry the transaction");
        }
        if (w.row != null && w.uniqueChecked != t.uniqueIndexGeneration) {
            throw new PersimmonException(ErrorCode.SERIALIZATION_FAILURE, "table " + t.name()
                    + " gained a unique index after this transaction wrote to it; retry the transaction");
        }
        MemorySegment s = pool.segment();
        // The slot found when the row was locked holds while no removal has happened since.
        long slot = t.primary.removals() == w.removals ? w.slot : t.primary.get(w.key);
        long previous = 0;
        Object[] previousRow = null;
        if (slot == BTree.NOT_FOUND) {
            if (w.row == null) {
                return; // deleting a row that never reached the tree: nothing to write
            }
            SlotPages.Taken tk = t.slots.take();
            taken.add(Map.entry(t, tk));
            if (tk.newPage() != 0) {
                byte[] header = Arrays.copyOf(t.slots.newPageImage(), SlotPageLayout.SLOTS_OFFSET);
                redo.alloc(tk.newPage(), SlotPageLayout.PAGE_SIZE)
                        .zero(tk.newPage(), SlotPageLayout.PAGE_SIZE)
                        .write(tk.newPage(), header)
                        .logical(CatalogOps.SLOT_PAGE, CatalogOps.longs(t.id, tk.newPage()));
            }
            slot = tk.slot();
            t.requireStorablePrimaryKey(w.key);
            redo.treePut(t.id, w.key, slot);
        } else {
            previous = Versions.newest(s, slot);
            if (previous != 0) {
                Versions.checkOwner(s, previous, slot); // the new version must not chain onto another row's
            }
            if (previous != 0 && !Versions.isTombstone(s, previous)) {
                // The transaction has held the row's lock since it read w.before from this same
                // newest version, so that row is it, unless the table was altered in between.
                previousRow = w.before != null && w.before.length == t.shape.stored().length ? w.before
                        : t.decode(s, previous);
            }
            if (w.row == null && previousRow == null) {
                return;
            }
        }
        boolean tombstone = w.row == null;
        byte[] row = tombstone ? null : w.encodedRow();
        int size = VersionLayout.size(tombstone ? 0 : row.length);
        long version = pool.allocator().allocate(size);
        blocks.add(new long[] {version, size});
        redo.alloc(version, size);
        int image = redo.write(version, size); // the version's bytes, encoded in place in the record
        Versions.imageInto(redo.array(), image, ts, previous, tombstone, row, slot);
        redo.set8(slot, version);
        if (previous != 0) {
            superseded++;
            candidates.add(new GarbageCandidates.Row(t, w.key));
        }
        if (w.row != null) {
            for (Index index : t.indexes) {
                byte[] key = index.keyOf(w.row);
                if (previousRow == null || !Arrays.equals(key, index.keyOf(previousRow))) {
                    // Checked when the row was written, but the index may have been created since.
                    index.requireStorable(key);
                    redo.treePut(index.id, key, slot);
                }
            }
        }
        long delta = (w.row != null ? 1 : 0) - (previousRow != null ? 1 : 0);
        if (delta != 0) {
            countRows(t, delta);
        }
    }

    /** Adds {@code delta} to the change of {@code t}'s row count (a record writes to few tables: a linear search). */
    private void countRows(Table t, long delta) {
        for (int i = 0; i < counted; i++) {
            if (countedTables[i] == t) {
                rowDeltas[i] += delta;
                return;
            }
        }
        if (counted == countedTables.length) {
            countedTables = Arrays.copyOf(countedTables, counted * 2);
            rowDeltas = Arrays.copyOf(rowDeltas, counted * 2);
        }
        countedTables[counted] = t;
        rowDeltas[counted++] = delta;
    }

    /** Ends the rows' operations with the row-count changes. */
    void finish() {
        for (int i = 0; i < counted; i++) {
            if (rowDeltas[i] != 0) {
                redo.logical(CatalogOps.ROW_COUNT, CatalogOps.longs(countedTables[i].id, rowDeltas[i]));
            }
        }
    }

    /**
     * The body is complete: one longer than {@code inlineLimit} bytes is written to a block of its
     * own, durable before the record (C7), and the record to append becomes the small one naming it.
     */
    void seal(long inlineLimit) {
        if (redo.length() > inlineLimit) {
            spill = SpilledBody.write(pool, redo.array(), redo.length());
            logged = spill.record();
        }
    }

    /** The body to append: the encoded one, or after {@link #seal} spilled it, the small one naming its block. */
    RedoWriter logged() {
        return logged;
    }

    /** The record was not appended: give back every block and slot taken for it (no record names them). */
    void abandon() {
        if (spill != null) {
            spill.release();
            spill = null;
            logged = redo;
        }
        for (long[] b : blocks) {
            pool.allocator().release(b[0], b[1]);
        }
        for (int i = taken.size() - 1; i >= 0; i--) {
            taken.get(i).getKey().slots.giveBack(taken.get(i).getValue());
        }
    }
}
