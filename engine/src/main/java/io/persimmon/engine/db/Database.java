package io.persimmon.engine.db;

import io.persimmon.engine.EngineLog;
import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.btree.BTreeOwner;
import io.persimmon.engine.btree.ReaderEpochs;
import io.persimmon.engine.catalog.CatalogBlock;
import io.persimmon.engine.catalog.CatalogCodec;
import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.lock.LockManager;
import io.persimmon.engine.log.Appended;
import io.persimmon.engine.log.LogRecord;
import io.persimmon.engine.log.RedoLog;
import io.persimmon.engine.mvcc.SlotPageLayout;
import io.persimmon.engine.mvcc.SlotPages;
import io.persimmon.engine.mvcc.Versions;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.RootSlot;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.txn.DirtyRanges;
import io.persimmon.engine.txn.LogDamage;
import io.persimmon.engine.txn.RedoApplier;
import io.persimmon.engine.txn.RedoWriter;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An open database: the catalog, transactions, commit, checkpoint, recovery and garbage
 * collection over one pool.
 *
 * <p>Commit (under the commit lock, one at a time): the transaction's new versions, slot swings
 * and index entries are encoded as one redo record, appended to the log with one fence (the
 * commit point), then applied: version bytes copied into their blocks, slots swung, index changes
 * put into the trees' heap change sets. Apply flushes nothing; the next checkpoint flushes what
 * apply wrote, writes the trees' changes into new nodes, writes the catalog block and publishes
 * all of it in a header copy, after which the log space before it may be reused.
 *
 * <p>Recovery on open: the catalog and trees of the newest valid checkpoint, then every valid
 * record after it, in timestamp order: first the log is refused if it shows damage (a record
 * past the end of the valid ones had been applied, R2), then every block they allocated is
 * claimed, then each is applied again (every operation is idempotent; the blocks they free are
 * held out of use past the session's first checkpoint), then one header copy begins the session
 * ({@link #beginSession}). The replayed records stay in the log until the session's first
 * checkpoint, as records committed in the session do.
 */
public final class Database implements AutoCloseable {
    final Pool pool;
    final DatabaseOptions options;
    final RedoLog log;
    final ReaderEpochs epochs;
    final LockManager locks = new LockManager();
    private final boolean ownsPool;
    /** Serialises encoding and writing records; held with no record in flight for exclusive work. */
    private final ReentrantLock commitLock = new ReentrantLock();
    /**
     * Held by a checkpoint from its freeze to its header, and by all exclusive work (DDL, index
     * builds, garbage collection), so that none of it changes the trees, tables or catalog a
     * checkpoint is writing while commits go on. Always taken before the commit lock.
     */
    private final ReentrantLock checkpointLock = new ReentrantLock();
    /** Whether a checkpoint is between its freeze and its header (guarded by the checkpoint lock). */
    private boolean checkpointing;
    /** Guards the records in flight and their in-order apply. */
    private final ReentrantLock applyLock = new ReentrantLock();
    private final java.util.concurrent.locks.Condition appliedCondition = applyLock.newCondition();
    private final java.util.ArrayDeque<InFlight> inFlight = new java.util.ArrayDeque<>();
    private RuntimeException failure;
    /** The one log area this database appends to, so that no record survives a crash without those before it. */
    private final RedoLog.Appender appender;
    /** The timestamp of the last record written (applied or in flight); guarded by the commit lock. */
    private long assigned;
    private final DirtyRanges dirty = new DirtyRanges();
    private final RedoApplier applier;
    private final Map<String, Table> tablesByName = new ConcurrentHashMap<>();
    private final Map<Long, Table> tablesById = new ConcurrentHashMap<>();
    private final Map<String, Index> indexesByName = new ConcurrentHashMap<>();
    private final Map<Long, Index> indexesById = new ConcurrentHashMap<>();
    private final Map<Long, TreeStore> stores = new ConcurrentHashMap<>();
    /** The snapshots open transactions and reads hold; its monitor also orders reading the clock for one against {@link #snapshots()}. */
    private final SnapshotRegistry registered = new SnapshotRegistry();
    private final AtomicLong nextTransactionId = new AtomicLong(1);
    private final AtomicLong superseded = new AtomicLong();
    final GarbageCandidates garbage = new GarbageCandidates();
    private final AtomicLong commits = new AtomicLong();
    private final LongAdder decodedColumns = new LongAdder();
    private final AtomicLong checkpoints = new AtomicLong();
    private final Object wake = new Object();
    private final Thread maintenance;
    private long nextId;
    private long catalogBlock;
    private long catalogBlockSize;
    private boolean replaying;
    private boolean changedSinceCheckpoint;
    private volatile long clock;
    /**
     * The tables and indexes a committing transaction created, by id, while its record is applied
     * (under the exclusive lock): applying their CREATE operations registers these objects.
     */
    private Map<Long, Object> adopting = Map.of();
    /** Counts catalog changes (DDL applied, here or replayed): plans made before a change may be stale. */
    private final AtomicLong catalogVersion = new AtomicLong();
    private volatile boolean closed;

    private Database(Pool pool, DatabaseOptions options, boolean ownsPool, boolean background) {
        this.pool = pool;
        this.options = options;
        this.ownsPool = ownsPool;
        this.epochs = new ReaderEpochs(options.maxReaders());
        pool.allocator().setReuseGate(epochs);
        this.applier = new RedoApplier(pool, dirty, new Structures());
        long logRoot = pool.header().root(RootSlot.LOG);
        boolean fresh = logRoot == 0;
        MemorySegment s = pool.segment();
        if (fresh) {
            log = RedoLog.create(pool, options.logAreas(), options.logAreaSize());
            load(CatalogBlock.Image.EMPTY);
        } else {
            log = RedoLog.open(pool);
            catalogBlock = pool.header().root(RootSlot.CATALOG);
            catalogBlockSize = catalogBlock == 0 ? 0 : CatalogBlock.size(s, catalogBlock);
            load(CatalogBlock.read(s, catalogBlock));
        }
        clock = log.checkpointTimestamp();
        long started = System.nanoTime();
        int replayed = fresh ? 0 : recover();
        long replayedAt = System.nanoTime();
        assigned = clock;
        for (Table t : tablesById.values()) {
            if (t.definition().hasHiddenKey()) {
                t.nextRowId.set(maxRowId(t) + 1);
            }
        }
        if (fresh) {
            checkpoint(); // the first header that names the log and the catalog
        } else {
            beginSession(replayed > 0);
        }
        // Every session begins with a header copy of its own, whose sequence is its records'
        // generation (C6): greater than that of any record a crashed session left in the log.
        log.setGeneration(pool.header().sequence());
        if (replayed > 0) {
            EngineLog.info("io.persimmon.engine.db", "recovered {0}: replayed {1} committed records in {2} ms, began the session in {3} ms",
                    pool.path(), replayed, (replayedAt - started) / 1_000_000, (System.nanoTime() - replayedAt) / 1_000_000);
        }
        appender = log.lease();
        for (Index index : List.copyOf(indexesById.values())) {
            if (!index.ready) {
                lockExclusive();
                try {
                    build(index); // an index whose build a crash cut short is built again
                } finally {
                    unlockExclusive();
                }
            }
        }
        if (background) {
            // A class, not this::maintain, and String.concat, not +: see NOTHING (the first string
            // concatenation of a JVM costs a StringConcatFactory bootstrap, 10 to 20 ms cold).
            Thread t = new Thread(new Runnable() {
                @Override
                public void run() {
                    maintain();
                }
            }, "persimmon-maintenance ".concat(String.valueOf(pool.path().getFileName())));
            t.setDaemon(true);
            t.start();
            maintenance = t;
        } else {
            maintenance = null;
        }
    }

    /** Opens (or, with {@code options.pool().create()}, creates) the database in the pool file at {@code path}. */
    public static Database open(Path path, DatabaseOptions options) {
        Pool pool = Pool.open(path, options.pool());
        try {
            return new Database(pool, options, true, true);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The database in an already open pool, without the background thread (checkpoints then happen
     * when the log asks for one, on the committing thread); closing it leaves the pool open. For
     * tests and tools that drive the pool themselves.
     */
    public static Database attach(Pool pool, DatabaseOptions options) {
        return new Database(pool, options, false, false);
    }

    // ------------------------------------------------------------------ catalog

    /** The table named {@code name}; NO_SUCH_TABLE when there is none. */
    public Table table(String name) {
        return findTable(name).orElseThrow(() -> new PersimmonException(ErrorCode.NO_SUCH_TABLE,
                "table " + name + " does not exist"));
    }

    public Optional<Table> findTable(String name) {
        return Optional.ofNullable(tablesByName.get(name));
    }

    public List<Table> tables() {
        return tablesByName.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    public Optional<Index> findIndex(String name) {
        return Optional.ofNullable(indexesByName.get(name));
    }

    /**
     * Creates a table (committed at once, as DDL is in H2: durable when this returns). DDL that
     * commits or rolls back with a transaction: {@link Transaction#createTable} and its siblings.
     */
    public Table createTable(TableDefinition definition) {
        lockExclusive();
        try {
            checkOpen();
            if (tablesByName.containsKey(definition.name())) {
                throw new PersimmonException(ErrorCode.ALREADY_EXISTS, "table " + definition.name() + " already exists");
            }
            long id = nextId;
            commitSystem(new RedoWriter().logical(CatalogOps.CREATE_TABLE, CatalogOps.createTable(id, definition)));
            return tablesById.get(id);
        } finally {
            unlockExclusive();
        }
    }

    /**
     * Drops a table and its indexes, committed at once. Transactions that wrote to it fail when
     * they commit; its space is freed and reused once no reader can reach it.
     */
    public void dropTable(String name) {
        lockExclusive();
        try {
            checkOpen();
            Table t = table(name);
            commitSystem(new RedoWriter().logical(CatalogOps.DROP_TABLE, CatalogOps.longs(t.id)));
        } finally {
            unlockExclusive();
        }
    }

    /**
     * Creates a secondary index and builds it from the table's rows (commits wait meanwhile);
     * a unique index over duplicate values is refused with UNIQUE_VIOLATION.
     */
    public Index createIndex(IndexDefinition definition) {
        lockExclusive();
        try {
            checkOpen();
            Table t = table(definition.table());
            if (indexesByName.containsKey(definition.name())) {
                throw new PersimmonException(ErrorCode.ALREADY_EXISTS, "index " + definition.name() + " already exists");
            }
            requireColumns(t, definition);
            if (definition.unique()) {
                requireNoDuplicates(t, definition, new OwnWrites());
            }
            requireStorableKeys(t, definition, new OwnWrites());
            long id = nextId;
            commitSystem(new RedoWriter().logical(CatalogOps.CREATE_INDEX, CatalogOps.createIndex(id, t.id, definition)));
            Index index = indexesById.get(id);
            build(index);
            return index;
        } finally {
            unlockExclusive();
        }
    }

    public void dropIndex(String name) {
        lockExclusive();
        try {
            checkOpen();
            Index index = findIndex(name).orElseThrow(() -> new PersimmonException(ErrorCode.NO_SUCH_INDEX,
                    "index " + name + " does not exist"));
            commitSystem(new RedoWriter().logical(CatalogOps.DROP_INDEX, CatalogOps.longs(index.id)));
        } finally {
            unlockExclusive();
        }
    }

    /**
     * Refuses a unique index over {@code t} whose columns would hold a value twice among the rows
     * as they are once {@code own} (a committing transaction's writes to {@code t} by primary key,
     * or none) is laid over the newest committed ones. The caller holds the exclusive lock.
     */
    static void requireColumns(Table t, IndexDefinition definition) {
        for (int c : definition.columns()) {
            if (c < 0 || c >= t.definition().columns().size()) {
                throw new PersimmonException(ErrorCode.NO_SUCH_COLUMN, "index " + definition.name()
                        + " names column position " + c + " of table " + t.name());
            }
        }
    }

    private void requireNoDuplicates(Table t, IndexDefinition definition, OwnWrites own) {
        Index probe = new Index(-1, definition, t, null, false);
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.function.Consumer<Object[]> add = row -> {
            byte[] u = probe.uniquePrefix(row);
            if (u != null && !seen.add(java.util.HexFormat.of().formatHex(u))) {
                throw new PersimmonException(ErrorCode.UNIQUE_VIOLATION, "cannot create unique index "
                        + definition.name() + ": table " + t.name() + " has duplicate values in its columns");
            }
        };
        MemorySegment s = pool.segment();
        TreeStore.EntryCursor c = t.primary.scan(null, true, null, true, false);
        while (c.next()) {
            if (own.containsKey(c.key())) {
                continue; // the transaction's write decides this row
            }
            long version = Versions.newest(s, c.value());
            if (version == 0) {
                continue;
            }
            Versions.checkOwner(s, version, c.value());
            if (!Versions.isTombstone(s, version)) {
                add.accept(t.decode(s, version));
            }
        }
        for (Write w : own.values()) {
            if (w.row != null) {
                add.accept(w.row);
            }
        }
    }

    /** Fills an index from every retained version of its table's rows, in records of bounded size. */
    private void build(Index index) {
        long limit = inlineLimit();
        var puts = new IndexEntryVisitor() { // var: its redo field is read after the walk
            RedoWriter redo = new RedoWriter();

            @Override
            public void entry(long slot, byte[] key) {
                redo.treePut(index.id, key, slot);
                if (redo.length() > limit) {
                    commitSystem(redo); // a crash between these records leaves the index unbuilt: open builds it again
                    redo = new RedoWriter();
                }
            }
        };
        forEachRetainedKey(index, puts);
        commitSystem(puts.redo.logical(CatalogOps.INDEX_READY, CatalogOps.longs(index.id)));
    }

    /** Receives one entry of an index: a key, and the slot of the row it names. */
    private interface IndexEntryVisitor {
        void entry(long slot, byte[] key);
    }

    /**
     * Every entry {@code index} holds for its table's committed rows: for each row, the distinct
     * keys of its retained versions (older snapshots read through them), newest first.
     */
    private void forEachRetainedKey(Index index, IndexEntryVisitor visitor) {
        Table t = index.table;
        MemorySegment s = pool.segment();
        TreeStore.EntryCursor c = t.primary.scan(null, true, null, true, false);
        List<Long> slots = new ArrayList<>();
        while (c.next()) {
            slots.add(c.value());
        }
        for (long slot : slots) {
            byte[] last = null;
            for (long v = Versions.newest(s, slot); v != 0; v = Versions.previous(s, v)) {
                Versions.checkOwner(s, v, slot);
                if (!Versions.isTombstone(s, v)) {
                    byte[] key = index.keyOf(t.decode(s, v));
                    if (last == null || !Arrays.equals(last, key)) {
                        visitor.entry(slot, key);
                        last = key;
                    }
                }
            }
        }
    }

    /**
     * Refuses an index over {@code t} one of whose keys would be longer than a tree node holds
     * (LIMIT_EXCEEDED), before its creation commits: its build would put a key of every retained
     * version of every row, and {@code own} (a committing transaction's writes to {@code t}, or
     * none) adds that transaction's rows. Free when the columns' types keep every key short.
     */
    private void requireStorableKeys(Table t, IndexDefinition definition, OwnWrites own) {
        Index probe = new Index(-1, definition, t, t.primary, false); // the primary tree: the same page size
        if (!probe.keysMayBeTooLong) {
            return;
        }
        forEachRetainedKey(probe, (slot, key) -> probe.requireStorable(key));
        for (Write w : own.values()) {
            if (w.row != null) {
                probe.requireStorable(probe.keyOf(w.row));
            }
        }
    }

    /**
     * The largest body a record carries in the log itself: half what one record may span. A
     * larger transaction's body goes to a block of its own that a small record names (C7), so
     * that one transaction neither fills a ring nor is bounded by it.
     */
    private long inlineLimit() {
        return log.maxRecordBody() / 2;
    }

    // ------------------------------------------------------------------ transactions

    public Transaction begin(Isolation isolation) {
        return begin(isolation, null);
    }

    /** {@link #begin(Isolation)}, adding what its commit costs in flushes and fences to {@code costs}. */
    public Transaction begin(Isolation isolation, CommitCosts costs) {
        checkOpen();
        if (isolation != Isolation.REPEATABLE_READ) {
            // READ COMMITTED reads at snapshots it registers per read or statement: nothing to register now.
            return new Transaction(this, nextTransactionId.getAndIncrement(), isolation, clock, costs);
        }
        synchronized (registered) {
            Transaction tx = new Transaction(this, nextTransactionId.getAndIncrement(), isolation, clock, costs);
            tx.beginHold = registered.add(tx.beginSnapshot); // its one snapshot, held until it ends
            return tx;
        }
    }

    /**
     * A snapshot at the clock for one read or statement (READ COMMITTED), registered until
     * {@link #releaseSnapshot}: garbage collection keeps what registered snapshots see.
     */
    SnapshotRegistry.Hold acquireSnapshot() {
        synchronized (registered) {
            return registered.add(clock);
        }
    }

    void releaseSnapshot(SnapshotRegistry.Hold hold) {
        synchronized (registered) {
            registered.release(hold);
        }
    }

    /** The timestamp of the newest applied commit. */
    public long clock() {
        return clock;
    }

    /** The snapshots of the open transactions and the clock, ascending and distinct. */
    long[] snapshots() {
        synchronized (registered) {
            return registered.all(clock);
        }
    }

    void ended(Transaction tx) {
        if (tx.decodedColumns() != 0) {
            decodedColumns.add(tx.decodedColumns());
        }
        locks.releaseAll(tx.lockOwner);
        if (tx.isolation() == Isolation.REPEATABLE_READ) { // only those registered a snapshot at begin
            synchronized (registered) {
                registered.release(tx.beginHold);
            }
        }
    }

    /**
     * Commits {@code changed} (the rows a transaction wrote): its record is encoded and written
     * under the commit lock, fenced outside it (concurrent commits share a fence: one msync in
     * msync mode), and applied in timestamp order once it and every record before it are durable.
     */
    void commit(Transaction tx, List<Write> changed) {
        InFlight mine;
        for (int attempt = 0; ; attempt++) {
            commitLock.lock();
            try {
                checkOpen();
                for (Write w : changed) {
                    if (w.table.dropped) {
                        throw new PersimmonException(ErrorCode.NO_SUCH_TABLE, "table " + w.table.name()
                                + " was dropped while this transaction wrote to it");
                    }
                }
                mine = appendWrites(changed);
            } finally {
                commitLock.unlock();
            }
            if (mine != null) {
                break;
            }
            // The log area is full and the record's blocks were given back (C4). The checkpoints
            // run outside the commit lock (the lock order is checkpoint lock, then commit lock).
            makeLogRoom(attempt);
        }
        completeDurably(mine);
        commits.incrementAndGet();
        afterRecord();
    }

    /** A record written and flushed, waiting for its fence and for its turn to be applied. */
    private static final class InFlight {
        final long ts;
        /** The record's body: the first {@code bodyLength} bytes (the encoder's array, not copied). */
        final byte[] body;
        final int bodyLength;
        final Appended where;
        final long superseded;
        final List<GarbageCandidates.Row> candidates;
        boolean durable;

        InFlight(long ts, RedoWriter redo, Appended where, long superseded, List<GarbageCandidates.Row> candidates) {
            this.ts = ts;
            this.body = redo.array();
            this.bodyLength = redo.length();
            this.where = where;
            this.superseded = superseded;
            this.candidates = candidates;
        }
    }

    /**
     * Encodes and writes {@code writes} as the next record, flushed, not fenced (under the commit
     * lock); null when the log area is full (the caller checkpoints and tries again). Writes of
     * different transactions in flight together touch different rows (each holds its rows' locks
     * until it is applied), so none depends on another's unapplied effects.
     */
    private InFlight appendWrites(List<Write> writes) {
        {
            long ts = assigned + 1;
            CommitEncoder encoded = new CommitEncoder(pool, ts, writes.size());
            Appended where;
            try {
                for (Write w : writes) {
                    encoded.add(w);
                }
                encoded.finish();
                encoded.seal(inlineLimit());
                where = appender.appendUnfenced(ts, encoded.logged().array(), encoded.logged().length());
            } catch (RuntimeException e) {
                encoded.abandon();
                throw e;
            }
            if (where == null) {
                encoded.abandon(); // C4: nothing names its blocks: they are given back
                return null;
            }
            assigned = ts;
            InFlight f = new InFlight(ts, encoded.logged(), where, encoded.superseded, encoded.candidates);
            applyLock.lock();
            try {
                inFlight.add(f);
            } finally {
                applyLock.unlock();
            }
            return f;
        }
    }

    /**
     * Fences the caller's record, then applies every durable record at the head of the queue, in
     * timestamp order, and returns once {@code f} is applied (visible).
     */
    private void completeDurably(InFlight f) {
        try {
            // C1: the record was flushed by appendUnfenced; once this fence returns it is durable.
            // It counts as committed only when every record before it in the area is durable too
            // (a crash would otherwise stop recovery before it), which the in-order apply ensures.
            pool.persistence().fence();
        } catch (RuntimeException e) {
            applyLock.lock();
            try {
                failure = e;
                appliedCondition.signalAll();
            } finally {
                applyLock.unlock();
            }
            throw e;
        }
        applyLock.lock();
        try {
            f.durable = true;
            while (!inFlight.isEmpty() && inFlight.peek().durable) {
                InFlight head = inFlight.poll();
                // C2: applied only after it is durable, in timestamp order; nothing is flushed here.
                applier.apply(head.body, head.bodyLength, false);
                log.applied(head.where);
                superseded.addAndGet(head.superseded);
                garbage.add(head.candidates);
                changedSinceCheckpoint = true;
                clock = head.ts; // published after apply: a snapshot at ts sees everything the record did
            }
            appliedCondition.signalAll();
            while (clock < f.ts) {
                if (failure != null) {
                    throw new PersimmonException(ErrorCode.IO_ERROR, "an earlier commit failed to become durable: "
                            + failure.getMessage(), failure);
                }
                appliedCondition.awaitUninterruptibly();
            }
        } finally {
            applyLock.unlock();
        }
    }

    /** Waits until every record in flight is applied (the caller holds the commit lock). */
    private void drainLocked() {
        applyLock.lock();
        try {
            while (!inFlight.isEmpty()) {
                if (failure != null) {
                    throw new PersimmonException(ErrorCode.IO_ERROR, "a commit failed to become durable: "
                            + failure.getMessage(), failure);
                }
                appliedCondition.awaitUninterruptibly();
            }
        } finally {
            applyLock.unlock();
        }
    }

    /**
     * The checkpoint lock, then the commit lock with no record in flight: for DDL, checkpoints and
     * garbage collection. Released with {@link #unlockExclusive()}.
     */
    private void lockExclusive() {
        checkpointLock.lock();
        commitLock.lock();
        try {
            drainLocked();
        } catch (RuntimeException e) {
            commitLock.unlock();
            checkpointLock.unlock();
            throw e;
        }
    }

    private void unlockExclusive() {
        commitLock.unlock();
        checkpointLock.unlock();
    }

    /**
     * Adds a column after the last one (ALTER TABLE ADD COLUMN), committed at once in one record:
     * rows written before read it as {@code defaultValue} (null: NULL), which the catalog keeps,
     * so no row is rewritten and a crash leaves the table either without the column or with it
     * everywhere. Transactions that wrote the table before fail when they commit.
     */
    public void addColumn(String tableName, Column column, Object defaultValue) {
        addColumn(tableName, column, defaultValue, null);
    }

    /**
     * {@link #addColumn(String, Column, Object)}, also replacing the table's attributes (the SQL
     * layer's text: the new column's DEFAULT, say) in the same record; null keeps them.
     */
    public void addColumn(String tableName, Column column, Object defaultValue, String attributes) {
        lockExclusive();
        try {
            checkOpen();
            Table t = table(tableName);
            TableDefinition old = t.definition();
            for (Column c : old.columns()) {
                if (c.name().equals(column.name())) {
                    throw new PersimmonException(ErrorCode.ALREADY_EXISTS, "table " + t.name() + " already has a column "
                            + column.name());
                }
            }
            Object value = defaultValue == null && !column.nullable() && t.rowCount() == 0 ? null
                    : io.persimmon.engine.row.Values.conform(column, defaultValue, t.name());
            List<Column> columns = new ArrayList<>(old.columns());
            columns.add(column);
            List<Object> defaults = new ArrayList<>(old.addedDefaults());
            defaults.add(value);
            TableDefinition added = new TableDefinition(old.name(), columns, old.primaryKey(),
                    attributes == null ? old.attributes() : attributes, defaults);
            commitSystem(new RedoWriter().logical(CatalogOps.ALTER_TABLE, CatalogOps.createTable(t.id, added)));
        } finally {
            unlockExclusive();
        }
    }

    /**
     * Appends and applies a record of the database's own (DDL, index builds, collection), under
     * the exclusive lock: no other record is in flight, so it is fenced and applied at once.
     */
    void commitSystem(RedoWriter redo) {
        for (int attempt = 0; ; attempt++) {
            long ts = assigned + 1;
            Appended where = appender.appendUnfenced(ts, redo.array(), redo.length());
            if (where == null) {
                makeLogRoom(attempt);
                continue;
            }
            assigned = ts;
            pool.persistence().fence(); // C1
            applier.apply(redo.array(), redo.length(), false);
            log.applied(where);
            changedSinceCheckpoint = true;
            clock = ts;
            return;
        }
    }

    // ------------------------------------------------------------------ DDL in a transaction

    /**
     * An id for a table or index a transaction creates (taken from the catalog's counter under the
     * commit lock, so no other object gets it; an id whose transaction rolls back is never used).
     */
    long reserveId() {
        commitLock.lock();
        try {
            checkOpen();
            return nextId++;
        } finally {
            commitLock.unlock();
        }
    }

    /** A table as {@link #createTable} makes it, in no catalog: the creating transaction's alone until it commits. */
    Table newTable(long id, TableDefinition definition) {
        return newTable(id, definition, 0, 0, List.of());
    }

    /** An empty, unbuilt index as {@link #createIndex} makes it, in no catalog until its transaction commits. */
    Index newIndex(long id, Table t, IndexDefinition definition) {
        return new Index(id, definition, t, new TreeStore(pool, id, 0), false);
    }

    /**
     * Commits a transaction that created or dropped tables or indexes, on the exclusive path
     * (checkpoint lock, commit lock, nothing in flight), in ONE record: the CREATE_TABLE and
     * CREATE_INDEX operations first, then the rows as {@link #commit} encodes them (a created
     * table's slots and slot pages are taken from its own {@link SlotPages}), then DROP_INDEX and
     * DROP_TABLE. Fenced (C1: the commit point for all of it) and applied at once; applying a
     * CREATE registers the transaction's own object. Then each created index is built from its
     * table's rows in records of its own, ending with INDEX_READY (a crash before that leaves a
     * committed, unbuilt index, built again at open). Refused before anything is written (the
     * transaction then rolls back): a created name another transaction took meanwhile
     * (ALREADY_EXISTS), a dropped table or index another dropped meanwhile, a created unique index
     * over duplicate values (UNIQUE_VIOLATION), writes to a table dropped or altered meanwhile.
     */
    void commitDdl(Transaction tx, List<Write> changed, PendingDdl.Plan plan) {
        lockExclusive();
        try {
            checkOpen();
            validate(tx, changed, plan);
            appendDdl(changed, plan);
            for (Index index : plan.createdIndexes()) {
                build(index);
            }
        } finally {
            unlockExclusive();
        }
        commits.incrementAndGet();
        afterRecord();
    }

    /** What another transaction's commit may have made impossible since the changes were made. */
    private void validate(Transaction tx, List<Write> changed, PendingDdl.Plan plan) {
        java.util.Set<Table> created = new java.util.HashSet<>(plan.createdTables());
        java.util.Set<Table> dropped = new java.util.HashSet<>(plan.droppedTables());
        for (Table t : plan.droppedTables()) {
            if (t.dropped) {
                throw new PersimmonException(ErrorCode.NO_SUCH_TABLE, "table " + t.name()
                        + " was dropped by another transaction meanwhile");
            }
        }
        for (Index i : plan.droppedIndexes()) {
            if (indexesById.get(i.id) != i) {
                throw new PersimmonException(ErrorCode.NO_SUCH_INDEX, "index " + i.name()
                        + " was dropped by another transaction meanwhile");
            }
        }
        for (Table t : plan.createdTables()) {
            Table other = tablesByName.get(t.name());
            if (other != null && !dropped.contains(other)) {
                throw new PersimmonException(ErrorCode.ALREADY_EXISTS, "table " + t.name()
                        + " already exists (another transaction created it meanwhile)");
            }
        }
        for (Index i : plan.createdIndexes()) {
            if (!created.contains(i.table) && i.table.dropped) {
                throw new PersimmonException(ErrorCode.NO_SUCH_TABLE, "table " + i.table.name() + " of index "
                        + i.name() + " was dropped by another transaction meanwhile");
            }
            Index other = indexesByName.get(i.name());
            if (other != null && !plan.droppedIndexes().contains(other) && !dropped.contains(other.table)) {
                throw new PersimmonException(ErrorCode.ALREADY_EXISTS, "index " + i.name()
                        + " already exists (another transaction created it meanwhile)");
            }
        }
        for (Write w : changed) {
            if (w.table.dropped || !w.table.cataloged && !created.contains(w.table)) {
                throw new PersimmonException(ErrorCode.NO_SUCH_TABLE, "table " + w.table.name()
                        + " was dropped while this transaction wrote to it");
            }
        }
        for (Index i : plan.createdIndexes()) {
            if (i.isUnique()) {
                requireNoDuplicates(i.table, i.definition(), tx.writesTo(i.table));
            }
            requireStorableKeys(i.table, i.definition(), tx.writesTo(i.table));
        }
    }

    /** Encodes, appends, fences and applies the record of {@link #commitDdl} (under the exclusive lock). */
    private void appendDdl(List<Write> changed, PendingDdl.Plan plan) {
        for (int attempt = 0; ; attempt++) {
            long ts = assigned + 1;
            CommitEncoder encoded = new CommitEncoder(pool, ts, changed.size());
            Appended where;
            try {
                for (Table t : plan.createdTables()) {
                    encoded.redo.logical(CatalogOps.CREATE_TABLE, CatalogOps.createTable(t.id, t.definition()));
                }
                for (Index i : plan.createdIndexes()) {
                    encoded.redo.logical(CatalogOps.CREATE_INDEX, CatalogOps.createIndex(i.id, i.table.id, i.definition()));
                }
                for (Write w : changed) {
                    encoded.add(w);
                }
                encoded.finish();
                for (Index i : plan.droppedIndexes()) {
                    encoded.redo.logical(CatalogOps.DROP_INDEX, CatalogOps.longs(i.id));
                }
                for (Table t : plan.droppedTables()) {
                    encoded.redo.logical(CatalogOps.DROP_TABLE, CatalogOps.longs(t.id));
                }
                encoded.seal(inlineLimit());
                where = appender.appendUnfenced(ts, encoded.logged().array(), encoded.logged().length());
            } catch (RuntimeException e) {
                encoded.abandon();
                throw e;
            }
            if (where == null) {
                encoded.abandon(); // C4: nothing names its blocks: they are given back before a checkpoint
                makeLogRoom(attempt);
                continue;
            }
            assigned = ts;
            pool.persistence().fence(); // C1: the commit point of the catalog changes and the rows together
            Map<Long, Object> mine = new HashMap<>();
            plan.createdTables().forEach(t -> mine.put(t.id, t));
            plan.createdIndexes().forEach(i -> mine.put(i.id, i));
            adopting = mine;
            try {
                applier.apply(encoded.logged().array(), encoded.logged().length(), false);
            } finally {
                adopting = Map.of();
            }
            log.applied(where);
            superseded.addAndGet(encoded.superseded);
            garbage.add(encoded.candidates);
            changedSinceCheckpoint = true;
            clock = ts;
            return;
        }
    }

    /**
     * A record did not fit in the log: the ring's space comes back after two checkpoints (C5).
     * After {@code attempt} tries, the third full log is an internal error.
     */
    private void makeLogRoom(int attempt) {
        if (attempt >= 2) {
            throw new PersimmonException(ErrorCode.INTERNAL, "the redo log stays full after checkpoints");
        }
        checkpoint();
        checkpoint();
    }

    /** Outside every lock: asks for a checkpoint when a log area is half full. */
    private void afterRecord() {
        if (log.wantsCheckpoint()) {
            if (maintenance == null) {
                checkpoint();
            } else {
                synchronized (wake) {
                    wake.notifyAll();
                }
            }
        }
    }

    // ------------------------------------------------------------------ checkpoint

    /**
     * Makes the applied state durable and releases log space: the trees' change sets become new
     * nodes, apply's writes are flushed, a new catalog block is written, and a header copy names
     * them. Commits go on while the nodes are written and flushed; see {@link #checkpoint(Runnable)}.
     */
    public void checkpoint() {
        checkpoint(NOTHING);
    }

    /**
     * No test hook. A class, not a lambda: opening a new database checkpoints before it returns,
     * and the first checkpoint after a recovery runs soon after, in a restarted JVM, where each
     * lambda's first use costs an invokedynamic bootstrap and a generated class (so the open path
     * avoids lambdas, method references and streams).
     */
    private static final Runnable NOTHING = new Runnable() {
        @Override
        public void run() {}
    };

    /**
     * A checkpoint in three steps, running {@code whileWriting} (a test hook) in the second:
     * <ol>
     * <li><b>Freeze</b>, under the commit lock with no record in flight: the trees' change sets,
     * the ranges apply wrote, each table's row count and slot pages, and where the log's applied
     * records end are taken as they are. That is exactly the state of the records up to the
     * clock, {@code t}; commits after it go into new change sets and ranges.</li>
     * <li><b>Write</b>, without the commit lock (commits go on): the frozen changes become new
     * nodes (T1), the frozen ranges are flushed, and one fence makes both durable. A crash here
     * leaves the previous header in charge, and the nodes written are free in its bitmap.</li>
     * <li><b>Publish</b>, under the commit lock with no record in flight: the catalog block
     * (the new roots, the frozen row counts and slot pages), the log directory starting after the
     * records up to {@code t}, the allocator's bitmap and the header copy (H1, H2). The bitmap also
     * holds the blocks of records committed during the write step; those records lie after the
     * directory's start, so recovery replays them, and claiming their blocks again is idempotent
     * (R1). What they applied was not flushed: their replay rewrites it (C3).</li>
     * </ol>
     * The checkpoint lock keeps DDL and garbage collection out from freeze to publish. A
     * checkpoint asked for on the thread that is running one (a commit in {@code whileWriting}
     * that finds the log full) returns at once: the running one releases the log.
     */
    void checkpoint(Runnable whileWriting) {
        checkpointLock.lock();
        try {
            if (checkpointing) {
                return;
            }
            Frozen frozen;
            lockExclusive();
            try {
                if (pool.header() == null) {
                    return;
                }
                frozen = freeze();
                checkpointing = true;
            } finally {
                unlockExclusive();
            }
            try {
                whileWriting.run();
                write(frozen);
            } catch (RuntimeException | Error e) {
                lockExclusive();
                try {
                    thaw(frozen);
                } finally {
                    unlockExclusive();
                }
                throw e;
            } finally {
                checkpointing = false;
            }
            lockExclusive();
            try {
                publish(frozen);
            } finally {
                unlockExclusive();
            }
        } finally {
            checkpointLock.unlock();
        }
    }

    /** What a checkpoint took at its freeze: the state of the records up to {@code mark.timestamp()}. */
    private record Frozen(List<TreeStore> trees, DirtyRanges.Taken dirtyRanges, RedoLog.Mark mark,
                          Map<Long, Long> rowCounts, Map<Long, List<Long>> slotPages) {}

    /** Step 1; the caller holds the exclusive lock. */
    private Frozen freeze() {
        List<TreeStore> trees = new ArrayList<>();
        for (TreeStore store : stores.values()) {
            if (store.freeze()) {
                trees.add(store);
            }
        }
        Map<Long, Long> rowCounts = new HashMap<>();
        Map<Long, List<Long>> slotPages = new HashMap<>();
        for (Table t : tablesById.values()) {
            rowCounts.put(t.id, t.rowCount.get());
            slotPages.put(t.id, t.slots.pages());
        }
        changedSinceCheckpoint = false;
        return new Frozen(trees, dirty.take(), log.mark(clock), rowCounts, slotPages);
    }

    /**
     * Step 2, outside the commit lock: new nodes written and flushed (replaced ones freed, A3),
     * apply's frozen ranges flushed, and one fence for both (H1: durable before the header names
     * them; in msync mode this msync of every page the frozen records dirtied is the long part of
     * a checkpoint, and commits no longer wait for it).
     */
    private void write(Frozen frozen) {
        for (TreeStore store : frozen.trees()) {
            store.writeFrozen();
        }
        DirtyRanges.flush(frozen.dirtyRanges(), pool.persistence());
        pool.persistence().fence();
    }

    /** Step 2 failed: the frozen changes and ranges go back, to be written by the next checkpoint. */
    private void thaw(Frozen frozen) {
        for (TreeStore store : frozen.trees()) {
            store.unfreeze();
        }
        dirty.restore(frozen.dirtyRanges());
        changedSinceCheckpoint = true;
    }

    /** Step 3; the caller holds the exclusive lock. */
    private void publish(Frozen frozen) {
        long block = CatalogBlock.write(pool, image(frozen));
        long size = CatalogBlock.size(pool.segment(), block);
        if (catalogBlock != 0) {
            pool.allocator().free(catalogBlock, catalogBlockSize); // A3: free in the bitmap this checkpoint writes
        }
        RedoLog.Plan plan = log.prepareCheckpoint(pool.header().sequence() + 1, frozen.mark());
        // H2: the header copy is the publish point; a crash before it leaves the previous
        // checkpoint and the records after it, which recovery replays.
        pool.checkpoint(Map.of(RootSlot.CATALOG, block, RootSlot.LOG, plan.directoryOffset()));
        log.checkpointDurable(plan);
        catalogBlock = block;
        catalogBlockSize = size;
        epochs.advance();
        checkpoints.incrementAndGet();
    }

    /** The catalog as of a checkpoint's freeze: roots as written, row counts and slot pages as frozen. */
    private CatalogBlock.Image image(Frozen frozen) {
        List<CatalogBlock.TableEntry> ts = new ArrayList<>();
        for (Table t : tablesById.values()) {
            ts.add(new CatalogBlock.TableEntry(t.id, t.definition(), t.primary.root(), frozen.rowCounts().get(t.id),
                    frozen.slotPages().get(t.id)));
        }
        List<CatalogBlock.IndexEntry> is = new ArrayList<>();
        for (Index i : indexesById.values()) {
            is.add(new CatalogBlock.IndexEntry(i.id, i.table.id, i.definition(), i.tree.root(), i.ready));
        }
        return new CatalogBlock.Image(nextId, ts, is);
    }

    // ------------------------------------------------------------------ garbage collection

    /**
     * Frees every version no snapshot can see, every row deleted before every snapshot, and every
     * index entry no retained version carries; logged, so a crash at any point is recovered.
     */
    public GarbageCollector.Result collectGarbage() {
        return collectGarbage(() -> { });
    }

    /**
     * {@link #collectGarbage()}, running {@code betweenSteps} (outside every lock) between its steps,
     * after the next step's rows were looked up: for tests.
     */
    GarbageCollector.Result collectGarbage(Runnable betweenSteps) {
        superseded.set(0); // versions superseded from now on count towards the next pass
        GarbageCollector pass = new GarbageCollector(this);
        // In steps of a bounded number of rows, each under the exclusive lock with its own
        // snapshot set: commits go on between steps instead of waiting for the whole pass, and
        // while the next step's rows and their slots are looked up.
        pass.prepare(options.gcRowsPerStep());
        while (true) {
            boolean more;
            lockExclusive();
            try {
                checkOpen();
                more = pass.step(snapshots());
            } finally {
                unlockExclusive();
            }
            if (!more) {
                break;
            }
            letWaitingCommitsIn();
            pass.prepare(options.gcRowsPerStep());
            if (pass.finished()) {
                break; // the tables' last rows were in the step before
            }
            betweenSteps.run(); // tests: what commits here lands between a step's lookups and its collection
        }
        return pass.result();
    }

    /**
     * Between two steps of a pass: the commit lock, released and at once taken again, would go to
     * this thread again before a committer it woke is running (ReentrantLock lets a running thread
     * barge), so one pass held it for all its steps, and a committer holding hot row locks (TPC-C's
     * warehouse row) stalled every transaction behind it. Waits, up to a millisecond, until no
     * committer is queued on it.
     */
    private void letWaitingCommitsIn() {
        long deadline = System.nanoTime() + 1_000_000;
        while (commitLock.hasQueuedThreads() && System.nanoTime() < deadline) {
            Thread.yield();
        }
    }

    /** Whether records were applied since the last checkpoint's freeze. */
    private boolean hasUncheckpointedChanges() {
        applyLock.lock();
        try {
            return changedSinceCheckpoint;
        } finally {
            applyLock.unlock();
        }
    }

    Iterable<Table> tablesById() {
        return tablesById.values();
    }

    private void maintain() {
        try {
            // The bitmap pages the open did not need: loaded here, not by the first commit that
            // allocates, nor on the open path (Allocator.loadRemaining).
            pool.allocator().loadRemaining();
        } catch (RuntimeException e) {
            if (!closed) {
                EngineLog.warning("io.persimmon.engine.db", "loading the allocator's bitmap of " + pool.path() + " failed", e);
            }
        }
        long commitsSeen = commits.get();
        long lastCommitSeenAt = System.nanoTime();
        RepeatedWarning failures = RepeatedWarning.engine("background maintenance of ".concat(String.valueOf(pool.path())));
        while (!closed) {
            synchronized (wake) {
                try {
                    wake.wait(options.maintenanceInterval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (closed) {
                return;
            }
            try {
                pool.prefaultAhead();
                if (options.gcThreshold() > 0 && superseded.get() >= options.gcThreshold()) {
                    collectGarbage();
                }
                // A database that took no commit for idleCheckpointAfter is checkpointed if it has
                // changes since the last checkpoint: readers then find every key in the trees
                // (the change sets are empty), and a crash while it is idle has nothing to replay.
                long seen = commits.get();
                long now = System.nanoTime();
                if (seen != commitsSeen) {
                    commitsSeen = seen;
                    lastCommitSeenAt = now;
                }
                Duration idleAfter = options.idleCheckpointAfter();
                boolean idle = !idleAfter.isZero() && now - lastCommitSeenAt >= idleAfter.toNanos();
                if (log.wantsCheckpoint() || (idle && hasUncheckpointedChanges())) {
                    checkpoint();
                }
                failures.succeeded();
            } catch (RuntimeException e) {
                if (!closed) {
                    failures.failed(e, System.nanoTime()); // the same failure at every wake: logged once a minute
                }
            }
        }
    }

    // ------------------------------------------------------------------ recovery

    private void load(CatalogBlock.Image image) {
        nextId = image.nextId();
        for (CatalogBlock.TableEntry e : image.tables()) {
            addTable(e.id(), e.definition(), e.root(), e.rowCount(), e.slotPages());
        }
        for (CatalogBlock.IndexEntry e : image.indexes()) {
            addIndex(e.id(), tablesById.get(e.tableId()), e.definition(), e.root(), e.ready());
        }
    }

    private int recover() {
        List<LogRecord> records = log.recover();
        // R2: an area whose valid records end where a record had been applied is damaged, not
        // torn by a crash; replaying up to there would show some of the dropped commits' effects
        // (slots apply swung in place, C2) and not others. Refused before anything is claimed.
        Optional<LogDamage.Found> damage = LogDamage.find(pool.segment(), log, records, clock);
        if (damage.isPresent()) {
            throw damage.get().exception();
        }
        replaying = true;
        try {
            for (LogRecord record : records) {
                applier.claim(record.body()); // pass 1 (R1): nothing may allocate these blocks
            }
            for (LogRecord record : records) {
                applier.apply(record.body(), true); // pass 2: every operation is idempotent
                log.applied(record);
                clock = Math.max(clock, record.timestamp());
            }
            applyReplayedChanges();
        } finally {
            replaying = false;
        }
        return records.size();
    }

    /** Puts the tree changes replayed so far into the trees' change sets (see {@code TreeStore.applyReplayed}). */
    private void applyReplayedChanges() {
        for (TreeStore store : stores.values()) {
            store.applyReplayed();
        }
    }

    /**
     * Begins a session on an existing pool (R1) without checkpointing what recovery replayed:
     * {@link Pool#beginSession} writes one header copy naming the state the pool was opened from
     * (the same catalog block, log directory and bitmap pages). Its sequence is the generation of
     * the session's records (C6), and it rewrites a header copy a crash tore (H3). The replayed
     * records stay in the log after the start that header names, exactly as records committed in
     * this session and not yet checkpointed do: a crash replays them again over the same catalog,
     * bitmap and trees, and what they applied, not flushed, is written again (C3). The blocks they
     * allocated are free in that bitmap and are claimed again before anything allocates (pass 1);
     * the blocks they freed were held out of use in this session ({@code Allocator.freeReplayed})
     * and are held again, so no block that a replay range writes into has been handed to a new
     * owner. The session's first checkpoint (log fill, idle, close) writes their tree changes and
     * moves the start past them.
     */
    private void beginSession(boolean replayed) {
        // H1, H2: the header names no block written since the header the pool was opened from but
        // a new bitmap directory (the same pages), which Pool.beginSession flushes and fences
        // before it writes the header copy and fences again. A crash before that last fence leaves
        // the header it was opened from in charge (or this one, whole), and recovery replays the
        // same records over the same state as this one did.
        pool.beginSession();
        changedSinceCheckpoint = replayed;
    }

    private long maxRowId(Table t) {
        TreeStore.EntryCursor c = t.primary.scan(null, true, null, true, true);
        return c.next() ? (Long) t.decodeKey(c.key())[0] : 0;
    }

    private Table addTable(long id, TableDefinition definition, long root, long rowCount, List<Long> pages) {
        return register(newTable(id, definition, root, rowCount, pages));
    }

    private Table newTable(long id, TableDefinition definition, long root, long rowCount, List<Long> pages) {
        TreeStore primary = new TreeStore(pool, id, root);
        SlotPages slots = new SlotPages(id, pool.segments(), pool.allocator(), pages);
        return new Table(id, definition, primary, slots, rowCount);
    }

    /** Puts a table into the catalog (the caller holds the commit lock, or is recovering). */
    private Table register(Table t) {
        tablesById.put(t.id, t);
        tablesByName.put(t.name(), t);
        stores.put(t.id, t.primary);
        t.cataloged = true;
        nextId = Math.max(nextId, t.id + 1);
        return t;
    }

    private void addIndex(long id, Table t, IndexDefinition definition, long root, boolean ready) {
        if (t == null) {
            throw new PersimmonException(ErrorCode.CORRUPT, "index " + definition.name() + " names a table that does not exist");
        }
        register(new Index(id, definition, t, new TreeStore(pool, id, root), ready));
    }

    private void register(Index index) {
        index.table.indexes.add(index);
        if (index.isUnique()) {
            index.table.uniqueIndexGeneration++; // under the exclusive lock (apply, or open)
        }
        indexesById.put(index.id, index);
        indexesByName.put(index.name(), index);
        stores.put(index.id, index.tree);
        nextId = Math.max(nextId, index.id + 1);
    }

    /** What records do to the structures above the pool's bytes: trees, and the catalog. */
    private final class Structures implements RedoApplier.Structures {
        @Override
        public void treePut(long tree, byte[] key, long value) {
            if (replaying) {
                store(tree).putReplayed(key, value); // into the change set in key order at the end (TreeStore.applyReplayed)
            } else {
                store(tree).put(key, value);
            }
        }

        @Override
        public void treeDelete(long tree, byte[] key) {
            if (replaying) {
                store(tree).deleteReplayed(key);
            } else {
                store(tree).delete(key);
            }
        }

        private TreeStore store(long tree) {
            TreeStore store = stores.get(tree);
            if (store == null) {
                throw new PersimmonException(ErrorCode.CORRUPT, "a redo record names tree " + tree + ", which does not exist");
            }
            return store;
        }

        @Override
        public void logical(int kind, byte[] payload) {
            switch (kind) {
                case CatalogOps.SLOT_PAGE -> {
                    long[] v = CatalogOps.readLongs(kind, payload, 2);
                    replayedTable(kind, v[0]).slots.adoptReplayedPage(v[1]);
                }
                case CatalogOps.ROW_COUNT -> {
                    long[] v = CatalogOps.readLongs(kind, payload, 2);
                    replayedTable(kind, v[0]).rowCount.addAndGet(v[1]);
                }
                default -> {
                    if (replaying) {
                        // None reads a change set today (a drop walks the published nodes), but
                        // none is to see a tree without the changes replayed before it either.
                        applyReplayedChanges();
                    }
                    catalogVersion.incrementAndGet();
                    CatalogCodec.read(payload, new LogicalOperation(kind));
                }
            }
        }

        private Table replayedTable(int kind, long id) {
            Table t = tablesById.get(id);
            if (t == null) {
                throw new PersimmonException(ErrorCode.CORRUPT, "a redo record's catalog operation " + kind
                        + " names table " + id + ", which does not exist");
            }
            return t;
        }

        /** Applies one catalog change (a class, not a lambda: see NOTHING); the counters are read directly above. */
        private final class LogicalOperation implements CatalogCodec.IoReader<Void> {
            private final int kind;

            LogicalOperation(int kind) {
                this.kind = kind;
            }

            @Override
            public Void read(java.io.DataInputStream in) throws java.io.IOException {
                switch (kind) {
                    case CatalogOps.CREATE_TABLE -> {
                        long id = in.readLong();
                        TableDefinition definition = CatalogCodec.readTable(in);
                        if (adopting.get(id) instanceof Table mine) {
                            register(mine); // the committing transaction's own object, with the slots it took
                        } else {
                            addTable(id, definition, 0, 0, List.of());
                        }
                    }
                    case CatalogOps.DROP_TABLE -> dropTableApplied(tablesById.get(in.readLong()));
                    case CatalogOps.ALTER_TABLE -> {
                        Table t = tablesById.get(in.readLong());
                        t.shape = Table.Shape.of(CatalogCodec.readTable(in));
                    }
                    case CatalogOps.CREATE_INDEX -> {
                        long id = in.readLong();
                        Table t = tablesById.get(in.readLong());
                        IndexDefinition definition = CatalogCodec.readIndex(in);
                        if (adopting.get(id) instanceof Index mine) {
                            register(mine);
                        } else {
                            addIndex(id, t, definition, 0, false);
                        }
                    }
                    case CatalogOps.DROP_INDEX -> dropIndexApplied(indexesById.get(in.readLong()));
                    case CatalogOps.INDEX_READY -> indexesById.get(in.readLong()).ready = true;
                    default -> throw new PersimmonException(ErrorCode.CORRUPT, "a redo record has an unknown catalog operation " + kind);
                }
                return null;
            }
        }
    }

    /**
     * Frees every block of a dropped table: its trees' nodes (as of the last checkpoint: changes
     * since are on the heap), its slot pages and every version in them. The frees are logged by
     * the DROP_TABLE record (A2 for logged frees), so none of these blocks is reused within any
     * replay range, and a replay of the drop finds them as they were.
     */
    private void dropTableApplied(Table t) {
        for (Index index : List.copyOf(t.indexes)) {
            dropIndexApplied(index);
        }
        MemorySegment s = pool.segment();
        List<long[]> blocks = new ArrayList<>();
        BTreeOwner.forEachNode(s, t.primary.root(), t.primary.pageSize(), (o, b, w) -> blocks.add(new long[] {o, b}));
        for (long page : t.slots.pages()) {
            for (int i = 0; i < SlotPageLayout.SLOTS_PER_PAGE; i++) {
                long slot = SlotPageLayout.slot(page, i);
                for (long v = Versions.newest(s, slot); v != 0; v = Versions.previous(s, v)) {
                    Versions.checkOwner(s, v, slot); // never free another row's version
                    blocks.add(new long[] {v, Versions.blockSize(s, v)});
                }
            }
            blocks.add(new long[] {page, SlotPageLayout.PAGE_SIZE});
        }
        freeLogged(blocks);
        t.dropped = true;
        tablesById.remove(t.id);
        tablesByName.remove(t.name(), t); // a table of the same name the same record created stays
        stores.remove(t.id);
    }

    private void dropIndexApplied(Index index) {
        List<long[]> blocks = new ArrayList<>();
        BTreeOwner.forEachNode(pool.segment(), index.tree.root(), index.tree.pageSize(),
                (o, b, w) -> blocks.add(new long[] {o, b}));
        freeLogged(blocks);
        index.ready = false;
        index.table.indexes.remove(index);
        indexesById.remove(index.id);
        indexesByName.remove(index.name(), index);
        stores.remove(index.id);
    }

    private void freeLogged(List<long[]> blocks) {
        for (long[] b : blocks) {
            if (!replaying) {
                pool.allocator().freeLogged(b[0], b[1]);
            } else {
                pool.allocator().freeReplayed(b[0], b[1]); // held until the session's header + 2 (R1)
            }
        }
    }

    // ------------------------------------------------------------------ check, statistics, close

    /** Checkpoints, then checks the pool's space and every structure of the database. */
    public CheckReport check() {
        checkpoint();
        lockExclusive();
        try {
            return DatabaseCheck.run(pool);
        } finally {
            unlockExclusive();
        }
    }

    /**
     * An estimate, for planning, of the distinct values of {@code index}'s columns among the
     * table's rows: the row count for a unique index; otherwise counted over at most 100,000
     * entries of the index (extrapolated beyond), and counted again once the row count has moved
     * by more than a fifth since.
     */
    public long distinctKeys(Index index) {
        long rows = index.table.rowCount();
        if (index.isUnique()) {
            return rows;
        }
        long[] cached = index.distinctEstimate;
        if (cached != null && Math.abs(rows - cached[1]) * 5 <= Math.max(cached[1], 10)) {
            return cached[0];
        }
        int columns = index.definition().columns().length;
        long entries = 0;
        long distinct = 0;
        byte[] previous = null;
        try (ReaderEpochs.Guard g = epochs.enter()) {
            TreeStore.EntryCursor c = index.tree.scan(null, true, null, true, false);
            while (entries < 100_000 && c.next()) {
                Object[] values = io.persimmon.engine.row.KeyCodec.decode(c.key(), index.keyColumns);
                byte[] prefix = io.persimmon.engine.row.KeyCodec.encodePrefix(values, index.keyColumns, columns);
                if (previous == null || !Arrays.equals(prefix, previous)) {
                    distinct++;
                    previous = prefix;
                }
                entries++;
            }
        }
        long estimate = entries == 0 ? 0 : Math.max(1, Math.min(rows, distinct * Math.max(rows, entries) / entries));
        index.distinctEstimate = new long[] {estimate, rows};
        return estimate;
    }

    /** A number that grows with every catalog change (a table or index created, dropped, altered, built). */
    public long catalogVersion() {
        return catalogVersion.get();
    }

    public long commits() {
        return commits.get();
    }

    public long checkpoints() {
        return checkpoints.get();
    }

    /**
     * Column values decoded from version records by the gets and scans of transactions that have
     * ended ({@link Transaction#decodedColumns()}): what reads with a {@link ColumnSelection} save.
     */
    public long decodedColumns() {
        return decodedColumns.sum();
    }

    public Pool pool() {
        return pool;
    }

    void checkOpen() {
        if (closed) {
            throw new PersimmonException(ErrorCode.CLOSED, "the database " + pool.path() + " is closed");
        }
    }

    /** Checkpoints (so the next open replays nothing) and closes; open transactions are rolled back. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (maintenance != null) {
            synchronized (wake) {
                wake.notifyAll();
            }
            try {
                maintenance.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            lockExclusive();
            try {
                if (changedSinceCheckpoint) {
                    checkpoint();
                }
                appender.close();
            } finally {
                unlockExclusive();
            }
        } finally {
            if (ownsPool) {
                pool.close();
            }
        }
    }
}
