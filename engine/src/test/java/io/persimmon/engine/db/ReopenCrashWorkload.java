package io.persimmon.engine.db;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.SimPersistence;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import io.persimmon.engine.testkit.CrashWorkload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

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
final class ReopenCrashWorkload implements CrashWorkload {
    static final DatabaseOptions OPTIONS = DatabaseOptions.defaults().withLog(1, 256 << 10).withGcThreshold(0);
    static final PoolOptions POOL = PoolOptions.defaults().withInitialSize(512 << 10).withPageSize(512);
    private static final TableDefinition ITEMS = TableDefinition.of("ITEMS", List.of(
            Column.notNull("ID", ColumnType.INTEGER),
            Column.nullable("NAME", ColumnType.varchar(40)),
            Column.nullable("NOTE", ColumnType.varchar(200))), "ID");
    private static final TableDefinition GONE = TableDefinition.of("GONE", List.of(
            Column.notNull("K", ColumnType.INTEGER), Column.nullable("V", ColumnType.varchar(40))), "K");
    private static final TableDefinition NEWT = TableDefinition.of("NEWT", List.of(
            Column.notNull("K", ColumnType.INTEGER), Column.nullable("V", ColumnType.varchar(40))), "K");

    private final SplittableRandom random;
    /** Per table: key → row. */
    private final Map<String, TreeMap<Integer, List<Object>>> model = new HashMap<>();
    private volatile Map<String, Map<Integer, List<Object>>> committed = Map.of();
    private volatile Map<String, Map<Integer, List<Object>>> committing;
    private int nextId = 1;

    ReopenCrashWorkload(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void prepare(Path live) {
        Path build = live.resolveSibling(live.getFileName() + ".build");
        try {
            Files.deleteIfExists(build);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Pool pool = Pool.open(build, POOL.withMode(PersistenceMode.SIM).withDeleteOnClose(true))) {
            Database db = Database.attach(pool, OPTIONS);
            Table items = db.createTable(ITEMS);
            db.createIndex(IndexDefinition.of("BY_NAME", ITEMS, false, "NAME"));
            Table gone = db.createTable(GONE);
            for (int i = 0; i < 3; i++) {
                commit(db, tx -> insertItems(tx, items, 20));
            }
            commit(db, tx -> {
                for (int k = 1; k <= 20; k++) {
                    tx.insert(gone, new Object[] {k, "gone " + k});
                }
            });
            db.checkpoint();
            // Everything from here on is in the log only when power fails.
            for (int i = 0; i < 4; i++) {
                commit(db, tx -> {
                    insertItems(tx, items, 5);
                    updateItems(tx, items, 5);
                    deleteItems(tx, items, 2);
                });
            }
            db.collectGarbage(); // frees versions and removes deleted rows: logged frees
            db.dropTable("GONE"); // logged frees of its trees, slot pages and versions
            Table newt = db.createTable(NEWT);
            commit(db, tx -> {
                for (int k = 1; k <= 10; k++) {
                    tx.insert(newt, new Object[] {k, "new " + k});
                    model.computeIfAbsent("NEWT", n -> new TreeMap<>()).put(k, List.of(k, "new " + k));
                }
            });
            ((SimPersistence) pool.persistence()).crashState().writeImage(live, new BitSet());
        } // the database is abandoned: power fails with none of the applied state durable
        committed = copy();
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
            commit(db, tx -> {
                insertItems(tx, items, 2);
                updateItems(tx, items, 3);
                deleteItems(tx, items, 1);
                tx.update(newt, newt.key(1 + n), new Object[] {1 + n, "changed " + n});
                model.get("NEWT").put(1 + n, List.of(1 + n, "changed " + n));
            });
        }
        db.collectGarbage();
        db.close();
    }

    private void commit(Database db, java.util.function.Consumer<Transaction> writes) {
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            writes.accept(tx);
            committing = copy();
            tx.commit();
            committed = committing;
            committing = null;
        }
    }

    private void insertItems(Transaction tx, Table items, int n) {
        for (int i = 0; i < n; i++, nextId++) {
            List<Object> row = Arrays.asList(nextId, "name " + random.nextInt(30), "note " + "x".repeat(random.nextInt(150)));
            tx.insert(items, row.toArray());
            model.computeIfAbsent("ITEMS", t -> new TreeMap<>()).put(nextId, row);
        }
    }

    private void updateItems(Transaction tx, Table items, int n) {
        List<Integer> keys = new ArrayList<>(model.get("ITEMS").keySet());
        for (int i = 0; i < n; i++) {
            int id = keys.get(random.nextInt(keys.size()));
            List<Object> row = Arrays.asList(id, "name " + random.nextInt(30), model.get("ITEMS").get(id).get(2));
            tx.update(items, items.key(id), row.toArray());
            model.get("ITEMS").put(id, row);
        }
    }

    private void deleteItems(Transaction tx, Table items, int n) {
        for (int i = 0; i < n; i++) {
            List<Integer> keys = new ArrayList<>(model.get("ITEMS").keySet());
            int id = keys.get(random.nextInt(keys.size()));
            tx.delete(items, items.key(id));
            model.get("ITEMS").remove(id);
        }
    }

    private Map<String, Map<Integer, List<Object>>> copy() {
        Map<String, Map<Integer, List<Object>>> c = new HashMap<>();
        model.forEach((name, rows) -> c.put(name, new TreeMap<>(rows)));
        return c;
    }

    @Override
    public List<Object> acceptableStates() {
        Map<String, Map<Integer, List<Object>>> pending = committing;
        return pending == null ? List.of(committed) : List.of(committed, pending);
    }

    @Override
    public String verify(Pool recovered, List<Object> acceptable) {
        Database db;
        try {
            db = Database.attach(recovered, OPTIONS);
        } catch (PersimmonException e) {
            return "recovery failed: " + e.getMessage();
        }
        Map<String, Map<Integer, List<Object>>> found = new HashMap<>();
        for (Table t : db.tables()) {
            Map<Integer, List<Object>> rows = new TreeMap<>();
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ);
                 RowCursor c = tx.scan(t, KeyRange.ALL, false)) {
                while (c.next()) {
                    rows.put((Integer) c.row()[0], Arrays.asList(c.row()));
                }
            }
            if (t.rowCount() != rows.size()) {
                return "table " + t.name() + ": row count " + t.rowCount() + " for " + rows.size() + " rows";
            }
            found.put(t.name(), rows);
        }
        if (!acceptable.contains(found)) {
            return "recovered " + found + " matches none of the " + acceptable.size() + " acceptable states";
        }
        Set<Integer> byIndex = new HashSet<>();
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ);
             RowCursor c = tx.scanIndex(db.findIndex("BY_NAME").orElseThrow(), KeyRange.ALL, false)) {
            while (c.next()) {
                if (!byIndex.add((Integer) c.row()[0])) {
                    return "the index lists row " + c.row()[0] + " twice";
                }
            }
        }
        if (!byIndex.equals(found.get("ITEMS").keySet())) {
            return "the index lists " + byIndex.size() + " rows, the key " + found.get("ITEMS").size();
        }
        db.checkpoint(); // check reads a checkpoint (the replayed records are the session's to checkpoint)
        CheckReport report = DatabaseCheck.run(recovered);
        db.close();
        return report.passed() ? null : "check after recovery: " + report.problems();
    }

    @Override
    public List<BlockOwner> owners() {
        return DatabaseCheck.owners();
    }
}
