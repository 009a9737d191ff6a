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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

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
final class SecondCrashWorkload implements CrashWorkload {
    static final DatabaseOptions OPTIONS = DatabaseOptions.defaults().withLog(1, 256 << 10).withGcThreshold(0);
    static final PoolOptions POOL = PoolOptions.defaults().withInitialSize(512 << 10).withPageSize(512);
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
    private final SplittableRandom random;
    /** Per table: key → row, as the transactions committed so far left it. */
    private final Map<String, TreeMap<Integer, List<Object>>> model = new HashMap<>();
    private volatile Map<String, Map<Integer, List<Object>>> committed = Map.of();
    private volatile Map<String, Map<Integer, List<Object>>> committing;
    private int nextId = 1;

    SecondCrashWorkload(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void prepare(Path live) {
        Path first = live.resolveSibling(live.getFileName() + ".first-crash");
        deleteQuietly(first);
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
                commit(a, tx -> {
                    insertItems(tx, items, 4);
                    updateItems(tx, items, 3);
                    deleteItems(tx, items, 1);
                    put(tx, newt, "NEWT", 1 + n, "a" + n);
                });
            }
            SimPersistence sim = (SimPersistence) pool.persistence();
            // Power fails: the durable image and a seeded subset of what the replay and the
            // commits stored since (nothing of either was checkpointed).
            var state = sim.crashState();
            state.writeImage(live, state.randomSubset(seed * 7919 + 1));
        }
        committed = copy();
    }

    /** Builds the first crashed pool at {@code target}: records after a checkpoint, none of their effects durable. */
    private void firstSession(Path target) {
        Path build = target.resolveSibling(target.getFileName() + ".build");
        deleteQuietly(build);
        try (Pool pool = Pool.open(build, POOL.withMode(PersistenceMode.SIM).withDeleteOnClose(true))) {
            Database db = Database.attach(pool, OPTIONS);
            Table items = db.createTable(ITEMS);
            db.createIndex(IndexDefinition.of("BY_NAME", ITEMS, false, "NAME"));
            Table gone = db.createTable(GONE);
            for (int i = 0; i < 3; i++) {
                commit(db, tx -> insertItems(tx, items, 20));
            }
            commit(db, tx -> {
                for (int k = 1; k <= 30; k++) {
                    put(tx, gone, "GONE", k, "gone " + k + " " + "g".repeat(random.nextInt(300)));
                }
            });
            db.checkpoint();
            // From here on everything is in the log only when power fails.
            for (int i = 0; i < 5; i++) {
                commit(db, tx -> {
                    insertItems(tx, items, 3);
                    updateItems(tx, items, 8);
                    deleteItems(tx, items, 3);
                });
            }
            db.collectGarbage(); // logged frees of versions; the deleted rows' slots are emptied
            db.dropTable("GONE"); // logged frees of its nodes, its slot page and its versions
            model.remove("GONE");
            Table newt = db.createTable(NEWT);
            commit(db, tx -> {
                for (int k = 1; k <= 10; k++) {
                    put(tx, newt, "NEWT", k, "new " + k);
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
        model.put("LATE", new TreeMap<>());
        committing = copy();
        Table late = b.createTable(LATE); // its slot page and tree come with its first rows
        committed = committing;
        committing = null;
        for (int i = 0; i < 12; i++) {
            if (i == 5 || i == 6) {
                b.checkpoint(); // after the second, the first session's frees may be reused
            }
            int n = i;
            commit(b, tx -> {
                insertItems(tx, items, 3);
                updateItems(tx, items, 3);
                deleteItems(tx, items, 1);
                put(tx, newt, "NEWT", 1 + n % 10, "b" + n + " " + "n".repeat(random.nextInt(300)));
                for (int k = 0; k < 3; k++) {
                    put(tx, late, "LATE", 3 * n + k, "late " + n + " " + "l".repeat(random.nextInt(350)));
                }
            });
        }
        b.collectGarbage();
        b.close();
    }

    private void commit(Database db, Consumer<Transaction> writes) {
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            writes.accept(tx);
            committing = copy();
            tx.commit();
            committed = committing;
            committing = null;
        }
    }

    private void put(Transaction tx, Table t, String name, int key, String value) {
        TreeMap<Integer, List<Object>> rows = model.computeIfAbsent(name, x -> new TreeMap<>());
        if (rows.containsKey(key)) {
            tx.update(t, t.key(key), new Object[] {key, value});
        } else {
            tx.insert(t, new Object[] {key, value});
        }
        rows.put(key, List.of(key, value));
    }

    private void insertItems(Transaction tx, Table items, int n) {
        for (int i = 0; i < n; i++, nextId++) {
            List<Object> row = Arrays.asList(nextId, "name " + random.nextInt(30), "note " + "x".repeat(random.nextInt(380)));
            tx.insert(items, row.toArray());
            model.computeIfAbsent("ITEMS", t -> new TreeMap<>()).put(nextId, row);
        }
    }

    private void updateItems(Transaction tx, Table items, int n) {
        List<Integer> keys = new ArrayList<>(model.get("ITEMS").keySet());
        for (int i = 0; i < n; i++) {
            int id = keys.get(random.nextInt(keys.size()));
            List<Object> row = Arrays.asList(id, "name " + random.nextInt(30), "note " + "y".repeat(random.nextInt(380)));
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
        try {
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
            Map<Integer, List<Object>> byIndex = new TreeMap<>();
            try (Transaction tx = db.begin(Isolation.REPEATABLE_READ);
                 RowCursor c = tx.scanIndex(db.findIndex("BY_NAME").orElseThrow(), KeyRange.ALL, false)) {
                while (c.next()) {
                    if (byIndex.put((Integer) c.row()[0], Arrays.asList(c.row())) != null) {
                        return "the index lists row " + c.row()[0] + " twice";
                    }
                }
            }
            if (!byIndex.equals(found.get("ITEMS"))) {
                return "through the index, ITEMS reads " + byIndex + ", through the key " + found.get("ITEMS");
            }
            // Opening leaves the replayed records in the log (R1); check reads the state a header
            // names, so it runs on the checkpoint that takes them, as Database.check does.
            db.checkpoint();
        } catch (PersimmonException e) {
            return "reading the recovered database failed: " + e.getMessage();
        }
        CheckReport report = DatabaseCheck.run(recovered);
        db.close();
        return report.passed() ? null : "check after recovery: " + report.problems();
    }

    @Override
    public List<BlockOwner> owners() {
        return DatabaseCheck.owners();
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
