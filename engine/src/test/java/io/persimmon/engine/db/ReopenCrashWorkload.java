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
 * A crash right after opening, and every crash of the session that follows: the pool the
 * workload starts from is one that power loss left with records after its checkpoint (inserts,
 * updates of an indexed column, deletes, a garbage collection that frees versions and removes
 * rows, a table dropped, a table created with rows) and none of what they applied durable. The
 * run opens it (recovery, which leaves those records in the log behind a new header copy), commits
 * transactions, checkpoints midway, and collects garbage; the harness crashes it at every fence,
 * the two of the open included, with subsets of the words the replay and the commits wrote. Each
 * crash state must open with exactly the committed rows (those of the crashed pool, then each
 * acknowledged commit), read through the key and the index, and check clean once checkpointed.
 */
final class ReopenCrashWorkload extends ItemsModelWorkload {
    private static final TableDefinition ITEMS = TableDefinition.of("ITEMS", List.of(
            Column.notNull("ID", ColumnType.INTEGER),
            Column.nullable("NAME", ColumnType.varchar(40)),
            Column.nullable("NOTE", ColumnType.varchar(200))), "ID");
    private static final TableDefinition GONE = TableDefinition.of("GONE", List.of(
            Column.notNull("K", ColumnType.INTEGER), Column.nullable("V", ColumnType.varchar(40))), "K");
    private static final TableDefinition NEWT = TableDefinition.of("NEWT", List.of(
            Column.notNull("K", ColumnType.INTEGER), Column.nullable("V", ColumnType.varchar(40))), "K");


    ReopenCrashWorkload(long seed) {
        super(new ItemsModel(seed, 150, false));
    }

    @Override
    public void prepare(Path live) {
        Path build = besides(live, ".build");
        try (Pool pool = Pool.open(build, POOL.withMode(PersistenceMode.SIM).withDeleteOnClose(true))) {
            Database db = Database.attach(pool, OPTIONS);
            Table items = db.createTable(ITEMS);
            db.createIndex(IndexDefinition.of("BY_NAME", ITEMS, false, "NAME"));
            Table gone = db.createTable(GONE);
            for (int i = 0; i < 3; i++) {
                model.commit(db, tx -> model.insertItems(tx, items, 20));
            }
            model.commit(db, tx -> {
                for (int k = 1; k <= 20; k++) {
                    model.put(tx, gone, "GONE", k, "gone " + k);
                }
            });
            db.checkpoint();
            // Everything from here on is in the log only when power fails.
            for (int i = 0; i < 4; i++) {
                model.commit(db, tx -> {
                    model.insertItems(tx, items, 5);
                    model.updateItems(tx, items, 5);
                    model.deleteItems(tx, items, 2);
                });
            }
            db.collectGarbage(); // frees versions and removes deleted rows: logged frees
            db.dropTable("GONE"); // logged frees of its trees, slot pages and versions
            model.dropTable("GONE");
            Table newt = db.createTable(NEWT);
            model.commit(db, tx -> {
                for (int k = 1; k <= 10; k++) {
                    model.put(tx, newt, "NEWT", k, "new " + k);
                }
            });
            ((SimPersistence) pool.persistence()).crashState().writeImage(live, new BitSet());
        } // the database is abandoned: power fails with none of the applied state durable
        model.committedNow();
    }

    @Override
    public void run(Pool pool) {
        Database db = Database.attach(pool, OPTIONS); // recovery: two fences, the records stay in the log
        Table items = db.table("ITEMS");
        Table newt = db.table("NEWT");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                db.checkpoint(); // the session's first checkpoint: the replayed records leave the log
            }
            int n = i;
            model.commit(db, tx -> {
                model.insertItems(tx, items, 2);
                model.updateItems(tx, items, 3);
                model.deleteItems(tx, items, 1);
                model.put(tx, newt, "NEWT", 1 + n, "changed " + n);
            });
        }
        db.collectGarbage();
        db.close();
    }
}
