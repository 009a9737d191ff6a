package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.btree.BTree;
import io.persimmon.engine.btree.ReaderEpochs;
import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.lock.LockKey;
import io.persimmon.engine.lock.LockOwner;
import io.persimmon.engine.mvcc.Versions;
import io.persimmon.engine.pmem.PersistenceCounters;
import io.persimmon.engine.row.KeyCodec;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A transaction: reads see its snapshot (fixed at begin for REPEATABLE READ; for READ COMMITTED
 * taken per read, or once per statement between {@link #beginStatement()} and its close) and its
 * own writes; writes lock their rows (first updater wins) and stay on the
 * heap until {@link #commit()}, which makes them durable with one fence. Not thread-safe: one
 * thread at a time per transaction, as with a JDBC connection.
 *
 * <p>Tables and indexes created or dropped through the transaction ({@link #createTable},
 * {@link #dropTable}, {@link #createIndex}, {@link #dropIndex}) are changed for it alone until it
 * commits, then for everyone, in the same record as its rows; a rollback (or a rollback to a
 * savepoint taken before them) undoes them. Look them up through {@link #table}, {@link #findTable}
 * and {@link #findIndex}. Adding a column stays {@link Database#addColumn}, committed at once.
 */
public final class Transaction implements AutoCloseable {
    private enum State { ACTIVE, COMMITTED, ROLLED_BACK }

    /** A point to roll back to. */
    public static final class Savepoint {
        private final Transaction owner;
        private final int undoSize;
        private final int ddlSize;

        private Savepoint(Transaction owner, int undoSize, int ddlSize) {
            this.owner = owner;
            this.undoSize = undoSize;
            this.ddlSize = ddlSize;
        }
    }

    /** One step of the undo list: a write's row before the step, or a write the step created. */
    private record Undo(Write write, Object[] previousRow, long previousChecked, boolean created) {}

    private final Database db;
    final long id;
    private final Isolation isolation;
    private final CommitCosts costs;
    final long beginSnapshot;
    /** The registration of {@link #beginSnapshot} under REPEATABLE READ (null under READ COMMITTED), released when the transaction ends. */
    SnapshotRegistry.Hold beginHold;
    final LockOwner lockOwner;
    /** The writes, per table id; {@link #lastWritten} and {@link #lastWrites} remember the last table looked up. */
    private final Map<Long, OwnWrites> writes = new HashMap<>();
    private Table lastWritten;
    private OwnWrites lastWrites;
    /** The writes in the order they were created: a commit records them in this order. */
    private final List<Write> order = new ArrayList<>();
    private final List<Undo> undo = new ArrayList<>();
    /** The tables and indexes this transaction created and dropped, not yet committed. */
    private final PendingDdl ddl = new PendingDdl();
    private final List<Scan> openScans = new ArrayList<>();
    private StatementSnapshot statement;
    private State state = State.ACTIVE;
    /** Column values this transaction's gets and scans have decoded from version records. */
    private long decodedColumns;

    /**
     * A READ COMMITTED statement's snapshot, held from {@link #beginStatement()} until closed:
     * every read the transaction opens meanwhile sees it (a scan opened before keeps its own).
     */
    public final class StatementSnapshot implements AutoCloseable {
        private final SnapshotRegistry.Hold hold;
        private final long snapshot;

        private StatementSnapshot() {
            this.hold = db.acquireSnapshot();
            this.snapshot = hold.snapshot;
        }

        /** Releases the snapshot; reads opened afterwards take their own again (unless a newer statement's). */
        @Override
        public void close() {
            db.releaseSnapshot(hold);
            if (statement == this) {
                statement = null;
            }
        }
    }

    Transaction(Database db, long id, Isolation isolation, long snapshot, CommitCosts costs) {
        this.db = db;
        this.costs = costs;
        this.id = id;
        this.isolation = isolation;
        this.beginSnapshot = snapshot;
        this.lockOwner = new LockOwner(id);
    }

    public Isolation isolation() {
        return isolation;
    }

    /** The tally this transaction's commit adds its persistence work to (null: none). */
    public CommitCosts commitCosts() {
        return costs;
    }

    public boolean isActive() {
        return state == State.ACTIVE;
    }

    /** Whether the transaction has written anything, rows or catalog changes (a commit would write a redo record). */
    public boolean hasWrites() {
        if (order.isEmpty() && ddl.isEmpty()) {
            return false;
        }
        if (!ddl.plan().isEmpty()) {
            return true;
        }
        for (Write w : order) {
            if (w.changed() && !ddl.dropped(w.table)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes the reads of one statement see one snapshot: under READ COMMITTED, every read opened
     * until the returned handle is closed sees what was committed now (the SQL standard's and
     * PostgreSQL's statement-level read consistency), where it would otherwise take a snapshot per
     * read, so a statement reading a table twice could see two commits. A statement begun while
     * another's handle is open takes over (the older handle's close then leaves it alone). Under
     * REPEATABLE READ the transaction's snapshot serves already: returns null.
     */
    public StatementSnapshot beginStatement() {
        checkActive();
        if (isolation != Isolation.READ_COMMITTED) {
            return null;
        }
        statement = new StatementSnapshot();
        return statement;
    }

    /** Whether a read opened now takes a snapshot of its own: under READ COMMITTED, outside a statement's. */
    private boolean readsAtOwnSnapshot() {
        return isolation == Isolation.READ_COMMITTED && statement == null;
    }

    /** The snapshot a read opened now sees when it takes none of its own: the transaction's, or the statement's. */
    private long sharedSnapshot() {
        return isolation == Isolation.REPEATABLE_READ ? beginSnapshot : statement.snapshot;
    }

    // ------------------------------------------------------------------ reading

    /** The row with primary key {@code key} as this transaction sees it, or null. */
    public Object[] get(Table table, byte[] key) {
        return get(table, key, null);
    }

    /**
     * The columns {@code columns} (null: all) of the row with primary key {@code key} as this
     * transaction sees it, or null; only those and the key are decoded.
     */
    public Object[] get(Table table, byte[] key, ColumnSelection columns) {
        checkActive();
        requireVisible(table);
        requireSelection(table, columns);
        OwnWrites own = writes.get(table.id); // not created for a read
        Write w = own == null ? null : own.get(key);
        if (w != null) {
            return w.row == null ? null : returned(table, w.row, columns);
        }
        SnapshotRegistry.Hold held = readsAtOwnSnapshot() ? db.acquireSnapshot() : null;
        long snapshot = held != null ? held.snapshot : sharedSnapshot();
        try (ReaderEpochs.Guard g = db.epochs.enter()) {
            Object[] row = committedRow(table, key, snapshot, columns == null ? null : columns.mask(null));
            return row == null ? null : returned(table, row, columns);
        } finally {
            if (held != null) {
                db.releaseSnapshot(held);
            }
        }
    }

    /** Locks the row for update (SELECT ... FOR UPDATE) and returns it as the newest commit left it, or null. */
    public Object[] getForUpdate(Table table, byte[] key) {
        return getForUpdate(table, key, null);
    }

    /**
     * {@link #getForUpdate(Table, byte[])} returning the columns {@code columns} (null: all). The
     * whole row is decoded still: the lock keeps it for a later update.
     */
    public Object[] getForUpdate(Table table, byte[] key, ColumnSelection columns) {
        checkActive();
        requireSelection(table, columns);
        Write w = writeFor(table, key);
        return w.row == null ? null : returned(table, w.row, columns);
    }

    /** Rows of {@code table} whose primary key is in {@code range}, in key order (or its reverse). */
    public RowCursor scan(Table table, KeyRange range, boolean descending) {
        return scan(table, range, descending, null);
    }

    /** {@link #scan(Table, KeyRange, boolean)} with rows of {@code columns} alone (null: all), only they and the key decoded. */
    public RowCursor scan(Table table, KeyRange range, boolean descending, ColumnSelection columns) {
        checkActive();
        requireVisible(table);
        requireSelection(table, columns);
        return open(new Scan(table, null, range, descending, false, columns));
    }

    /** Rows of {@code index}'s table whose index key is in {@code range}, in index order (or its reverse). */
    public RowCursor scanIndex(Index index, KeyRange range, boolean descending) {
        return scanIndex(index, range, descending, null);
    }

    /**
     * {@link #scanIndex(Index, KeyRange, boolean)} with rows of {@code columns} alone (null: all),
     * only they, the index's columns and the primary key decoded.
     */
    public RowCursor scanIndex(Index index, KeyRange range, boolean descending, ColumnSelection columns) {
        checkActive();
        requireScannable(index);
        requireSelection(index.table, columns);
        return open(new Scan(index.table, index, range, descending, false, columns));
    }

    /**
     * Column values this transaction's gets and scans have decoded from version records so far
     * (added to {@link Database#decodedColumns()} when it ends): a read with a
     * {@link ColumnSelection} decodes fewer. Rows of the transaction's own writes are not decoded.
     */
    public long decodedColumns() {
        return decodedColumns;
    }

    private static void requireSelection(Table table, ColumnSelection columns) {
        if (columns != null) {
            columns.requireTable(table);
        }
    }

    /** A stored row as a read returns it: its declared columns, or the selected ones. */
    private static Object[] returned(Table table, Object[] storedRow, ColumnSelection columns) {
        return columns == null ? table.visible(storedRow) : columns.project(storedRow);
    }

    /**
     * Rows of {@code table} whose primary key is in {@code range} as the newest commits left them,
     * whatever the transaction's or statement's snapshot, merged with this transaction's writes.
     * For constraint checks that must see what committed after the snapshot: a foreign key
     * check, having locked the parent row, looks for children that way, since a child committed
     * meanwhile by a transaction that held that lock is not in the snapshot.
     */
    public RowCursor scanNewest(Table table, KeyRange range) {
        checkActive();
        requireVisible(table);
        return open(new Scan(table, null, range, false, true, null));
    }

    /** {@link #scanNewest} through {@code index}. */
    public RowCursor scanIndexNewest(Index index, KeyRange range) {
        checkActive();
        requireScannable(index);
        return open(new Scan(index.table, index, range, false, true, null));
    }

    private RowCursor open(Scan scan) {
        openScans.add(scan);
        return scan;
    }

    // ------------------------------------------------------------------ writing

    /** Inserts a row (values of the declared columns); a duplicate key is UNIQUE_VIOLATION. */
    public void insert(Table table, Object[] values) {
        checkActive();
        long rowId = table.definition().hasHiddenKey() ? table.nextRowId.getAndIncrement() : 0;
        Object[] row = table.conform(values, rowId);
        byte[] key = table.keyOf(row);
        table.requireStorableKeys(key, row);
        Write w = writeFor(table, key);
        if (w.row != null) {
            throw new PersimmonException(ErrorCode.UNIQUE_VIOLATION, "duplicate primary key "
                    + Arrays.toString(table.decodeKey(key)) + " in table " + table.name());
        }
        set(w, row, checkUnique(table, row, key));
    }

    /** Replaces the row with key {@code key}; false when there is none. Key columns may change. */
    public boolean update(Table table, byte[] key, Object[] values) {
        return update(table, key, old -> values);
    }

    /**
     * Changes the row with key {@code key} by {@code change} (given a copy of the row as the newest
     * commit left it, it returns the new values); false when there is no such row.
     */
    public boolean update(Table table, byte[] key, UnaryOperator<Object[]> change) {
        checkActive();
        Write w = writeFor(table, key);
        if (w.row == null) {
            return false;
        }
        Object[] row = table.conform(change.apply(table.visible(w.row)), table.rowIdOf(w.row));
        byte[] newKey = table.keyOf(row);
        table.requireStorableKeys(newKey, row);
        if (Arrays.equals(newKey, key)) {
            lockUniqueKeys(table, w.row);
            set(w, row, checkUnique(table, row, key));
            return true;
        }
        Write moved = writeFor(table, newKey);
        if (moved.row != null) {
            throw new PersimmonException(ErrorCode.UNIQUE_VIOLATION, "duplicate primary key "
                    + Arrays.toString(table.decodeKey(newKey)) + " in table " + table.name());
        }
        lockUniqueKeys(table, w.row);
        set(w, null);
        set(moved, row, checkUnique(table, row, newKey));
        return true;
    }

    /** Deletes the row with key {@code key}; false when there is none. */
    public boolean delete(Table table, byte[] key) {
        checkActive();
        Write w = writeFor(table, key);
        if (w.row == null) {
            return false;
        }
        lockUniqueKeys(table, w.row);
        set(w, null);
        return true;
    }

    // ------------------------------------------------------------------ catalog

    /** The table named {@code name} as this transaction sees it (its own creations and drops included); NO_SUCH_TABLE when there is none. */
    public Table table(String name) {
        return findTable(name).orElseThrow(() -> new PersimmonException(ErrorCode.NO_SUCH_TABLE,
                "table " + name + " does not exist"));
    }

    /** The table named {@code name} as this transaction sees it: committed ones it has not dropped, and those it created. */
    public Optional<Table> findTable(String name) {
        checkActive();
        Table committed = db.findTable(name).orElse(null);
        return Optional.ofNullable(ddl.isEmpty() ? committed : ddl.table(name, committed));
    }

    /** The index named {@code name} as this transaction sees it: committed ones it has not dropped, and those it created. */
    public Optional<Index> findIndex(String name) {
        checkActive();
        Index committed = db.findIndex(name).orElse(null);
        return Optional.ofNullable(ddl.isEmpty() ? committed : ddl.index(name, committed));
    }

    /**
     * Creates a table, seen by this transaction alone until it commits (its rows too: another
     * transaction neither sees the table nor can write it). ALREADY_EXISTS at once when this
     * transaction sees a table of that name; at commit, when another transaction created one
     * meanwhile (the commit then fails and this transaction rolls back).
     */
    public Table createTable(TableDefinition definition) {
        checkActive();
        if (findTable(definition.name()).isPresent()) {
            throw new PersimmonException(ErrorCode.ALREADY_EXISTS, "table " + definition.name() + " already exists");
        }
        Table t = db.newTable(db.reserveId(), definition);
        ddl.add(new PendingDdl.CreateTable(t));
        return t;
    }

    /**
     * Drops a table and its indexes: gone for this transaction at once, for the others when it
     * commits (until then they read and write it as before). Its writes to the table are not
     * committed. Transactions that wrote the table and commit after this one fail, as after
     * {@link Database#dropTable}.
     */
    public void dropTable(String name) {
        checkActive();
        ddl.add(new PendingDdl.DropTable(table(name)));
    }

    /**
     * Creates a secondary index, committed with the transaction and then built from its table's
     * rows (commits wait meanwhile). A unique index is checked at commit over the rows as the
     * transaction leaves them: a duplicate value fails the commit with UNIQUE_VIOLATION (and the
     * transaction rolls back). Until the commit the index cannot be scanned (its entries are made
     * by the build): {@link #scanIndex} refuses it with NO_SUCH_INDEX.
     */
    public Index createIndex(IndexDefinition definition) {
        checkActive();
        Table t = table(definition.table());
        if (findIndex(definition.name()).isPresent()) {
            throw new PersimmonException(ErrorCode.ALREADY_EXISTS, "index " + definition.name() + " already exists");
        }
        Database.requireColumns(t, definition);
        Index index = db.newIndex(db.reserveId(), t, definition);
        ddl.add(new PendingDdl.CreateIndex(index));
        return index;
    }

    /** Drops a secondary index: gone for this transaction at once, for the others when it commits. */
    public void dropIndex(String name) {
        checkActive();
        Index index = findIndex(name).orElseThrow(() -> new PersimmonException(ErrorCode.NO_SUCH_INDEX,
                "index " + name + " does not exist"));
        ddl.add(new PendingDdl.DropIndex(index));
    }

    /**
     * Refuses a table this transaction cannot see: one it dropped, or one another transaction
     * created and has not committed (or rolled back). A table dropped by a commit since keeps the
     * behaviour it had (reads go on; writes fail).
     */
    private void requireVisible(Table table) {
        if (ddl.isEmpty()) {
            if (!table.cataloged) {
                throw notVisible(table);
            }
            return;
        }
        if (ddl.dropped(table)) {
            throw new PersimmonException(ErrorCode.NO_SUCH_TABLE, "table " + table.name() + " was dropped by this transaction");
        }
        if (!table.cataloged && !ddl.created(table)) {
            throw notVisible(table);
        }
    }

    private static PersimmonException notVisible(Table table) {
        return new PersimmonException(ErrorCode.NO_SUCH_TABLE, "table " + table.name()
                + " is not committed (another transaction created it, or it was rolled back)");
    }

    private void requireScannable(Index index) {
        requireVisible(index.table);
        if (!ddl.isEmpty() && ddl.dropped(index)) {
            throw new PersimmonException(ErrorCode.NO_SUCH_INDEX, "index " + index.name() + " was dropped by this transaction");
        }
        if (!index.isReady()) {
            throw new PersimmonException(ErrorCode.NO_SUCH_INDEX, "index " + index.name()
                    + (ddl.created(index) ? " was created by this transaction: it can be scanned once the transaction commits"
                            : " is not built yet"));
        }
    }

    /** This transaction's writes to {@code table}, by primary key (empty when none): for the commit's unique checks. */
    OwnWrites writesTo(Table table) {
        OwnWrites own = writes.get(table.id);
        return own == null ? new OwnWrites() : own;
    }

    // ------------------------------------------------------------------ ending

    public Savepoint savepoint() {
        checkActive();
        return new Savepoint(this, undo.size(), ddl.size());
    }

    /**
     * Undoes every write and every table or index created or dropped since {@code savepoint};
     * locks taken since stay held until the end.
     */
    public void rollbackTo(Savepoint savepoint) {
        checkActive();
        if (savepoint.owner != this || savepoint.undoSize > undo.size() || savepoint.ddlSize > ddl.size()) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "the savepoint is not one of this transaction's, or was rolled back past");
        }
        closeScans();
        while (undo.size() > savepoint.undoSize) {
            Undo u = undo.removeLast();
            if (u.created()) {
                ownWrites(u.write().table).remove(u.write().key);
                // Created writes are undone newest first, so this one is the last created.
                Write last = order.removeLast();
                if (last != u.write()) {
                    throw new IllegalStateException("undo list and write order disagree");
                }
            } else {
                u.write().row = u.previousRow();
                u.write().uniqueChecked = u.previousChecked();
                ownWrites(u.write().table).rowSet(u.write());
            }
        }
        ddl.truncate(savepoint.ddlSize);
    }

    /**
     * Makes the writes durable and visible (one fence; none when nothing was written). With
     * catalog changes, the commit takes the exclusive path ({@link Database#commitDdl}): its
     * rows and its catalog changes are one record, durable and visible together or not at all.
     */
    public void commit() {
        checkActive();
        closeScans();
        try {
            // A transaction that wrote nothing and changed no table has nothing to commit: no
            // record, no fence (the common read-only case skips building the lists below).
            if (!order.isEmpty() || !ddl.isEmpty()) {
                // Writes to a table this transaction dropped (or created and dropped) go with it.
                List<Write> changed = changedWrites();
                PendingDdl.Plan plan = ddl.plan();
                if (!plan.isEmpty()) {
                    commitCounted(() -> db.commitDdl(this, changed, plan));
                } else if (!changed.isEmpty()) {
                    commitCounted(() -> db.commit(this, changed));
                }
            }
            state = State.COMMITTED;
        } catch (RuntimeException e) {
            state = State.ROLLED_BACK;
            throw e;
        } finally {
            db.ended(this);
        }
    }

    /**
     * The writes a commit records: those that change their row, except to a table this transaction
     * dropped; their rows are encoded here, before the commit lock.
     */
    private List<Write> changedWrites() {
        List<Write> changed = new ArrayList<>(order.size());
        for (Write w : order) {
            if (w.changed() && !ddl.dropped(w.table)) {
                w.encodeAhead();
                changed.add(w);
            }
        }
        return changed;
    }

    /** Runs {@code commit}, adding what it flushed and fenced to {@link #costs} when there is one. */
    private void commitCounted(Runnable commit) {
        if (costs == null) {
            commit.run();
            return;
        }
        try (PersistenceCounters.Scope scope = db.pool.persistence().counters().openScope()) {
            commit.run();
            costs.add(scope.snapshot()); // this thread's flushes and fences during the commit
        }
    }

    /** Drops every write and releases every lock. */
    public void rollback() {
        if (state != State.ACTIVE) {
            return;
        }
        closeScans();
        state = State.ROLLED_BACK;
        db.ended(this);
    }

    /** Rolls back if neither committed nor rolled back. */
    @Override
    public void close() {
        rollback();
    }

    // ------------------------------------------------------------------ internals

    private void checkActive() {
        if (state != State.ACTIVE) {
            throw new PersimmonException(ErrorCode.CLOSED, "the transaction has " + (state == State.COMMITTED
                    ? "committed" : "rolled back"));
        }
        db.checkOpen();
    }

    private void closeScans() {
        if (!openScans.isEmpty()) {
            for (Scan s : List.copyOf(openScans)) { // a scan's close removes it from the list
                s.close();
            }
            openScans.clear();
        }
        if (statement != null) {
            statement.close();
        }
    }

    /** This transaction's writes to {@code table}, created empty at its first write there. */
    private OwnWrites ownWrites(Table table) {
        if (table == lastWritten) {
            return lastWrites;
        }
        OwnWrites own = writes.get(table.id);
        if (own == null) {
            own = new OwnWrites();
            writes.put(table.id, own);
        }
        lastWritten = table;
        lastWrites = own;
        return own;
    }

    /**
     * The newest committed row (stored form, the positions {@code mask} selects decoded, null: all)
     * visible at {@code snapshot}; the caller holds an epoch guard.
     */
    private Object[] committedRow(Table table, byte[] key, long snapshot, boolean[] mask) {
        long slot = table.primary.get(key);
        if (slot == BTree.NOT_FOUND) {
            return null;
        }
        MemorySegment s = db.pool.segment();
        long version = Versions.visible(s, slot, snapshot);
        if (version == 0) {
            return null;
        }
        decodedColumns += mask == null ? table.shape.storedTypes().length : ColumnSelection.count(mask);
        return table.decode(s, version, mask);
    }

    /**
     * The write of the row with {@code key}: the first time, the row is locked (waiting at most
     * the lock timeout) and read as the newest commit left it. Under REPEATABLE READ a row
     * committed after this transaction began is a serialization failure (first updater wins).
     */
    private Write writeFor(Table table, byte[] key) {
        if (table.dropped) {
            throw new PersimmonException(ErrorCode.NO_SUCH_TABLE, "table " + table.name() + " has been dropped");
        }
        requireVisible(table);
        OwnWrites own = ownWrites(table);
        Write w = own.get(key);
        if (w != null) {
            return w;
        }
        lock(LockKey.row((int) table.id, key));
        Object[] newest = null;
        long newestTimestamp = 0;
        long removals = table.primary.removals(); // read before the lookup, so a removal after it shows
        long slot;
        try (ReaderEpochs.Guard g = db.epochs.enter()) {
            slot = table.primary.get(key);
            if (slot != BTree.NOT_FOUND) {
                MemorySegment s = db.pool.segment();
                long version = Versions.newest(s, slot);
                if (version != 0) {
                    Versions.checkOwner(s, version, slot);
                    newestTimestamp = Versions.timestamp(s, version);
                    newest = Versions.isTombstone(s, version) ? null : table.decode(s, version);
                }
            }
        }
        if (isolation == Isolation.REPEATABLE_READ && newestTimestamp > beginSnapshot) {
            throw new PersimmonException(ErrorCode.SERIALIZATION_FAILURE, "could not serialize: row "
                    + Arrays.toString(table.decodeKey(key)) + " of table " + table.name()
                    + " was changed by a transaction that committed after this one began; retry the transaction");
        }
        w = new Write(table, key, newest, slot, removals);
        own.put(w);
        order.add(w);
        undo.add(new Undo(w, null, 0, true));
        return w;
    }

    private void set(Write w, Object[] row) {
        set(w, row, w.uniqueChecked);
    }

    /** Sets {@code row}, checked against the table's unique indexes of generation {@code checked}. */
    private void set(Write w, Object[] row, long checked) {
        undo.add(new Undo(w, w.row, w.uniqueChecked, false));
        w.row = row;
        w.uniqueChecked = checked;
        ownWrites(w.table).rowSet(w);
    }

    private void lock(LockKey key) {
        db.locks.acquire(lockOwner, key, db.options.lockTimeout());
    }

    /** Locks the unique keys a row holds, so that an inserter of the same value waits for this end. */
    private void lockUniqueKeys(Table table, Object[] row) {
        for (Index index : table.indexes) {
            if (index.isUnique()) {
                byte[] u = index.uniquePrefix(row);
                if (u != null) {
                    lock(LockKey.row((int) index.id, u));
                }
            }
        }
    }

    /**
     * Refuses {@code row} (key {@code key}) if a unique index already holds its value for another
     * row; returns the generation of the table's unique indexes it was checked against.
     */
    private long checkUnique(Table table, Object[] row, byte[] key) {
        long generation = table.uniqueIndexGeneration; // read first: an index added during the check is missed
        for (Index index : table.indexes) {
            if (!index.isUnique()) {
                continue;
            }
            byte[] u = index.uniquePrefix(row);
            if (u == null) {
                continue;
            }
            lock(LockKey.row((int) index.id, u));
            OwnWrites own = ownWrites(table);
            for (Write w : own.withUniqueValue(index, u)) {
                if (w.row != null && !Arrays.equals(w.key, key) && own.holds(w)
                        && Arrays.equals(index.uniquePrefix(w.row), u)) {
                    throw duplicate(index, row);
                }
            }
            try (ReaderEpochs.Guard g = db.epochs.enter()) {
                MemorySegment s = db.pool.segment();
                TreeStore.EntryCursor c = index.tree.scan(u, true, KeyCodec.prefixUpperBound(u), false, false);
                while (c.next()) {
                    long version = Versions.newest(s, c.value());
                    if (version == 0) {
                        continue;
                    }
                    Versions.checkOwner(s, version, c.value());
                    if (Versions.isTombstone(s, version)) {
                        continue;
                    }
                    Object[] other = table.decode(s, version);
                    byte[] otherKey = table.keyOf(other);
                    if (Arrays.equals(otherKey, key) || own.containsKey(otherKey)) {
                        continue; // this row itself, or a row whose fate this transaction decides
                    }
                    if (Arrays.equals(index.uniquePrefix(other), u)) {
                        throw duplicate(index, row);
                    }
                }
            }
        }
        return generation;
    }

    private static PersimmonException duplicate(Index index, Object[] row) {
        Object[] values = new Object[index.definition().columns().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = row[index.positions[i]];
        }
        return new PersimmonException(ErrorCode.UNIQUE_VIOLATION, "duplicate value " + Arrays.toString(values)
                + " for unique index " + index.name() + " of table " + index.table.name());
    }

    /**
     * A scan: the committed rows the snapshot sees, merged in order with this transaction's own
     * writes (as they were when the scan opened), which replace the committed rows they touch.
     */
    private final class Scan implements RowCursor {
        private final Table table;
        private final Index index;
        private final int direction;
        private final long snapshot;
        /** The snapshot the scan registered for itself, or null when it reads at the transaction's or statement's. */
        private final SnapshotRegistry.Hold ownSnapshot;
        private final ReaderEpochs.Guard guard;
        private final TreeStore.EntryCursor committed;
        private final OwnWrites ownByKey;
        private final java.util.Iterator<Map.Entry<byte[], Object[]>> own;
        private final MemorySegment segment;
        private final ColumnSelection columns;
        /** Stored positions decoded (null: all), and how many. */
        private final boolean[] mask;
        private final int decodedPerRow;
        private byte[] committedSortKey;
        private Object[] committedRow;
        private Map.Entry<byte[], Object[]> ownNext;
        private Object[] row;
        private boolean closed;

        Scan(Table table, Index index, KeyRange range, boolean descending, boolean newest, ColumnSelection columns) {
            this.table = table;
            this.index = index;
            this.columns = columns;
            this.mask = columns == null ? null : columns.mask(index);
            this.decodedPerRow = mask == null ? table.shape.storedTypes().length : ColumnSelection.count(mask);
            this.direction = descending ? -1 : 1;
            this.ownSnapshot = newest || readsAtOwnSnapshot() ? db.acquireSnapshot() : null;
            this.snapshot = ownSnapshot != null ? ownSnapshot.snapshot : sharedSnapshot();
            OwnWrites written = writes.get(table.id);
            this.ownByKey = written == null ? new OwnWrites() : written.copy();
            byte[] low = range.entryLow();
            byte[] high = range.entryHigh();
            TreeMap<byte[], Object[]> mine = new TreeMap<>(Arrays::compareUnsigned);
            for (Write w : ownByKey.values()) {
                if (w.row != null) {
                    byte[] sortKey = index == null ? w.key : index.keyOf(w.row);
                    if ((low == null || Arrays.compareUnsigned(sortKey, low) >= 0)
                            && (high == null || Arrays.compareUnsigned(sortKey, high) < 0)) {
                        mine.put(sortKey, w.row);
                    }
                }
            }
            this.own = (descending ? mine.descendingMap() : mine).entrySet().iterator();
            this.ownNext = own.hasNext() ? own.next() : null;
            this.guard = db.epochs.enter();
            this.segment = db.pool.segment();
            TreeStore store = index == null ? table.primary : index.tree;
            this.committed = range.emptyBelow() ? TreeStore.EntryCursor.EMPTY
                    : store.scan(low, true, high, false, descending);
            advanceCommitted();
        }

        /** Moves to the next committed row the snapshot sees that this transaction has not written. */
        private void advanceCommitted() {
            committedRow = null;
            while (committed.next()) {
                long version = Versions.visible(segment, committed.value(), snapshot);
                if (version == 0) {
                    continue;
                }
                Object[] r = table.decode(segment, version, mask);
                decodedColumns += decodedPerRow;
                byte[] sortKey = committed.key();
                if (index != null && !Arrays.equals(index.keyOf(r), sortKey)) {
                    continue; // a stale entry: the visible version no longer has this key
                }
                if (ownByKey.containsKey(index == null ? sortKey : table.keyOf(r))) {
                    continue;
                }
                committedSortKey = sortKey;
                committedRow = r;
                return;
            }
        }

        @Override
        public boolean next() {
            if (closed) {
                return false;
            }
            if (committedRow == null && ownNext == null) {
                close();
                return false;
            }
            boolean takeOwn = committedRow == null
                    || (ownNext != null && direction * Arrays.compareUnsigned(ownNext.getKey(), committedSortKey) < 0);
            if (takeOwn) {
                row = ownNext.getValue();
                ownNext = own.hasNext() ? own.next() : null;
            } else {
                row = committedRow;
                advanceCommitted();
            }
            return true;
        }

        @Override
        public Object[] row() {
            return returned(table, row, columns);
        }

        @Override
        public byte[] key() {
            return table.keyOf(row);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                guard.close();
                if (ownSnapshot != null) {
                    db.releaseSnapshot(ownSnapshot);
                }
                openScans.remove(this);
            }
        }
    }
}
