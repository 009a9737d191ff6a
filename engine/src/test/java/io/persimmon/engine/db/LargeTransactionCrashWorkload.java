package io.persimmon.engine.db;

import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.SimPersistence;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/**
 * Transactions larger than the log (rule C7) through three sessions, the last crashed at every
 * fence. The pool has one log area of 16 KiB, so a record carries at most about 4 KiB of body in
 * the ring; the large commits here (tens of rows inserted, updated and deleted, with notes of up
 * to 150 characters and an index on NAME) put their bodies in blocks of their own.
 *
 * <p>{@link #prepare} builds, in {@code sim} mode: a checkpointed ITEMS, then a large commit and a
 * small one in the log only, and power fails with nothing of what they applied durable; session A
 * opens that (the large record is replayed: its block claimed, its body applied, the block freed
 * and held, A2), commits two large transactions around a garbage collection, and power fails with
 * a seeded subset of what it stored. {@link #run} is session B: it opens that pool (replaying
 * every record of both sessions), commits large and small transactions, checkpoints twice midway
 * (after which the blocks of the replayed bodies may be reused), collects garbage and closes. Each
 * crash state, including those between a body's fence and its record's, must open with exactly the
 * committed rows, through the key and the index, and check clean (no body block leaked).
 */
final class LargeTransactionCrashWorkload extends ItemsModelWorkload {
    private static final DatabaseOptions SMALL_LOG = OPTIONS.withLog(1, 16 << 10);
    private static final TableDefinition ITEMS = TableDefinition.of("ITEMS", List.of(
            Column.notNull("ID", ColumnType.INTEGER),
            Column.nullable("NAME", ColumnType.varchar(40)),
            Column.nullable("NOTE", ColumnType.varchar(200))), "ID");

    private final long seed;

    LargeTransactionCrashWorkload(long seed) {
        super(new ItemsModel(seed, 150, true));
        this.seed = seed;
    }

    /** Inserts, updates and deletes enough rows that the body goes to a block of its own. */
    private void large(Database db, Table items) {
        model.commit(db, tx -> {
            model.insertItems(tx, items, 25);
            model.updateItems(tx, items, 20);
            model.deleteItems(tx, items, 4);
        });
    }

    @Override
    public void prepare(Path live) {
        Path first = besides(live, ".first-crash");
        Path build = besides(live, ".build");
        try (Pool pool = Pool.open(build, POOL.withMode(PersistenceMode.SIM).withDeleteOnClose(true))) {
            Database db = Database.attach(pool, SMALL_LOG);
            Table items = db.createTable(ITEMS);
            db.createIndex(IndexDefinition.of("BY_NAME", ITEMS, false, "NAME"));
            for (int i = 0; i < 3; i++) {
                model.commit(db, tx -> model.insertItems(tx, items, 10));
            }
            db.checkpoint();
            large(db, items);
            model.commit(db, tx -> model.updateItems(tx, items, 2));
            ((SimPersistence) pool.persistence()).crashState().writeImage(first, new BitSet());
        } // power fails with none of the applied state durable
        try (Pool pool = Pool.open(first, POOL.withMode(PersistenceMode.SIM).withCreate(false).withDeleteOnClose(true))) {
            Database a = Database.attach(pool, SMALL_LOG); // session A: the large record replayed, no checkpoint
            Table items = a.table("ITEMS");
            large(a, items);
            a.collectGarbage(); // logged frees, and the reader epoch moves on
            large(a, items);
            var state = ((SimPersistence) pool.persistence()).crashState();
            state.writeImage(live, state.randomSubset(seed * 7919 + 3));
        }
        model.committedNow();
    }

    @Override
    public void run(Pool pool) {
        Database b = Database.attach(pool, SMALL_LOG); // session B: every record of both sessions replayed
        Table items = b.table("ITEMS");
        for (int i = 0; i < 6; i++) {
            if (i == 2 || i == 3) {
                b.checkpoint(); // after the second, the replayed bodies' blocks may be reused
            }
            large(b, items);
            model.commit(b, tx -> {
                model.insertItems(tx, items, 1);
                model.updateItems(tx, items, 1);
            });
        }
        b.collectGarbage();
        b.close();
    }
}
