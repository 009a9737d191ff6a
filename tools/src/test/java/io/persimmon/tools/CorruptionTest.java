package io.persimmon.tools;

import io.persimmon.engine.btree.BTreeOwner;
import io.persimmon.engine.btree.NodeLayout;
import io.persimmon.engine.catalog.CatalogBlock;
import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.DatabaseOptions;
import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.db.Transaction;
import io.persimmon.engine.log.LogRecord;
import io.persimmon.engine.log.RedoLog;
import io.persimmon.engine.mvcc.SlotPageLayout;
import io.persimmon.engine.mvcc.VersionLayout;
import io.persimmon.engine.mvcc.Versions;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pool.HeaderLayout;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.pool.RootSlot;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Damage aimed at each structure of a pool: seeded random byte flips inside the header copies,
 * the catalog block, the B+tree nodes of every tree, the version records, and the redo records
 * after the checkpoint, each located through the engine's own readers, never by hard-coded
 * offsets. For each flip, on a copy of the pool: {@code check} gives a verdict (exit 0 or 1, no
 * stack trace, a failure naming an offset or a header copy); then the database is opened through
 * JDBC and every row of every table read through the primary key and through each index. The
 * outcome must be an SQLException of a corruption or refusal state (XX001, 08001) or exactly the
 * rows that were written; any other outcome (other rows without an error, an internal error, an
 * {@link Error}, a hang) is a failure naming the kind, seed, offset and mask.
 *
 * <p>A damaged redo record after the checkpoint must be refused too, not taken for the torn tail
 * of a crashed group commit (C6): the transactions in the log were applied before the database
 * was abandoned, so their versions are in the pool, which a crash never leaves (R2). For those
 * flips {@code check} must also name the damaged record's offset.
 *
 * <p>It prints a summary (outcomes and {@code check} verdicts per kind); with
 * {@code -Dcorruption.samples=true} it also prints what {@code check} said for every flip.
 */
class CorruptionTest {
    @TempDir
    Path dir;

    /** The kinds of structure the flips aim at. */
    enum Kind { HEADER, CATALOG, TREE_NODE, VERSION, POINTER, LOG_RECORD }

    /** Flips per kind (a few hundred in all, so that the test stays under a minute). */
    private static final Map<Kind, Integer> CASES = new EnumMap<>(Map.of(Kind.HEADER, 40, Kind.CATALOG, 40,
            Kind.TREE_NODE, 100, Kind.VERSION, 80, Kind.POINTER, 60, Kind.LOG_RECORD, 60));

    /** A byte range of one structure: {@code what} names it in failures. */
    record Region(long offset, long length, String what) {}

    /** What one flip led to. */
    enum Outcome { EXACT, REFUSED }

    /** A transaction committed after the last checkpoint (only the log holds it): its effect on the rows. */
    record Logged(Consumer<Model> effect) {}

    /** The rows the test wrote: table name → primary key → the row's columns. */
    static final class Model {
        final Map<String, TreeMap<Integer, List<Object>>> tables = new LinkedHashMap<>();

        Model() {
            tables.put("A", new TreeMap<>());
            tables.put("B", new TreeMap<>());
        }

        Model copy() {
            Model m = new Model();
            tables.forEach((t, rows) -> m.tables.get(t).putAll(rows));
            return m;
        }
    }

    private static final int PAGE_SIZE = 512; // small pages: trees of three levels from a few hundred rows

    static DatabaseOptions options() {
        return DatabaseOptions.defaults().withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS)
                .withPageSize(PAGE_SIZE)).withLog(2, 1 << 20).withGcThreshold(Long.MAX_VALUE);
    }

    @Test
    void shouldReportDamageToEachStructureAndNeverReturnWrongRows() throws Exception {
        // Each damaged header copy, recovery and fallback is logged: hundreds of lines that say nothing new here.
        java.util.logging.Logger.getLogger("io.persimmon").setLevel(java.util.logging.Level.SEVERE);
        Model written = new Model();
        List<Logged> logged = new ArrayList<>();
        Path original = build(written, logged);
        byte[] clean = Files.readAllBytes(original);
        Map<Kind, List<Region>> regions = locate(original, logged.size());
        Map<Kind, Map<Outcome, Integer>> outcomes = new EnumMap<>(Kind.class);
        Map<Kind, int[]> checkVerdicts = new EnumMap<>(Kind.class); // [exit 0, exit 1, exit 1 naming the block]
        List<String> failures = new ArrayList<>();
        Model expected = written.copy();
        logged.forEach(l -> l.effect().accept(expected));
        Path undamaged = dir.resolve("undamaged.pool");
        Files.write(undamaged, clean);
        assertTrue(matches(readAll(undamaged, true), expected), "the undamaged pool reads back exactly");

        ExecutorService executor = Executors.newSingleThreadExecutor(daemon());
        long started = System.nanoTime();
        int n = 0;
        for (Kind kind : Kind.values()) {
            Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
            outcomes.put(kind, counts);
            int[] verdicts = new int[3];
            checkVerdicts.put(kind, verdicts);
            for (int i = 0; i < CASES.get(kind); i++) {
                long seed = 1000L * kind.ordinal() + i;
                SplittableRandom random = new SplittableRandom(seed); // java.util.Random's first draws follow consecutive seeds
                List<Region> of = regions.get(kind);
                Region region = of.get(random.nextInt(of.size()));
                long offset = region.offset() + (long) (random.nextDouble() * region.length());
                int mask = 1 + random.nextInt(255);
                String name = kind + " seed " + seed + ": byte " + offset + " ^ 0x" + Integer.toHexString(mask) + " in "
                        + region.what();
                Path copy = dir.resolve("case-" + (n++) + ".pool");
                byte[] bytes = clean.clone();
                bytes[(int) offset] ^= (byte) mask;
                Files.write(copy, bytes);
                Future<Outcome> future = executor.submit(() -> runCase(copy, region, expected, name, verdicts));
                try {
                    Outcome o = future.get(30, TimeUnit.SECONDS);
                    counts.merge(o, 1, Integer::sum);
                } catch (TimeoutException e) {
                    failures.add(name + ": no answer within 30 s (a hang)");
                    future.cancel(true);
                    executor = Executors.newSingleThreadExecutor(daemon());
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(name + ": " + describe(e.getCause()));
                }
                Files.deleteIfExists(copy);
            }
        }
        executor.shutdownNow();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        StringBuilder summary = new StringBuilder("corruption cases in " + seconds + " s:\n");
        for (Kind kind : Kind.values()) {
            int[] v = checkVerdicts.get(kind);
            summary.append(String.format("  %-10s %3d flips in %4d region(s): %s; check exit 0: %d, exit 1: %d (naming the block: %d)%n",
                    kind, CASES.get(kind), regions.get(kind).size(), outcomes.get(kind), v[0], v[1], v[2]));
        }
        System.out.println(summary);
        assertTrue(failures.isEmpty(), failures.size() + " failure(s):\n" + String.join("\n", failures) + "\n" + summary);
    }

    /** One damaged copy: {@code check}, then every row through JDBC. Throws AssertionError on a breach. */
    private Outcome runCase(Path copy, Region region, Model expected, String name, int[] verdicts) throws Exception {
        TestPools.Run run = TestPools.run("check", "--quiet", "--scratch", dir.toString(), copy.toString());
        String report = run.out() + run.err();
        if (run.exit() != 0 && run.exit() != 1) {
            throw new AssertionError("check exit " + run.exit() + "\n" + report);
        }
        if (report.contains("\tat ") || report.contains("Exception in thread")) {
            throw new AssertionError("check printed a stack trace\n" + report);
        }
        verdicts[run.exit()]++;
        if (Boolean.getBoolean("corruption.samples")) {
            System.out.println("=== " + name + "\n" + run.out());
        }
        if (run.exit() == 1) {
            if (!run.out().contains("offset") && !run.out().contains("header copies") && !run.out().contains("FAIL open")) {
                throw new AssertionError("check failed without naming an offset\n" + report);
            }
            if (run.out().contains(String.valueOf(region.offset()))) {
                verdicts[2]++;
            } else if (region.what().startsWith("log record")) {
                throw new AssertionError("check does not name the damaged log record\n" + report);
            }
        } else if (region.what().startsWith("log record")) {
            throw new AssertionError("check passes a damaged log record (R2)\n" + report);
        }
        Map<String, TreeMap<Integer, List<Object>>> found;
        try {
            found = readAll(copy, false);
        } catch (SQLException e) {
            if ("XX001".equals(e.getSQLState()) || "08001".equals(e.getSQLState())) {
                return Outcome.REFUSED;
            }
            throw new AssertionError("SQLState " + e.getSQLState() + ": " + e.getMessage() + "\ncheck said:\n" + report, e);
        }
        if (matches(found, expected)) {
            return Outcome.EXACT;
        }
        throw new AssertionError("wrong rows without an error: " + difference(found, expected) + "\ncheck said:\n" + report);
    }

    private static boolean matches(Map<String, TreeMap<Integer, List<Object>>> found, Model expected) {
        for (var e : found.entrySet()) {
            if (!e.getValue().equals(expected.tables.get(e.getKey().substring(0, 1)))) {
                return false;
            }
        }
        return true;
    }

    private static String difference(Map<String, TreeMap<Integer, List<Object>>> found, Model expected) {
        StringBuilder b = new StringBuilder();
        for (var e : found.entrySet()) {
            TreeMap<Integer, List<Object>> want = expected.tables.get(e.getKey().substring(0, 1));
            Set<Integer> keys = new java.util.TreeSet<>(want.keySet());
            keys.addAll(e.getValue().keySet());
            int shown = 0;
            for (int key : keys) {
                if (!java.util.Objects.equals(want.get(key), e.getValue().get(key)) && shown++ < 5) {
                    b.append("\n  ").append(e.getKey()).append(" key ").append(key).append(": read ")
                            .append(e.getValue().get(key)).append(", written ").append(want.get(key));
                }
            }
        }
        return b.toString();
    }

    /** Every row of both tables through JDBC, by primary key and by index, on one connection. */
    private static Map<String, TreeMap<Integer, List<Object>>> readAll(Path pool, boolean checkPlans) throws SQLException {
        Map<String, TreeMap<Integer, List<Object>>> found = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:persimmon:" + pool + ";mode=process");
             Statement st = c.createStatement()) {
            found.put("A", read(st, "A", "ID", checkPlans));
            found.put("A by index", read(st, "A", "NAME", checkPlans));
            found.put("B", read(st, "B", "K", checkPlans));
            found.put("B by index", read(st, "B", "G", checkPlans));
        }
        return found;
    }

    /**
     * Every row of {@code table} through JDBC, read in the order of {@code orderBy} (the primary key or
     * an indexed column, so that the plan walks that tree), keyed by the primary key.
     */
    private static TreeMap<Integer, List<Object>> read(Statement st, String table, String orderBy, boolean checkPlan)
            throws SQLException {
        boolean byKey = orderBy.equals("ID") || orderBy.equals("K");
        // A LIMIT makes the planner walk the index in its order rather than sort a scan.
        String sql = "SELECT * FROM " + table + " ORDER BY " + orderBy + (byKey ? "" : " LIMIT 1000000");
        if (checkPlan) {
            // A scan without an index walks the primary key's tree (Transaction.scan).
            String plan = plan(st, sql);
            String tree = byKey ? "PersimmonTableScan(table=[[PUBLIC, " + table + "]])" : table + "_BY_" + orderBy;
            if (!plan.contains(tree) || plan.contains("Sort")) {
                throw new AssertionError("the plan does not walk the tree of " + orderBy + ":\n" + plan);
            }
        }
        TreeMap<Integer, List<Object>> rows = new TreeMap<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                if (rows.put(((Number) row.get(0)).intValue(), row) != null) {
                    throw new AssertionError(table + " by " + orderBy + ": key " + row.get(0) + " read twice");
                }
            }
        }
        return rows;
    }

    private static String plan(Statement st, String sql) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (ResultSet rs = st.executeQuery("EXPLAIN PLAN FOR " + sql)) {
            while (rs.next()) {
                b.append(rs.getString(1)).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * Table A (ID, NAME, QTY; index A_BY_NAME) and table B (K, G, S; index B_BY_G), with updated rows
     * (version chains of up to 4) and deleted rows, checkpointed; then {@code logged}'s transactions,
     * which only the log holds when the database is abandoned without a checkpoint.
     */
    private Path build(Model model, List<Logged> logged) {
        Path file = dir.resolve("original.pool");
        var a = model.tables.get("A");
        var b = model.tables.get("B");
        try (Database db = Database.open(file, options())) {
            Table ta = db.createTable(TableDefinition.of("A", List.of(Column.notNull("ID", ColumnType.INTEGER),
                    Column.nullable("NAME", ColumnType.varchar(40)), Column.nullable("QTY", ColumnType.BIGINT)), "ID"));
            Table tb = db.createTable(TableDefinition.of("B", List.of(Column.notNull("K", ColumnType.INTEGER),
                    Column.nullable("G", ColumnType.INTEGER), Column.nullable("S", ColumnType.varchar(60))), "K"));
            db.createIndex(IndexDefinition.of("B_BY_G", tb.definition(), false, "G"));
            inTransaction(db, tx -> {
                for (int i = 1; i <= 700; i++) {
                    tx.insert(ta, rowA(a, i, "name-" + i, i * 10L));
                }
                for (int k = 1; k <= 500; k++) {
                    tx.insert(tb, rowB(b, k, k % 37, "b-" + k));
                }
            });
            db.createIndex(IndexDefinition.of("A_BY_NAME", ta.definition(), false, "NAME"));
            for (int round = 1; round <= 3; round++) {
                int r = round;
                inTransaction(db, tx -> {
                    for (int i = 1; i <= 60; i++) {
                        int id = i;
                        tx.update(ta, ta.key(id), old -> rowA(a, id, "name-" + id + "-v" + r, r));
                    }
                });
            }
            inTransaction(db, tx -> {
                for (int i = 61; i <= 80; i++) {
                    tx.delete(ta, ta.key(i));
                    a.remove(i);
                }
                for (int k = 1; k <= 50; k++) {
                    int key = k;
                    tx.update(tb, tb.key(key), old -> rowB(b, key, 100 + key % 5, "b-" + key + "-updated"));
                }
            });
        } // closing checkpoints
        for (int t = 0; t < 12; t++) {
            int n = t;
            logged.add(new Logged(m -> {
                for (int j = 0; j < 3; j++) {
                    rowA(m.tables.get("A"), 1000 + 3 * n + j, "logged-" + n + "-" + j, n);
                }
                rowB(m.tables.get("B"), 100 + n, 200 + n, "b-logged-" + n);
                if (n % 4 == 0) {
                    m.tables.get("A").remove(200 + n);
                }
            }));
        }
        Pool pool = Pool.open(file, options().pool());
        try {
            Database db = Database.attach(pool, options());
            Table ta = db.table("A");
            Table tb = db.table("B");
            Model scratch = new Model();
            for (int t = 0; t < logged.size(); t++) {
                int n = t;
                inTransaction(db, tx -> {
                    for (int j = 0; j < 3; j++) {
                        tx.insert(ta, rowA(scratch.tables.get("A"), 1000 + 3 * n + j, "logged-" + n + "-" + j, n));
                    }
                    tx.update(tb, tb.key(100 + n), old -> rowB(scratch.tables.get("B"), 100 + n, 200 + n, "b-logged-" + n));
                    if (n % 4 == 0) {
                        tx.delete(ta, ta.key(200 + n));
                    }
                });
            }
        } finally {
            pool.close(); // the database is not closed: no checkpoint covers the logged transactions
        }
        return file;
    }

    private static Object[] rowA(TreeMap<Integer, List<Object>> model, int id, String name, long qty) {
        model.put(id, List.of(id, name, qty));
        return new Object[] {id, name, qty};
    }

    private static Object[] rowB(TreeMap<Integer, List<Object>> model, int k, int g, String s) {
        model.put(k, List.of(k, g, s));
        return new Object[] {k, g, s};
    }

    private static void inTransaction(Database db, Consumer<Transaction> work) {
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            work.accept(tx);
            tx.commit();
        }
    }

    /** The byte ranges of each kind of structure, found through the engine's readers. */
    private Map<Kind, List<Region>> locate(Path file, int loggedTransactions) {
        Map<Kind, List<Region>> regions = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            regions.put(k, new ArrayList<>());
        }
        try (Pool pool = Pool.open(file, options().pool().withCreate(false))) {
            MemorySegment s = pool.segment();
            for (int copy = 0; copy < 2; copy++) {
                regions.get(Kind.HEADER).add(new Region(HeaderLayout.copyOffset(copy), HeaderLayout.COPY_SIZE,
                        "header copy " + copy));
            }
            long catalog = pool.header().root(RootSlot.CATALOG);
            regions.get(Kind.CATALOG).add(new Region(catalog, CatalogBlock.size(s, catalog), "catalog block at " + catalog));
            CatalogBlock.Image image = CatalogBlock.read(s, catalog);
            Map<String, Long> trees = new LinkedHashMap<>();
            for (CatalogBlock.TableEntry t : image.tables()) {
                trees.put("primary key of " + t.definition().name(), t.root());
                for (long page : t.slotPages()) {
                    for (int i = 0; i < SlotPageLayout.SLOTS_PER_PAGE; i++) {
                        long slot = SlotPageLayout.slot(page, i);
                        long version = Versions.newest(s, slot);
                        if (version != 0) {
                            regions.get(Kind.POINTER).add(new Region(slot, 8, "slot word at " + slot + " of table "
                                    + t.definition().name()));
                        }
                        for (int depth = 0; version != 0; depth++) {
                            regions.get(Kind.VERSION).add(new Region(version, VersionLayout.size(Versions.rowLength(s, version)),
                                    "version at " + version + " (" + depth + " below the newest) of table " + t.definition().name()));
                            if (Versions.previous(s, version) != 0) {
                                regions.get(Kind.POINTER).add(new Region(version + VersionLayout.PREVIOUS_OFFSET, 8,
                                        "previous-version word of the version at " + version + " of table " + t.definition().name()));
                            }
                            version = Versions.previous(s, version);
                        }
                    }
                }
            }
            for (CatalogBlock.IndexEntry i : image.indexes()) {
                trees.put("index " + i.definition().name(), i.root());
            }
            int pageSize = pool.header().pageSize();
            trees.forEach((tree, root) -> BTreeOwner.forEachNode(s, root, pageSize, (offset, bytes, what) -> {
                int used = s.get(PoolLayouts.INT, offset + NodeLayout.USED_OFFSET);
                regions.get(Kind.TREE_NODE).add(new Region(offset, used, "node at " + offset + " of " + tree
                        + (offset == root ? " (root)" : "")));
            }));
            List<long[]> areas = new ArrayList<>();
            RedoLog.owner().forEachBlock(s, pool.header().roots(), (offset, bytes, what) -> {
                if (what.startsWith("log area")) {
                    areas.add(new long[] {offset, bytes});
                }
            });
            List<LogRecord> records = RedoLog.open(pool).recover();
            assertEquals(loggedTransactions, records.size(), "one record per logged transaction after the checkpoint");
            for (int t = 0; t < records.size(); t++) {
                LogRecord r = records.get(t);
                long at = areas.get(r.area())[0] + r.position() % areas.get(r.area())[1];
                regions.get(Kind.LOG_RECORD).add(new Region(at, 32 + r.body().length, "log record at " + at
                        + " of area " + r.area() + " (transaction " + t + ")"));
            }
            assertTrue(trees.values().stream().allMatch(root -> root != 0), "every tree has nodes");
        }
        return regions;
    }

    private static String describe(Throwable t) {
        if (t instanceof AssertionError) {
            return t.getMessage();
        }
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        String trace = w.toString();
        return "threw " + trace.substring(0, Math.min(trace.length(), 2000));
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "corruption-case");
            t.setDaemon(true);
            return t;
        };
    }
}
