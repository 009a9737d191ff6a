package io.persimmon.engine.db;

import io.persimmon.engine.btree.BTree;
import io.persimmon.engine.btree.BTreeCheck;
import io.persimmon.engine.btree.BTreeOwner;
import io.persimmon.engine.btree.Cursor;
import io.persimmon.engine.catalog.CatalogBlock;
import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.check.PoolCheck;
import io.persimmon.engine.log.RedoLog;
import io.persimmon.engine.mvcc.SlotPageLayout;
import io.persimmon.engine.mvcc.SlotPages;
import io.persimmon.engine.mvcc.VersionLayout;
import io.persimmon.engine.mvcc.Versions;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolHeader;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.pool.RootSlot;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The check of a database's durable state (the newest header's checkpoint): the pool's space
 * (every allocated line owned exactly once: log, catalog, tree nodes, slot pages, versions), each
 * B+tree's structure, each version chain, and each index against the rows.
 */
public final class DatabaseCheck {
    private DatabaseCheck() {}

    /** The owners of every block of the database, for {@link PoolCheck}. */
    public static List<BlockOwner> owners() {
        return List.of(RedoLog.owner(), CatalogBlock.owner(), new BlockOwner() {
            @Override
            public String name() {
                return "tables";
            }

            @Override
            public void forEachBlock(MemorySegment s, long[] roots, BlockVisitor visitor) {
                CatalogBlock.Image image = CatalogBlock.read(s, roots[RootSlot.CATALOG.index()]);
                int pageSize = pageSizeOf(s);
                for (CatalogBlock.TableEntry t : image.tables()) {
                    BTreeOwner.forEachNode(s, t.root(), pageSize, visitor);
                    for (long page : t.slotPages()) {
                        visitor.block(page, SlotPageLayout.PAGE_SIZE, "slot page of table " + t.definition().name());
                        for (int i = 0; i < SlotPageLayout.SLOTS_PER_PAGE; i++) {
                            long newer = Long.MAX_VALUE;
                            long slot = SlotPageLayout.slot(page, i);
                            for (long v = Versions.newest(s, slot); v != 0; v = Versions.previous(s, v)) {
                                if (v < 0 || v + VersionLayout.ROW_OFFSET > s.byteSize()) {
                                    throw PersimmonException.corrupt(v, "a version chain of table " + t.definition().name()
                                            + " leads outside the pool");
                                }
                                Versions.checkOwner(s, v, slot); // another row's version is not this chain's block
                                long ts = Versions.timestamp(s, v);
                                if (ts >= newer) {
                                    // Timestamps strictly decrease along a chain: a loop cannot.
                                    throw PersimmonException.corrupt(v, "a version chain of table " + t.definition().name()
                                            + " does not go back in time (a loop, or a damaged version)");
                                }
                                newer = ts;
                                visitor.block(v, Versions.blockSize(s, v), "version");
                            }
                        }
                    }
                }
                for (CatalogBlock.IndexEntry i : image.indexes()) {
                    BTreeOwner.forEachNode(s, i.root(), pageSize, visitor);
                }
            }
        });
    }

    /** The page size of the pool (both header copies carry it; PoolCheck reports damaged ones). */
    private static int pageSizeOf(MemorySegment s) {
        for (int copy = 0; copy < 2; copy++) {
            if (PoolHeader.read(s, copy) instanceof PoolHeader.Decoded.Valid v) {
                return v.header().pageSize();
            }
        }
        return PoolOptions.DEFAULT_PAGE_SIZE;
    }

    /** Checks the pool's space, then the trees, chains and indexes of the checkpoint its header names. */
    public static CheckReport run(Pool pool) {
        return run(pool, what -> { });
    }

    /**
     * {@link #run(Pool)}, telling {@code progress} what it is about to check: each step, and each
     * tree and each table's rows (the long parts on a large pool).
     */
    public static CheckReport run(Pool pool, java.util.function.Consumer<String> progress) {
        MemorySegment s = pool.segment();
        progress.accept("header copies, allocator, block ownership");
        CheckReport report = PoolCheck.run(s, owners());
        if (!report.passed()) {
            return report;
        }
        progress.accept("catalog");
        CatalogBlock.Image image = CatalogBlock.read(s, pool.header().root(RootSlot.CATALOG));
        checkCatalog(image, report);
        if (!report.passed()) {
            return report;
        }
        int pageSize = pool.header().pageSize();
        List<String> treeProblems = new ArrayList<>();
        long nodes = 0;
        for (CatalogBlock.TableEntry t : image.tables()) {
            progress.accept("B+tree: primary key of " + t.definition().name());
            BTreeCheck.Result r = BTreeCheck.run(s, t.root(), pageSize);
            nodes += r.nodes();
            r.problems().forEach(p -> treeProblems.add("primary key of " + t.definition().name() + ": " + p));
        }
        for (CatalogBlock.IndexEntry i : image.indexes()) {
            progress.accept("B+tree: index " + i.definition().name());
            BTreeCheck.Result r = BTreeCheck.run(s, i.root(), pageSize);
            nodes += r.nodes();
            r.problems().forEach(p -> treeProblems.add("index " + i.definition().name() + ": " + p));
        }
        report.add(new CheckReport.Step("B+trees", (image.tables().size() + image.indexes().size()) + " trees, "
                + nodes + " nodes", treeProblems));
        if (!treeProblems.isEmpty()) {
            return report;
        }
        checkRows(pool, image, report, progress);
        return report;
    }

    /** Names unique, ids below the next id, every index on an existing table and existing columns. */
    private static void checkCatalog(CatalogBlock.Image image, CheckReport report) {
        List<String> problems = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        Map<Long, CatalogBlock.TableEntry> tables = new HashMap<>();
        for (CatalogBlock.TableEntry t : image.tables()) {
            tables.put(t.id(), t);
            if (!names.add("table " + t.definition().name())) {
                problems.add("two tables are named " + t.definition().name());
            }
            if (!ids.add(t.id()) || t.id() >= image.nextId()) {
                problems.add("table " + t.definition().name() + " has a duplicate or unissued id " + t.id());
            }
            if (t.rowCount() < 0) {
                problems.add("table " + t.definition().name() + " counts " + t.rowCount() + " rows");
            }
        }
        for (CatalogBlock.IndexEntry i : image.indexes()) {
            if (!names.add("index " + i.definition().name())) {
                problems.add("two indexes are named " + i.definition().name());
            }
            if (!ids.add(i.id()) || i.id() >= image.nextId()) {
                problems.add("index " + i.definition().name() + " has a duplicate or unissued id " + i.id());
            }
            CatalogBlock.TableEntry t = tables.get(i.tableId());
            if (t == null || !t.definition().name().equals(i.definition().table())) {
                problems.add("index " + i.definition().name() + " is on table " + i.definition().table()
                        + ", which the catalog does not hold under id " + i.tableId());
            } else {
                for (int c : i.definition().columns()) {
                    if (c < 0 || c >= t.definition().columns().size()) {
                        problems.add("index " + i.definition().name() + " names column " + c + " of " + t.definition().name());
                    }
                }
            }
        }
        report.add(new CheckReport.Step("catalog", image.tables().size() + " tables, " + image.indexes().size()
                + " indexes", problems));
    }

    private static void checkRows(Pool pool, CatalogBlock.Image image, CheckReport report,
                                  java.util.function.Consumer<String> progress) {
        MemorySegment s = pool.segment();
        List<String> problems = new ArrayList<>();
        Map<Long, Table> tables = new HashMap<>();
        long rows = 0;
        long entries = 0;
        for (CatalogBlock.TableEntry e : image.tables()) {
            progress.accept("rows of " + e.definition().name());
            Table t = new Table(e.id(), e.definition(), new TreeStore(pool, e.id(), e.root()),
                    new SlotPages(e.id(), pool::segment, pool.allocator(), e.slotPages()), e.rowCount());
            tables.put(e.id(), t);
            BTree tree = new BTree(pool, e.root());
            Cursor c = tree.scan(e.root(), null, true, null, true, false);
            long live = 0;
            while (c.next()) {
                long slot = c.value();
                if (!inSlotPage(slot, e.slotPages())) {
                    problems.add("table " + t.name() + ": key maps to " + slot + ", not a slot of its pages");
                    continue;
                }
                long newestTs = Long.MAX_VALUE;
                for (long v = Versions.newest(s, slot); v != 0; v = Versions.previous(s, v)) {
                    try {
                        Versions.checkOwner(s, v, slot);
                        Versions.verify(s, v);
                    } catch (PersimmonException damaged) {
                        problems.add("table " + t.name() + ": " + damaged.getMessage());
                        break;
                    }
                    long ts = Versions.timestamp(s, v);
                    if (ts >= newestTs) {
                        problems.add("table " + t.name() + ": timestamps do not decrease along the chain of slot " + slot);
                        break;
                    }
                    newestTs = ts;
                    if (!Versions.isTombstone(s, v) && !Arrays.equals(t.keyOf(t.decode(s, v)), c.key())) {
                        problems.add("table " + t.name() + ": a version of slot " + slot + " has another primary key");
                    }
                }
                long newest = Versions.newest(s, slot);
                if (newest != 0 && !Versions.isTombstone(s, newest)) {
                    live++;
                }
            }
            rows += live;
            if (live != e.rowCount()) {
                problems.add("table " + t.name() + ": " + live + " live rows, the catalog counts " + e.rowCount());
            }
        }
        for (CatalogBlock.IndexEntry e : image.indexes()) {
            progress.accept("entries of index " + e.definition().name());
            Table t = tables.get(e.tableId());
            if (t == null) {
                problems.add("index " + e.definition().name() + " names table " + e.tableId() + ", which does not exist");
                continue;
            }
            Index index = new Index(e.id(), e.definition(), t, new TreeStore(pool, e.id(), e.root()), e.ready());
            CatalogBlock.TableEntry owner = image.tables().stream().filter(x -> x.id() == e.tableId()).findFirst().orElseThrow();
            // Every entry names a slot of its table whose chain has a version carrying the entry's key.
            BTree tree = new BTree(pool, e.root());
            Cursor entry = tree.scan(e.root(), null, true, null, true, false);
            while (entry.next()) {
                long slot = entry.value();
                if (!inSlotPage(slot, owner.slotPages())) {
                    problems.add("index " + index.name() + ": an entry maps to " + slot + ", not a slot of table " + t.name());
                    continue;
                }
                boolean carried = false;
                try {
                    for (long v = Versions.newest(s, slot); v != 0 && !carried; v = Versions.previous(s, v)) {
                        Versions.checkOwner(s, v, slot);
                        carried = !Versions.isTombstone(s, v) && Arrays.equals(index.keyOf(t.decode(s, v)), entry.key());
                    }
                } catch (PersimmonException damaged) {
                    continue; // reported by the walk of the table's chains
                }
                if (!carried) {
                    problems.add("index " + index.name() + ": an entry matches no version of its row (slot " + slot + ")");
                }
            }
            if (!e.ready()) {
                continue;
            }
            // Every live row has its entry.
            BTree primary = new BTree(pool, t.primary.root());
            Cursor c = primary.scan(t.primary.root(), null, true, null, true, false);
            while (c.next()) {
                long newest = Versions.newest(s, c.value());
                if (newest == 0 || Versions.isTombstone(s, newest)) {
                    continue;
                }
                byte[] key;
                try {
                    key = index.keyOf(t.decode(s, newest));
                } catch (PersimmonException damaged) {
                    continue; // reported by the walk of the table's chains
                }
                entries++;
                if (tree.get(e.root(), key) != c.value()) {
                    problems.add("index " + index.name() + ": no entry for the row with key "
                            + Arrays.toString(t.decodeKey(c.key())));
                }
            }
        }
        report.add(new CheckReport.Step("rows and indexes", rows + " live rows, " + entries + " index entries of live rows checked",
                problems));
    }

    private static boolean inSlotPage(long slot, List<Long> pages) {
        for (long page : pages) {
            if (slot >= page + SlotPageLayout.SLOTS_OFFSET && slot < page + SlotPageLayout.PAGE_SIZE
                    && (slot - page - SlotPageLayout.SLOTS_OFFSET) % 8 == 0) {
                return true;
            }
        }
        return false;
    }
}
