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
 * Crash, open, commit, crash, open, and a crash at every fence of that last session (R1, A2 for
 * logged frees): the sequence in which an open that leaves its replayed records in the log must
 * not let a later session hand the blocks those records freed to new owners while a replay range
 * still holds the records.
 *
 * <p>{@link #prepare} builds, in {@code sim} mode:
 * <ol>
 * <li>a database checkpointed with ITEMS (a secondary index on NAME) and GONE, then, in the log
 * only, inserts, updates and deletes of ITEMS, a garbage collection (logged frees of versions,
 * deleted rows' slots emptied), GONE dropped (logged frees of its tree nodes, slot page and
 * versions) and NEWT created with rows; power fails with nothing of the applied state durable;</li>
 * <li>session A opens that pool (recovery replays the records, which stay in the log) and commits
 * inserts (into the slots the collection emptied), updates and deletes, with a garbage collection
 * of its own midway (which moves the reader epoch on) and no checkpoint; power fails with a seeded
 * subset of the words the replay and the commits stored.</li>
 * </ol>
 * {@link #run} is session B, crashed at every fence by the harness: it opens that pool (both
 * earlier sessions' records are replayed and stay in the log), commits transactions that create a
 * table and allocate versions and slot pages of every size before its first checkpoint, then
 * checkpoints twice (after which the blocks the first records freed may be reused, and are, by the
 * commits that follow), collects garbage and closes. Each crash state must open with exactly the
 * committed rows of every table (row by row, through the primary key and through the index, with
 * the row counts), and check clean once checkpointed.
 *
 * <p>Fails when an open writes the replayed records' frees into the header it begins the session
 * with (then session B finds those blocks free and reuses them before its first checkpoint, and a
 * crash replays the first records' frees over B's blocks: recovery frees, or walks as a dropped
 * table's, blocks that B's rows own).
 */
final class SecondCrashWorkload extends ItemsModelWorkload {
    private static final TableDefinition ITEMS = TableDefinition.of("ITEMS", List.of(
            Column.notNull("ID", ColumnType.INTEGER),
            Column.nullable("NAME", ColumnType.varchar(40)),
            Column.nullable("NOTE", ColumnType.varchar(400))), "ID");
    private static final TableDefinition GONE = TableDefinition.of("GONE", List.of(
            Column.notNull("K", ColumnType.INTEGER), Column.nullable("V", ColumnType.varchar(400))), "K");
    private static final TableDefinition NEWT = TableDefinition.of("NEWT", List.of(
            Column.notNull("K", ColumnType.INTEGER), Column.nullable("V", ColumnType.varchar(400))), "K");
    private static final TableDefinition LATE = TableDefinition.of("LATE", List.of(
            Column.notNull("K", ColumnType.INTEGER), Column.nullable("V", ColumnType.varchar(400))), "K");

    private final long seed;

    SecondCrashWorkload(long seed) {
        super(new ItemsModel(seed, 380, true));
        this.seed = seed;
    }

    @Override
    public void prepare(Path live) {
        Path first = besides(live, ".first-crash");
        firstSession(first);
        try (Pool pool = Pool.open(first, POOL.withMode(PersistenceMode.SIM).withCreate(false).withDeleteOnClose(true))) {
            Database a = Database.attach(pool, OPTIONS); // session A: recovery, then no checkpoint
            Table items = a.table("ITEMS");
            Table newt = a.table("NEWT");
            for (int i = 0; i < 6; i++) {
                if (i == 3) {
                    // Logged frees of A's own, and the reader epoch moves on: from here a block
                    // whose reuse waited only for readers could be handed out again.
                    a.collectGarbage();
                }
                int n = i;
                model.commit(a, tx -> {
                    model.insertItems(tx, items, 4);
                    model.updateItems(tx, items, 3);
                    model.deleteItems(tx, items, 1);
                    model.put(tx, newt, "NEWT", 1 + n, "a" + n);
                });
            }
            SimPersistence sim = (SimPersistence) pool.persistence();
            // Power fails: the durable image and a seeded subset of what the replay and the
            // commits stored since (nothing of either was checkpointed).
            var state = sim.crashState();
            state.writeImage(live, state.randomSubset(seed * 7919 + 1));
        }
        model.committedNow();
    }

    /** Builds the first crashed pool at {@code target}: records after a checkpoint, none of their effects durable. */
    private void firstSession(Path target) {
        Path build = besides(target, ".build");
        try (Pool pool = Pool.open(build, POOL.withMode(PersistenceMode.SIM).withDeleteOnClose(true))) {
            Database db = Database.attach(pool, OPTIONS);
            Table items = db.createTable(ITEMS);
            db.createIndex(IndexDefinition.of("BY_NAME", ITEMS, false, "NAME"));
            Table gone = db.createTable(GONE);
            for (int i = 0; i < 3; i++) {
                model.commit(db, tx -> model.insertItems(tx, items, 20));
            }
            model.commit(db, tx -> {
                for (int k = 1; k <= 30; k++) {
                    model.put(tx, gone, "GONE", k, "gone " + k + " " + "g".repeat(model.random.nextInt(300)));
                }
            });
            db.checkpoint();
            // From here on everything is in the log only when power fails.
            for (int i = 0; i < 5; i++) {
                model.commit(db, tx -> {
                    model.insertItems(tx, items, 3);
                    model.updateItems(tx, items, 8);
                    model.deleteItems(tx, items, 3);
                });
            }
            db.collectGarbage(); // logged frees of versions; the deleted rows' slots are emptied
            db.dropTable("GONE"); // logged frees of its nodes, its slot page and its versions
            model.dropTable("GONE");
            Table newt = db.createTable(NEWT);
            model.commit(db, tx -> {
                for (int k = 1; k <= 10; k++) {
                    model.put(tx, newt, "NEWT", k, "new " + k);
                }
            });
            ((SimPersistence) pool.persistence()).crashState().writeImage(target, new BitSet());
        } // the database is abandoned: power fails with none of the applied state durable
    }

    @Override
    public void run(Pool pool) {
        Database b = Database.attach(pool, OPTIONS); // session B: recovery of both sessions' records
        Table items = b.table("ITEMS");
        Table newt = b.table("NEWT");
        Table late = model.createTable("LATE", () -> b.createTable(LATE)); // its slot page and tree come with its first rows
        for (int i = 0; i < 12; i++) {
            if (i == 5 || i == 6) {
                b.checkpoint(); // after the second, the first session's frees may be reused
            }
            int n = i;
            model.commit(b, tx -> {
                model.insertItems(tx, items, 3);
                model.updateItems(tx, items, 3);
                model.deleteItems(tx, items, 1);
                model.put(tx, newt, "NEWT", 1 + n % 10, "b" + n + " " + "n".repeat(model.random.nextInt(300)));
                for (int k = 0; k < 3; k++) {
                    model.put(tx, late, "LATE", 3 * n + k, "late " + n + " " + "l".repeat(model.random.nextInt(350)));
                }
            });
        }
        b.collectGarbage();
        b.close();
    }
}
