package io.persimmon.engine.db;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.pool.Pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The in-memory model of the reopen crash workloads ({@link ReopenCrashWorkload},
 * {@link SecondCrashWorkload}): tables of an INTEGER key and values, among them ITEMS (ID, NAME
 * with the index BY_NAME, NOTE), the writes that change both a database and the model, the states
 * a crash may leave (what committed, and the commit in flight), and the verification of a
 * recovered pool against them, row by row through the key and through the index.
 */
final class ItemsModel {
    final SplittableRandom random;
    /** Per table: key → row, as the transactions committed so far left it. */
    private final Map<String, TreeMap<Integer, List<Object>>> tables = new HashMap<>();
    /** NOTE holds "note " and up to this many characters less one. */
    private final int noteLength;
    /** Whether an update of ITEMS writes a new NOTE too (else it keeps the row's). */
    private final boolean updatesNotes;
    private volatile Map<String, Map<Integer, List<Object>>> committed = Map.of();
    private volatile Map<String, Map<Integer, List<Object>>> committing;
    private int nextId = 1;

    ItemsModel(long seed, int noteLength, boolean updatesNotes) {
        this.random = new SplittableRandom(seed);
        this.noteLength = noteLength;
        this.updatesNotes = updatesNotes;
    }

    /** Runs {@code writes} in a transaction and commits it; the model follows the commit. */
    void commit(Database db, Consumer<Transaction> writes) {
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            writes.accept(tx);
            committing = copy();
            tx.commit();
            committed = committing;
            committing = null;
        }
    }

    /** The model as it stands is what committed (after work outside {@link #commit}: a crashed session's). */
    void committedNow() {
        committed = copy();
    }

    /** Creates a table with no rows, in the model and by {@code create}, as a commit of its own. */
    Table createTable(String name, java.util.function.Supplier<Table> create) {
        tables.put(name, new TreeMap<>());
        committing = copy();
        Table t = create.get();
        committed = committing;
        committing = null;
        return t;
    }

    void dropTable(String name) {
        tables.remove(name);
    }

    void insertItems(Transaction tx, Table items, int n) {
        for (int i = 0; i < n; i++, nextId++) {
            List<Object> row = Arrays.asList(nextId, "name " + random.nextInt(30), "note " + "x".repeat(random.nextInt(noteLength)));
            tx.insert(items, row.toArray());
            tables.computeIfAbsent("ITEMS", t -> new TreeMap<>()).put(nextId, row);
        }
    }

    void updateItems(Transaction tx, Table items, int n) {
        List<Integer> keys = new ArrayList<>(tables.get("ITEMS").keySet());
        for (int i = 0; i < n; i++) {
            int id = keys.get(random.nextInt(keys.size()));
            String name = "name " + random.nextInt(30);
            Object note = updatesNotes ? "note " + "y".repeat(random.nextInt(noteLength)) : tables.get("ITEMS").get(id).get(2);
            List<Object> row = Arrays.asList(id, name, note);
            tx.update(items, items.key(id), row.toArray());
            tables.get("ITEMS").put(id, row);
        }
    }

    void deleteItems(Transaction tx, Table items, int n) {
        for (int i = 0; i < n; i++) {
            List<Integer> keys = new ArrayList<>(tables.get("ITEMS").keySet());
            int id = keys.get(random.nextInt(keys.size()));
            tx.delete(items, items.key(id));
            tables.get("ITEMS").remove(id);
        }
    }

    /** Inserts or replaces the row {@code (key, value)} of the two-column table {@code name}. */
    void put(Transaction tx, Table t, String name, int key, String value) {
        TreeMap<Integer, List<Object>> rows = tables.computeIfAbsent(name, x -> new TreeMap<>());
        if (rows.containsKey(key)) {
            tx.update(t, t.key(key), new Object[] {key, value});
        } else {
            tx.insert(t, new Object[] {key, value});
        }
        rows.put(key, List.of(key, value));
    }

    private Map<String, Map<Integer, List<Object>>> copy() {
        Map<String, Map<Integer, List<Object>>> c = new HashMap<>();
        tables.forEach((name, rows) -> c.put(name, new TreeMap<>(rows)));
        return c;
    }

    /** What a crash may leave: what committed, and the commit in flight if there is one. */
    List<Object> acceptableStates() {
        Map<String, Map<Integer, List<Object>>> pending = committing;
        return pending == null ? List.of(committed) : List.of(committed, pending);
    }

    /**
     * Opens {@code recovered} with {@code options} and compares every table with the acceptable
     * states, row by row, with the row counts, and ITEMS through the index BY_NAME too; then
     * checkpoints (opening leaves the replayed records in the log, R1, and check reads the state
     * a header names, as Database.check does) and checks. Null when all is right, else what is not.
     */
    static String verify(Pool recovered, List<Object> acceptable, DatabaseOptions options) {
        Database db;
        try {
            db = Database.attach(recovered, options);
        } catch (PersimmonException e) {
            return "recovery failed: " + e.getMessage();
        }
        try {
            Map<String, Map<Integer, List<Object>>> found = new HashMap<>();
            for (Table t : db.tables()) {
                Map<Integer, List<Object>> rows = read(db, t, null);
                if (t.rowCount() != rows.size()) {
                    return "table " + t.name() + ": row count " + t.rowCount() + " for " + rows.size() + " rows";
                }
                found.put(t.name(), rows);
            }
            if (!acceptable.contains(found)) {
                return "recovered " + found + " matches none of the " + acceptable.size() + " acceptable states";
            }
            Map<Integer, List<Object>> byIndex = read(db, db.table("ITEMS"), db.findIndex("BY_NAME").orElseThrow());
            if (!byIndex.equals(found.get("ITEMS"))) {
                return "through the index, ITEMS reads " + byIndex + ", through the key " + found.get("ITEMS");
            }
            db.checkpoint();
        } catch (IllegalStateException e) {
            return e.getMessage();
        } catch (PersimmonException e) {
            return "reading the recovered database failed: " + e.getMessage();
        }
        CheckReport report = DatabaseCheck.run(recovered);
        db.close();
        return report.passed() ? null : "check after recovery: " + report.problems();
    }

    /** The rows of {@code t} by key, read through its primary key or through {@code index}; a row listed twice is an error. */
    private static Map<Integer, List<Object>> read(Database db, Table t, Index index) {
        Map<Integer, List<Object>> rows = new TreeMap<>();
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ);
             RowCursor c = index == null ? tx.scan(t, KeyRange.ALL, false) : tx.scanIndex(index, KeyRange.ALL, false)) {
            while (c.next()) {
                if (rows.put((Integer) c.row()[0], Arrays.asList(c.row())) != null) {
                    throw new IllegalStateException((index == null ? "table " + t.name() : "the index " + index.name())
                            + " lists row " + c.row()[0] + " twice");
                }
            }
        }
        return rows;
    }
}
