package io.persimmon.engine.db;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import io.persimmon.engine.testkit.CrashWorkload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The whole database under the crash simulator, on 512-byte tree pages so that trees split and
 * merge: two tables, each with a secondary index (one created midway over existing rows), a column
 * added midway with a default that every older row must read, rows of up to 1.5 KB, transactions of inserts, updates (primary-key changes included) and deletes over
 * both tables, some rolled back, garbage collection with old snapshots open (in steps of 7 rows), a third table
 * dropped, checkpoints, and a redo log small enough to wrap. Transactions also create tables
 * ({@code D<n>}, some with an index, with rows) and drop them, with writes to ITEMS in the same
 * transaction; some roll back, some roll back to a savepoint past a table they created. After a
 * crash the database is opened on the recovered pool (replay and checkpoint) and must hold exactly
 * the tables (but SCRATCH, whose rows are not modelled) and, row by row, the rows of the state
 * after the last committed transaction (or, if the crash hit its commit, after that one), read
 * through each primary key and each index, with the row counts and {@link DatabaseCheck} right.
 */
final class DatabaseCrashWorkload implements CrashWorkload {
    /** A GC pass in steps of a few rows, so that crashes fall between the steps of one pass too. */
    static final DatabaseOptions OPTIONS = DatabaseOptions.defaults().withLog(2, 16384).withGcThreshold(0)
            .withGcRowsPerStep(7);
    private static final TableDefinition ITEMS = TableDefinition.of("ITEMS", List.of(
            Column.notNull("ID", ColumnType.INTEGER),
            Column.nullable("NAME", ColumnType.varchar(40)),
            Column.nullable("QTY", ColumnType.BIGINT),
            Column.nullable("NOTE", ColumnType.varchar(2000))), "ID");
    private static final TableDefinition PAIRS = TableDefinition.of("PAIRS", List.of(
            Column.notNull("A", ColumnType.INTEGER),
            Column.notNull("B", ColumnType.SMALLINT),
            Column.nullable("TAG", ColumnType.varchar(40)),
            Column.nullable("NOTE", ColumnType.varchar(2000))), "A", "B");
    private static final TableDefinition SCRATCH = TableDefinition.of("SCRATCH", List.of(
            Column.nullable("X", ColumnType.varchar(200))));
    /** Per table: the index and the position of its column, for checking index order (D tables: D<n>_V on V). */
    private static final Map<String, String> INDEX = Map.of("ITEMS", "BY_NAME", "PAIRS", "BY_TAG");
    private static final Map<String, Integer> INDEXED = Map.of("ITEMS", 1, "PAIRS", 2);

    /** The tables transactions create and drop: D<n>, and X<n> (always rolled back to a savepoint). */
    private static TableDefinition dynamic(String name) {
        return TableDefinition.of(name, List.of(
                Column.notNull("K", ColumnType.INTEGER),
                Column.nullable("V", ColumnType.varchar(40))), "K");
    }

    private static String indexOf(String table) {
        return INDEX.getOrDefault(table, table + "_V");
    }

    private static int indexedColumn(String table) {
        return INDEXED.getOrDefault(table, 1);
    }

    private final long seed;
    private final int transactions;
    /** Whether PAIRS has its added FLAG column yet (new rows then carry a value for it). */
    private boolean pairsHaveFlag;
    /** Per table name: primary key (as a list) to row. */
    private final Map<String, TreeMap<List<Object>, List<Object>>> model = new HashMap<>();
    private volatile Map<String, Map<List<Object>, List<Object>>> committed = Map.of();
    private volatile Map<String, Map<List<Object>, List<Object>>> committing;

    DatabaseCrashWorkload(long seed, int transactions) {
        this.seed = seed;
        this.transactions = transactions;
    }

    private static Comparator<List<Object>> keyOrder() {
        return (a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = Long.compare(((Number) a.get(i)).longValue(), ((Number) b.get(i)).longValue());
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    @Override
    public void run(Pool pool) {
        SplittableRandom random = new SplittableRandom(seed);
        Database db = Database.attach(pool, OPTIONS);
        catalogChange(next -> next.put("ITEMS", new TreeMap<>(keyOrder())), () -> db.createTable(ITEMS));
        Table items = db.table("ITEMS");
        catalogChange(next -> next.put("PAIRS", new TreeMap<>(keyOrder())), () -> db.createTable(PAIRS));
        Table pairs = db.table("PAIRS");
        db.createIndex(IndexDefinition.of("BY_TAG", PAIRS, false, "TAG"));
        Table scratch = db.createTable(SCRATCH);
        Transaction old = null;
        Map<List<Object>, List<Object>> oldSees = null;
        for (int n = 0; n < transactions; n++) {
            if (n == transactions / 3) {
                db.createIndex(IndexDefinition.of("BY_NAME", ITEMS, false, "NAME"));
            }
            if (n == transactions / 2) {
                db.dropTable("SCRATCH");
            }
            if (n == 2 * transactions / 3) {
                addPairsColumn(db);
                pairs = db.table("PAIRS");
            }
            if (n % 20 == 3) {
                old = db.begin(Isolation.REPEATABLE_READ); // a snapshot that garbage collection must respect
                oldSees = Map.copyOf(model.get("ITEMS"));
            } else if (n % 20 == 15 && old != null) {
                Map<List<Object>, List<Object>> seen = new HashMap<>();
                try (RowCursor c = old.scan(items, KeyRange.ALL, false)) {
                    while (c.next()) {
                        seen.put(List.of(c.row()[0]), Arrays.asList(c.row()));
                    }
                }
                if (!seen.equals(oldSees)) {
                    throw new IllegalStateException("an old snapshot sees " + seen + " instead of " + oldSees);
                }
                old.close();
                old = null;
            }
            if (n < transactions / 2 && random.nextInt(4) == 0) {
                try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                    tx.insert(scratch, new Object[] {"filler " + n});
                    tx.commit();
                }
            }
            transaction(db, items, pairs, random);
            if (random.nextInt(6) == 0) {
                ddlTransaction(db, items, random, n);
            }
            if (random.nextInt(10) == 0) {
                db.collectGarbage();
            }
            if (random.nextInt(15) == 0) {
                if (random.nextInt(4) != 0 && db.log.unreleasedBytes() < 6144) { // room for one more record
                    // A transaction commits between the checkpoint's freeze and its header: it is in
                    // the log after the checkpoint's start, and its blocks in the checkpoint's bitmap.
                    Table pairsNow = pairs;
                    db.checkpoint(() -> transaction(db, items, pairsNow, random));
                } else {
                    db.checkpoint();
                }
            }
        }
    }

    /** A change committed at once by {@code action}, which makes the model {@code change} says: before it or after it. */
    private void catalogChange(java.util.function.Consumer<Map<String, TreeMap<List<Object>, List<Object>>>> change,
                               Runnable action) {
        Map<String, TreeMap<List<Object>, List<Object>>> next = new HashMap<>();
        model.forEach((k, v) -> next.put(k, new TreeMap<>(v)));
        change.accept(next);
        commit(next, action);
    }

    /** ALTER TABLE PAIRS ADD COLUMN FLAG INTEGER DEFAULT 7: one record; before it or after it, every row at once. */
    private void addPairsColumn(Database db) {
        catalogChange(next -> next.get("PAIRS").replaceAll((key, row) -> withFlag(row, 7)),
                () -> db.addColumn("PAIRS", Column.nullable("FLAG", ColumnType.INTEGER), 7));
        pairsHaveFlag = true;
    }

    /**
     * DDL in a transaction, with writes to ITEMS in the same transaction: a table D<n> created
     * with up to 6 rows (none sometimes: an empty table must exist after the commit too), half of
     * them with an index created in the same transaction; or a D table dropped, sometimes after
     * the transaction wrote rows to it. Sometimes a savepoint, then a table X<n> created with a row
     * and another D table dropped, rolled back to; or X<n> created, written and dropped again.
     * One in five rolls back.
     */
    private void ddlTransaction(Database db, Table items, SplittableRandom random, int n) {
        Map<String, TreeMap<List<Object>, List<Object>>> next = new HashMap<>();
        model.forEach((k, v) -> next.put(k, new TreeMap<>(v)));
        List<String> dynamic = next.keySet().stream().filter(k -> k.startsWith("D")).sorted().toList();
        try (Transaction tx = db.begin(random.nextBoolean() ? Isolation.REPEATABLE_READ : Isolation.READ_COMMITTED)) {
            if (!dynamic.isEmpty() && (dynamic.size() >= 3 || random.nextInt(3) == 0)) {
                String name = dynamic.get(random.nextInt(dynamic.size()));
                if (random.nextBoolean()) {
                    Table doomed = tx.table(name);
                    insertDynamic(tx, doomed, new TreeMap<>(next.get(name)), random); // dropped with it
                }
                tx.dropTable(name);
                next.remove(name);
            } else {
                String name = "D" + n;
                Table t = tx.createTable(dynamic(name));
                if (random.nextBoolean()) {
                    tx.createIndex(IndexDefinition.of(indexOf(name), t.definition(), false, "V"));
                }
                TreeMap<List<Object>, List<Object>> rows = new TreeMap<>(keyOrder());
                next.put(name, rows);
                int count = random.nextInt(7);
                for (int i = 0; i < count; i++) {
                    insertDynamic(tx, t, rows, random);
                }
            }
            for (int i = random.nextInt(3); i > 0; i--) {
                changeItem(tx, items, next.get("ITEMS"), random);
            }
            if (random.nextInt(4) == 0) {
                Transaction.Savepoint savepoint = tx.savepoint();
                Table extra = tx.createTable(dynamic("X" + n));
                insertDynamic(tx, extra, new TreeMap<>(keyOrder()), random);
                List<String> left = next.keySet().stream().filter(k -> k.startsWith("D")).sorted().toList();
                if (!left.isEmpty()) {
                    tx.dropTable(left.get(random.nextInt(left.size())));
                }
                tx.rollbackTo(savepoint);
            } else if (random.nextInt(4) == 0) {
                Table gone = tx.createTable(dynamic("X" + n)); // created, written and dropped: nothing of it commits
                insertDynamic(tx, gone, new TreeMap<>(keyOrder()), random);
                tx.dropTable(gone.name());
            }
            if (random.nextInt(5) == 0) {
                tx.rollback();
                return;
            }
            commit(tx, next);
        }
    }

    private void commit(Transaction tx, Map<String, TreeMap<List<Object>, List<Object>>> next) {
        commit(next, tx::commit);
    }

    /** Runs {@code commit}, whose effect is {@code next}: the model is what may be recovered while it runs, then what must be. */
    private void commit(Map<String, TreeMap<List<Object>, List<Object>>> next, Runnable commit) {
        committing = freeze(next);
        commit.run();
        model.clear();
        model.putAll(next);
        committed = freeze(next);
        committing = null;
    }

    private static void insertDynamic(Transaction tx, Table t, TreeMap<List<Object>, List<Object>> rows, SplittableRandom random) {
        int k = random.nextInt(100);
        if (!rows.containsKey(List.of(k))) {
            List<Object> row = Arrays.asList(k, random.nextInt(4) == 0 ? null : "v" + random.nextInt(5));
            tx.insert(t, row.toArray());
            rows.put(List.of(k), row);
        }
    }

    private static List<Object> withFlag(List<Object> row, Object flag) {
        List<Object> longer = new ArrayList<>(row);
        longer.add(flag);
        return longer;
    }

    private static String note(SplittableRandom random) {
        int length = random.nextInt(10) == 0 ? 400 + random.nextInt(1100) : random.nextInt(30);
        return "n".repeat(length);
    }

    private void transaction(Database db, Table items, Table pairs, SplittableRandom random) {
        Map<String, TreeMap<List<Object>, List<Object>>> next = new HashMap<>();
        model.forEach((k, v) -> next.put(k, new TreeMap<>(v)));
        try (Transaction tx = db.begin(random.nextBoolean() ? Isolation.REPEATABLE_READ : Isolation.READ_COMMITTED)) {
            int ops = 1 + random.nextInt(5);
            for (int i = 0; i < ops; i++) {
                if (random.nextInt(3) == 0) {
                    changePair(tx, pairs, next.get("PAIRS"), random);
                } else {
                    changeItem(tx, items, next.get("ITEMS"), random);
                }
            }
            if (random.nextInt(8) == 0) {
                tx.rollback();
                return;
            }
            commit(tx, next);
        }
    }

    private static void changeItem(Transaction tx, Table items, TreeMap<List<Object>, List<Object>> rows, SplittableRandom random) {
        int id = random.nextInt(120);
        List<Object> key = List.of(id);
        List<Object> current = rows.get(key);
        int choice = random.nextInt(10);
        if (current == null) {
            List<Object> row = Arrays.asList(id, "n" + random.nextInt(12), (long) random.nextInt(1000), note(random));
            tx.insert(items, row.toArray());
            rows.put(key, row);
        } else if (choice < 5) {
            List<Object> row = Arrays.asList(id, "n" + random.nextInt(12), (Long) current.get(2) + 1, note(random));
            tx.update(items, items.key(id), row.toArray());
            rows.put(key, row);
        } else if (choice < 7 && !rows.containsKey(List.of(id + 1000))) {
            List<Object> row = Arrays.asList(id + 1000, current.get(1), current.get(2), current.get(3));
            tx.update(items, items.key(id), row.toArray()); // moves the row to another key
            rows.remove(key);
            rows.put(List.of(id + 1000), row);
        } else {
            tx.delete(items, items.key(id));
            rows.remove(key);
        }
    }

    private void changePair(Transaction tx, Table pairs, TreeMap<List<Object>, List<Object>> rows, SplittableRandom random) {
        int a = random.nextInt(30);
        short b = (short) random.nextInt(4);
        List<Object> key = List.of(a, b);
        List<Object> current = rows.get(key);
        if (current == null) {
            List<Object> row = Arrays.asList(a, b, random.nextInt(5) == 0 ? null : "t" + random.nextInt(6), note(random));
            row = pairsHaveFlag ? withFlag(row, random.nextInt(3)) : row;
            tx.insert(pairs, row.toArray());
            rows.put(key, row);
        } else if (random.nextBoolean()) {
            List<Object> row = Arrays.asList(a, b, "t" + random.nextInt(6), note(random));
            row = pairsHaveFlag ? withFlag(row, current.get(4)) : row;
            tx.update(pairs, pairs.key(a, b), row.toArray());
            rows.put(key, row);
        } else {
            tx.delete(pairs, pairs.key(a, b));
            rows.remove(key);
        }
    }

    private static Map<String, Map<List<Object>, List<Object>>> freeze(Map<String, TreeMap<List<Object>, List<Object>>> state) {
        Map<String, Map<List<Object>, List<Object>>> frozen = new HashMap<>();
        state.forEach((k, v) -> frozen.put(k, new HashMap<>(v)));
        return frozen;
    }

    @Override
    public List<Object> acceptableStates() {
        Map<String, Map<List<Object>, List<Object>>> pending = committing;
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
        Map<String, Map<List<Object>, List<Object>>> found = new HashMap<>();
        for (Table table : db.tables()) {
            if (table.name().equals("SCRATCH")) {
                continue; // its filler rows are not modelled
            }
            String problem = readTable(db, table, found);
            if (problem != null) {
                return problem;
            }
        }
        if (!acceptable.contains(found)) {
            return "recovered tables " + new java.util.TreeSet<>(found.keySet()) + " and rows " + found
                    + " match none of the " + acceptable.size() + " acceptable states";
        }
        // Opening leaves the replayed records in the log (R1: the session's first checkpoint takes
        // them); check reads the state a header names, so it runs on that checkpoint, as
        // Database.check does.
        db.checkpoint();
        CheckReport report = DatabaseCheck.run(recovered);
        db.close();
        return report.passed() ? null : "check after recovery: " + report.problems();
    }

    /** Reads {@code table} through its primary key and its index; null when both agree with its row count. */
    private static String readTable(Database db, Table table, Map<String, Map<List<Object>, List<Object>>> found) {
        int keyColumns = table.definition().primaryKey().length;
        Map<List<Object>, List<Object>> rows = new HashMap<>();
        List<List<Object>> inKeyOrder = new ArrayList<>();
        List<List<Object>> byIndex = new ArrayList<>();
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            try (RowCursor c = tx.scan(table, KeyRange.ALL, false)) {
                while (c.next()) {
                    List<Object> row = Arrays.asList(c.row());
                    rows.put(row.subList(0, keyColumns), row);
                    inKeyOrder.add(row);
                }
            }
            Index index = db.findIndex(indexOf(table.name())).orElse(null);
            if (index != null) {
                try (RowCursor c = tx.scanIndex(index, KeyRange.ALL, false)) {
                    while (c.next()) {
                        byIndex.add(Arrays.asList(c.row()));
                    }
                }
            }
        }
        found.put(table.name(), rows);
        if (table.rowCount() != rows.size()) {
            return "table " + table.name() + ": row count " + table.rowCount() + " for " + rows.size() + " rows";
        }
        if (db.findIndex(indexOf(table.name())).isPresent()) {
            int column = indexedColumn(table.name());
            List<List<Object>> expected = new ArrayList<>(inKeyOrder);
            // NULLs first, then by value; ties in primary-key order (the scan order above).
            expected.sort(Comparator.comparing((List<Object> r) -> (String) r.get(column),
                    Comparator.nullsFirst(Comparator.naturalOrder())));
            if (!expected.equals(byIndex)) {
                return "index " + indexOf(table.name()) + " lists " + byIndex.size() + " rows out of order or not those of "
                        + table.name() + " (" + expected.size() + ")";
            }
        }
        return null;
    }

    @Override
    public List<BlockOwner> owners() {
        return DatabaseCheck.owners();
    }
}
