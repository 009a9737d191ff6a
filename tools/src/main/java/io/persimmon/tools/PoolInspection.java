package io.persimmon.tools;

import io.persimmon.engine.alloc.Allocator;
import io.persimmon.engine.btree.BTreeCheck;
import io.persimmon.engine.catalog.CatalogBlock;
import io.persimmon.engine.log.LogRecord;
import io.persimmon.engine.log.RedoLog;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolHeader;
import io.persimmon.engine.pool.RootSlot;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pool durably holds, read without changing a byte: the newest header, the allocator's
 * figures, the catalog of the checkpoint the header names, its trees and version chains, and the
 * log records written after that checkpoint (which opening the database would replay). It never
 * constructs a {@code Database}: that runs recovery, which writes.
 */
final class PoolInspection {
    /** A B+tree's size: nodes of the page size, entries in its leaves, levels. */
    record TreeSize(long nodes, long entries, int height, long bytes, List<String> problems) {}

    /** A table as of the checkpoint. */
    record TableInfo(String name, long id, int columns, long rowCount, int slotPages, TreeSize primary,
                     VersionChains.Stats chains) {}

    /** A secondary index as of the checkpoint. */
    record IndexInfo(String name, String table, boolean unique, boolean ready, TreeSize tree) {}

    /** One log area: where it is, and the valid records after the checkpoint in it. */
    record AreaInfo(int index, long offset, long size, long records, long bytes) {}

    /** The redo log: its areas, and what a reopening would replay. */
    record LogInfo(long checkpointTimestamp, List<AreaInfo> areas, long records, long bytes, long newestTimestamp) {}

    final Pool pool;
    final PoolHeader header;
    final long capacity;
    final long allocated;
    final long free;
    /** Null when the catalog cannot be read (then {@link #catalogProblem} says why). */
    final List<TableInfo> tables;
    final List<IndexInfo> indexes;
    final String catalogProblem;
    /** Null when the pool has no log yet (a pool not made by a database) or it cannot be read. */
    final LogInfo log;
    final String logProblem;

    private PoolInspection(Pool pool, List<TableInfo> tables, List<IndexInfo> indexes, String catalogProblem,
                           LogInfo log, String logProblem) {
        this.pool = pool;
        this.header = pool.header();
        Allocator a = pool.allocator();
        this.capacity = a.capacityBytes();
        this.allocated = a.allocatedBytes();
        this.free = a.capacityBytes() - a.inUseBytes();
        this.tables = tables;
        this.indexes = indexes;
        this.catalogProblem = catalogProblem;
        this.log = log;
        this.logProblem = logProblem;
    }

    /** Reads everything {@code info} reports from an open pool. */
    static PoolInspection of(Pool pool) {
        MemorySegment s = pool.segment();
        int pageSize = pool.header().pageSize();
        List<TableInfo> tables = new ArrayList<>();
        List<IndexInfo> indexes = new ArrayList<>();
        String catalogProblem = null;
        try {
            CatalogBlock.Image image = CatalogBlock.read(s, pool.header().root(RootSlot.CATALOG));
            Map<Long, String> names = new LinkedHashMap<>();
            for (CatalogBlock.TableEntry t : image.tables()) {
                names.put(t.id(), t.definition().name());
                tables.add(new TableInfo(t.definition().name(), t.id(), t.definition().columns().size(), t.rowCount(),
                        t.slotPages().size(), tree(s, t.root(), pageSize), VersionChains.walk(s, t)));
            }
            for (CatalogBlock.IndexEntry i : image.indexes()) {
                indexes.add(new IndexInfo(i.definition().name(), names.getOrDefault(i.tableId(), "#" + i.tableId()),
                        i.definition().unique(), i.ready(), tree(s, i.root(), pageSize)));
            }
        } catch (RuntimeException e) {
            catalogProblem = message(e);
        }
        LogInfo log = null;
        String logProblem = null;
        if (pool.header().root(RootSlot.LOG) != 0) {
            try {
                log = log(pool);
            } catch (RuntimeException e) {
                logProblem = message(e);
            }
        }
        return new PoolInspection(pool, tables, indexes, catalogProblem, log, logProblem);
    }

    private static TreeSize tree(MemorySegment s, long root, int pageSize) {
        BTreeCheck.Result r = BTreeCheck.run(s, root, pageSize);
        return new TreeSize(r.nodes(), r.entries(), r.height(), r.nodes() * pageSize, r.problems());
    }

    /** The log's areas (from its directory) and its records after the checkpoint (read, not replayed). */
    private static LogInfo log(Pool pool) {
        MemorySegment s = pool.segment();
        List<long[]> blocks = new ArrayList<>();
        RedoLog.owner().forEachBlock(s, pool.header().roots(), (offset, bytes, what) -> {
            if (what.startsWith("log area")) {
                blocks.add(new long[] {offset, bytes});
            }
        });
        RedoLog redo = RedoLog.open(pool);
        List<LogRecord> records = redo.recover(); // reads the areas; writes nothing
        long[] count = new long[blocks.size()];
        long[] bytes = new long[blocks.size()];
        long newest = redo.checkpointTimestamp();
        for (LogRecord r : records) {
            count[r.area()]++;
            bytes[r.area()] += r.span();
            newest = Math.max(newest, r.timestamp());
        }
        List<AreaInfo> areas = new ArrayList<>();
        long totalBytes = 0;
        for (int i = 0; i < blocks.size(); i++) {
            areas.add(new AreaInfo(i, blocks.get(i)[0], blocks.get(i)[1], count[i], bytes[i]));
            totalBytes += bytes[i];
        }
        return new LogInfo(redo.checkpointTimestamp(), areas, records.size(), totalBytes, newest);
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The inspection as nested maps and lists, for {@code --json}. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pool", pool.path().toString());
        m.put("format", header.version().toString());
        m.put("uuid", header.uuid().toString());
        m.put("created", java.time.Instant.ofEpochMilli(header.createdMillis()).toString());
        m.put("mode", pool.persistence().mode().optionName());
        m.put("survives", pool.persistence().mode().survives());
        m.put("checkpointSequence", header.sequence());
        m.put("headerCopy", header.copyIndex());
        m.put("otherHeaderCopy", otherCopy());
        m.put("pageSize", header.pageSize());
        m.put("sizeBytes", pool.size());
        m.put("maxSizeBytes", pool.options().maxSize());
        m.put("capacityBytes", capacity);
        m.put("allocatedBytes", allocated);
        m.put("freeBytes", free);
        List<Object> ts = new ArrayList<>();
        for (TableInfo t : tables) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("name", t.name());
            tm.put("id", t.id());
            tm.put("columns", t.columns());
            tm.put("rows", t.rowCount());
            tm.put("slotPages", t.slotPages());
            tm.put("primaryKey", treeMap(t.primary()));
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("rows", t.chains().slots());
            vm.put("liveRows", t.chains().liveRows());
            vm.put("versions", t.chains().versions());
            vm.put("meanPerRow", Math.round(t.chains().mean() * 100) / 100.0);
            vm.put("maxPerRow", t.chains().longest());
            vm.put("problems", t.chains().problems());
            tm.put("versionChains", vm);
            ts.add(tm);
        }
        m.put("tables", ts);
        List<Object> is = new ArrayList<>();
        for (IndexInfo i : indexes) {
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("name", i.name());
            im.put("table", i.table());
            im.put("unique", i.unique());
            im.put("ready", i.ready());
            im.put("tree", treeMap(i.tree()));
            is.add(im);
        }
        m.put("indexes", is);
        if (catalogProblem != null) {
            m.put("catalogProblem", catalogProblem);
        }
        if (log != null) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("checkpointTimestamp", log.checkpointTimestamp());
            lm.put("recordsAfterCheckpoint", log.records());
            lm.put("bytesAfterCheckpoint", log.bytes());
            lm.put("newestTimestamp", log.newestTimestamp());
            List<Object> as = new ArrayList<>();
            for (AreaInfo a : log.areas()) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("area", a.index());
                am.put("offset", a.offset());
                am.put("sizeBytes", a.size());
                am.put("recordsAfterCheckpoint", a.records());
                am.put("bytesAfterCheckpoint", a.bytes());
                as.add(am);
            }
            lm.put("areas", as);
            m.put("log", lm);
        } else if (logProblem != null) {
            m.put("logProblem", logProblem);
        }
        return m;
    }

    private static Map<String, Object> treeMap(TreeSize t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", t.nodes());
        m.put("entries", t.entries());
        m.put("height", t.height());
        m.put("bytes", t.bytes());
        m.put("problems", t.problems());
        return m;
    }

    /** What the header copy not chosen holds, in words. */
    String otherCopy() {
        return switch (pool.otherCopyAtOpen()) {
            case PoolHeader.Decoded.Valid v -> "valid (sequence " + v.header().sequence() + ")";
            case PoolHeader.Decoded.Damaged d -> "damaged: " + d.why();
            case PoolHeader.Decoded.NoMagic n -> "not written yet";
        };
    }
}
