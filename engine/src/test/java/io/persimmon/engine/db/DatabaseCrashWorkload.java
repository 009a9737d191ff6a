package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The whole database under the crash simulator: a table with a primary key and a secondary index
 * (created midway, over existing rows), transactions of inserts, updates (key changes included)
 * and deletes, some rolled back, garbage collection, checkpoints, a second table dropped, and a
 * redo log small enough to wrap. After a crash, the database is opened on the recovered pool
 * (replay and checkpoint), and must hold, row by row, the state after the last committed
 * transaction (or, if the crash hit its commit, after that one), through its primary key and
 * through the index, with a consistent pool.
 */
final class DatabaseCrashWorkload implements CrashWorkload {
    static final DatabaseOptions OPTIONS = DatabaseOptions.defaults().withLog(2, 8192).withGcThreshold(0);
    private static final TableDefinition ITEMS = TableDefinition.of("ITEMS", List.of(
            Column.notNull("ID", ColumnType.INTEGER),
            Column.nullable("NAME", ColumnType.varchar(40)),
            Column.nullable("QTY", ColumnType.BIGINT)), "ID");
    private static final TableDefinition SCRATCH = TableDefinition.of("SCRATCH", List.of(
            Column.nullable("X", ColumnType.varchar(200))));

    private final long seed;
    private final int transactions;
    private final TreeMap<Integer, List<Object>> model = new TreeMap<>();
    private volatile Map<Integer, List<Object>> committed = Map.of();
    private volatile Map<Integer, List<Object>> committing;

    DatabaseCrashWorkload(long seed, int transactions) {
        this.seed = seed;
        this.transactions = transactions;
    }

    @Override
    public void run(Pool pool) {
        SplittableRandom random = new SplittableRandom(seed);
        Database db = Database.attach(pool, OPTIONS);
        Table items = db.createTable(ITEMS);
        Table scratch = db.createTable(SCRATCH);
        Transaction old = null;
        Map<Integer, List<Object>> oldSees = null;
        for (int n = 0; n < transactions; n++) {
            if (n % 20 == 3) {
                old = db.begin(Isolation.REPEATABLE_READ); // a snapshot that garbage collection must respect
                oldSees = Map.copyOf(model);
            } else if (n % 20 == 15 && old != null) {
                Map<Integer, List<Object>> seen = new TreeMap<>();
                try (RowCursor c = old.scan(items, KeyRange.ALL, false)) {
                    while (c.next()) {
                        seen.put((Integer) c.row()[0], Arrays.asList(c.row()));
                    }
                }
                if (!seen.equals(oldSees)) {
                    throw new IllegalStateException("an old snapshot sees " + seen + " instead of " + oldSees);
                }
                old.close();
                old = null;
            }
            if (n == transactions / 3) {
                db.createIndex(IndexDefinition.of("BY_NAME", ITEMS, false, "NAME"));
            }
            if (n == transactions / 2) {
                db.dropTable("SCRATCH");
            }
            if (n < transactions / 2 && random.nextInt(4) == 0) {
                try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                    tx.insert(scratch, new Object[] {"filler " + n});
                    tx.commit();
                }
            }
            transaction(db, items, random);
            if (random.nextInt(10) == 0) {
                db.collectGarbage();
            }
            if (random.nextInt(15) == 0) {
                db.checkpoint();
            }
        }
    }

    private void transaction(Database db, Table items, SplittableRandom random) {
        TreeMap<Integer, List<Object>> next = new TreeMap<>(model);
        try (Transaction tx = db.begin(random.nextBoolean() ? Isolation.REPEATABLE_READ : Isolation.READ_COMMITTED)) {
            int ops = 1 + random.nextInt(4);
            for (int i = 0; i < ops; i++) {
                int key = random.nextInt(40);
                int choice = random.nextInt(10);
                List<Object> current = next.get(key);
                if (current == null) {
                    List<Object> row = List.of(key, "n" + random.nextInt(8), (long) random.nextInt(1000));
                    tx.insert(items, row.toArray());
                    next.put(key, row);
                } else if (choice < 5) {
                    List<Object> row = List.of(key, "n" + random.nextInt(8), (Long) current.get(2) + 1);
                    tx.update(items, items.key(key), row.toArray());
                    next.put(key, row);
                } else if (choice < 7 && !next.containsKey(key + 100)) {
                    List<Object> row = List.of(key + 100, current.get(1), current.get(2));
                    tx.update(items, items.key(key), row.toArray()); // moves the row to another key
                    next.remove(key);
                    next.put(key + 100, row);
                } else {
                    tx.delete(items, items.key(key));
                    next.remove(key);
                }
            }
            if (random.nextInt(8) == 0) {
                tx.rollback();
                return;
            }
            committing = Map.copyOf(next);
            tx.commit();
        }
        model.clear();
        model.putAll(next);
        committed = Map.copyOf(next);
        committing = null;
    }

    @Override
    public List<Object> acceptableStates() {
        Map<Integer, List<Object>> pending = committing;
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
        Table items;
        try {
            items = db.table("ITEMS");
        } catch (PersimmonException e) {
            return e.code() == ErrorCode.NO_SUCH_TABLE && acceptable.contains(Map.of()) ? null
                    : "table ITEMS is missing after recovery";
        }
        Map<Integer, List<Object>> found = new TreeMap<>();
        List<List<Object>> byIndex = new ArrayList<>();
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            try (RowCursor c = tx.scan(items, KeyRange.ALL, false)) {
                while (c.next()) {
                    found.put((Integer) c.row()[0], Arrays.asList(c.row()));
                }
            }
            Index index = db.findIndex("BY_NAME").orElse(null);
            if (index != null) {
                try (RowCursor c = tx.scanIndex(index, KeyRange.ALL, false)) {
                    while (c.next()) {
                        byIndex.add(Arrays.asList(c.row()));
                    }
                }
            }
        }
        if (!acceptable.contains(found)) {
            return "recovered rows " + found + " match none of the " + acceptable.size() + " acceptable states";
        }
        if (db.findIndex("BY_NAME").isPresent()) {
            List<List<Object>> expected = new ArrayList<>(found.values());
            expected.sort((a, b) -> {
                int c = ((String) a.get(1)).compareTo((String) b.get(1));
                return c != 0 ? c : Integer.compare((Integer) a.get(0), (Integer) b.get(0));
            });
            if (!expected.equals(byIndex)) {
                return "the index BY_NAME lists " + byIndex + " instead of " + expected;
            }
        }
        if (items.rowCount() != found.size()) {
            return "row count " + items.rowCount() + " for " + found.size() + " rows";
        }
        CheckReport report = DatabaseCheck.run(recovered);
        db.close();
        return report.passed() ? null : "check after recovery: " + report.problems();
    }

    @Override
    public List<BlockOwner> owners() {
        return DatabaseCheck.owners();
    }
}
