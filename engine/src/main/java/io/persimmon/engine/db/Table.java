package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.mvcc.SlotPages;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import io.persimmon.engine.row.KeyCodec;
import io.persimmon.engine.row.KeyColumn;
import io.persimmon.engine.row.RowCodec;
import io.persimmon.engine.row.Values;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A table of an open database: its definition, its primary index (encoded key to row slot), its
 * slot pages and its secondary indexes. A table without a declared primary key stores a hidden
 * BIGINT row id as its first stored column and is keyed by it; rows handed to callers never show
 * it. Columns added later are appended, so a row written before reads them as NULL.
 */
public final class Table {
    /** The name of the hidden row-id column of a table without a primary key. */
    public static final String HIDDEN_ROW_ID = "$ROW_ID";

    /** What changes when a column is added: the definition and the stored columns, swapped together. */
    record Shape(TableDefinition definition, Column[] stored, ColumnType[] storedTypes, Object[] addedDefaults) {
        static Shape of(TableDefinition definition) {
            List<Column> columns = definition.columns();
            int offset = definition.hasHiddenKey() ? 1 : 0;
            Column[] stored = new Column[columns.size() + offset];
            if (offset == 1) {
                stored[0] = Column.notNull(HIDDEN_ROW_ID, ColumnType.BIGINT);
            }
            for (int i = 0; i < columns.size(); i++) {
                stored[i + offset] = columns.get(i);
            }
            ColumnType[] types = new ColumnType[stored.length];
            for (int i = 0; i < stored.length; i++) {
                types[i] = stored[i].type();
            }
            Object[] defaults = new Object[stored.length];
            for (int i = 0; i < columns.size(); i++) {
                defaults[i + offset] = definition.addedDefaults().get(i);
            }
            return new Shape(definition, stored, types, defaults);
        }
    }

    final long id;
    volatile Shape shape;
    /** 1 when the stored row starts with the hidden row id, else 0: stored position = declared + offset. */
    final int offset;
    final int[] keyPositions;
    final KeyColumn[] keyColumns;
    final TreeStore primary;
    final SlotPages slots;
    final List<Index> indexes = new CopyOnWriteArrayList<>();
    final AtomicLong rowCount;
    final AtomicLong nextRowId = new AtomicLong(1);
    volatile boolean dropped;
    /**
     * Counts the unique indexes the table has gained (at apply, under the exclusive lock). A row
     * a transaction checked against fewer is refused at its commit ({@link Write#uniqueChecked}).
     */
    volatile long uniqueIndexGeneration;
    /**
     * Whether the table is in the database's catalog: false for one a transaction created and has
     * not committed (seen by that transaction alone), and for ever if it rolled back.
     */
    volatile boolean cataloged;

    Table(long id, TableDefinition definition, TreeStore primary, SlotPages slots, long rowCount) {
        this.id = id;
        this.shape = Shape.of(definition);
        this.offset = definition.hasHiddenKey() ? 1 : 0;
        if (definition.hasHiddenKey()) {
            keyPositions = new int[] {0};
        } else {
            keyPositions = definition.primaryKey();
        }
        Column[] stored = shape.stored();
        keyColumns = new KeyColumn[keyPositions.length];
        for (int i = 0; i < keyPositions.length; i++) {
            keyColumns[i] = KeyColumn.asc(stored[keyPositions[i]].type());
        }
        this.primary = primary;
        this.slots = slots;
        this.rowCount = new AtomicLong(rowCount);
    }

    /** The stored column at stored position {@code position}. */
    Column stored(int position) {
        return shape.stored()[position];
    }

    public String name() {
        return shape.definition().name();
    }

    public TableDefinition definition() {
        return shape.definition();
    }

    /** The secondary indexes that are built and usable. */
    public List<Index> indexes() {
        return indexes.stream().filter(Index::isReady).toList();
    }

    /** Rows in the newest committed state (kept as commits apply; an estimate for planning). */
    public long rowCount() {
        return Math.max(0, rowCount.get());
    }

    /** Whether the table has been dropped since this handle was taken. */
    public boolean isDropped() {
        return dropped;
    }

    /**
     * The encoded primary key of the given values of the key columns (in key order), each
     * conformed to its column first; for a table without a primary key, the row id.
     */
    public byte[] key(Object... keyValues) {
        if (keyValues.length != keyPositions.length) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "the key of table " + name() + " has "
                    + keyPositions.length + " columns, not " + keyValues.length);
        }
        Object[] values = new Object[keyValues.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = Values.conform(stored(keyPositions[i]), keyValues[i], name());
        }
        return KeyCodec.encode(values, keyColumns);
    }

    /** The encoded prefix of the primary key for the values of its first columns (conformed). */
    public byte[] keyPrefix(Object... values) {
        Object[] conformed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            conformed[i] = Values.conform(stored(keyPositions[i]), values[i], name());
        }
        return KeyCodec.encodePrefix(conformed, keyColumns, values.length);
    }

    /** The primary key values of an encoded key. */
    public Object[] decodeKey(byte[] key) {
        return KeyCodec.decode(key, keyColumns);
    }

    byte[] keyOf(Object[] storedRow) {
        Object[] values = new Object[keyPositions.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = storedRow[keyPositions[i]];
        }
        return KeyCodec.encode(values, keyColumns);
    }

    /**
     * Refuses {@code row}, whose primary key is {@code key}, when that key or one of its secondary
     * index keys is longer than a tree node holds (LIMIT_EXCEEDED), before the transaction writes
     * it. Only indexes whose column types allow such a key compute theirs here; the commit checks
     * every key again ({@code CommitEncoder}), for an index created after the row was written.
     */
    void requireStorableKeys(byte[] key, Object[] row) {
        requireStorablePrimaryKey(key);
        for (Index index : indexes) {
            if (index.keysMayBeTooLong) {
                index.requireStorable(index.keyOf(row));
            }
        }
    }

    void requireStorablePrimaryKey(byte[] key) {
        if (!primary.holds(key)) {
            throw primary.tooLong(key.length, "table " + name() + "'s primary key");
        }
    }

    /** Conforms the declared columns of {@code values} into a stored row (row id: {@code rowId}). */
    Object[] conform(Object[] values, long rowId) {
        Shape sh = shape;
        List<Column> columns = sh.definition().columns();
        if (values.length != columns.size()) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "table " + name() + " has " + columns.size()
                    + " columns, a row of " + values.length + " values was given");
        }
        Object[] row = new Object[sh.stored().length];
        for (int i = 0; i < columns.size(); i++) {
            row[i + offset] = Values.conform(columns.get(i), values[i], name());
        }
        if (offset == 1) {
            row[0] = rowId;
        }
        return row;
    }

    /** The declared columns of a stored row (a copy without the hidden row id). */
    Object[] visible(Object[] storedRow) {
        return Arrays.copyOfRange(storedRow, offset, storedRow.length);
    }

    long rowIdOf(Object[] storedRow) {
        return offset == 1 ? (Long) storedRow[0] : 0;
    }

    byte[] encode(Object[] storedRow) {
        return RowCodec.encode(storedRow, shape.storedTypes());
    }

    /** The row of a version, after checking the version's checksum (a damaged one is CORRUPT, never a row). */
    Object[] decode(MemorySegment pool, long version) {
        return decode(pool, version, null);
    }

    /**
     * The stored positions {@code mask} selects (null: all) of a version's row, the others NULL
     * and not decoded ({@link ColumnSelection}); the checksum covers the whole version still.
     */
    Object[] decode(MemorySegment pool, long version, boolean[] mask) {
        io.persimmon.engine.mvcc.Versions.verify(pool, version);
        Shape sh = shape;
        long at = version + io.persimmon.engine.mvcc.VersionLayout.ROW_OFFSET;
        Object[] row = RowCodec.decode(pool, at, io.persimmon.engine.mvcc.Versions.rowLength(pool, version),
                sh.storedTypes(), mask);
        // Columns added after the row was written read the value they were added with.
        for (int i = RowCodec.columnCount(pool, at); i < row.length; i++) {
            row[i] = sh.addedDefaults()[i];
        }
        return row;
    }

    /** Stored positions (declared position + offset) of {@code declared}. */
    int[] storedPositions(int[] declared) {
        int[] positions = new int[declared.length];
        for (int i = 0; i < declared.length; i++) {
            positions[i] = declared[i] + offset;
        }
        return positions;
    }

    @Override
    public String toString() {
        return "table " + name();
    }
}
