package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.catalog.CatalogCodec;
import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The LOGICAL operations of redo records: catalog changes and the counters beside them. Each
 * payload is big-endian ({@link CatalogCodec}); applying one is idempotent within a replay.
 *
 * <pre>
 * kind  operation     payload
 *    1  CREATE_TABLE  id (8), table definition
 *    2  DROP_TABLE    id (8)                    frees every block of the table and its indexes (logged frees)
 *    3  CREATE_INDEX  id (8), table id (8), index definition; the index starts unbuilt
 *    4  DROP_INDEX    id (8)                    frees its tree's nodes (logged frees)
 *    5  INDEX_READY   id (8)                    the index's entries are complete
 *    6  SLOT_PAGE     table id (8), page (8)    a new slot page belongs to the table
 *    7  ROW_COUNT     table id (8), delta (8)   rows added less rows deleted
 *    8  ALTER_TABLE   id (8), table definition  the table's new definition (a column added at the end)
 * </pre>
 */
final class CatalogOps {
    static final int CREATE_TABLE = 1;
    static final int DROP_TABLE = 2;
    static final int CREATE_INDEX = 3;
    static final int DROP_INDEX = 4;
    static final int INDEX_READY = 5;
    static final int SLOT_PAGE = 6;
    static final int ROW_COUNT = 7;
    static final int ALTER_TABLE = 8;

    private CatalogOps() {}

    static byte[] createTable(long id, TableDefinition definition) {
        return CatalogCodec.bytes(out -> {
            out.writeLong(id);
            CatalogCodec.writeTable(out, definition);
        });
    }

    static byte[] createIndex(long id, long tableId, IndexDefinition definition) {
        return CatalogCodec.bytes(out -> {
            out.writeLong(id);
            out.writeLong(tableId);
            CatalogCodec.writeIndex(out, definition);
        });
    }

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * A payload of big-endian longs, as {@link java.io.DataOutputStream#writeLong} writes them;
     * written directly, since two of them (SLOT_PAGE, ROW_COUNT) go with every commit that adds rows.
     */
    static byte[] longs(long... values) {
        byte[] payload = new byte[values.length * Long.BYTES];
        for (int i = 0; i < values.length; i++) {
            LONG.set(payload, i * Long.BYTES, values[i]);
        }
        return payload;
    }

    /** The {@code count} longs of a payload {@link #longs} wrote; CORRUPT when it is not that long. */
    static long[] readLongs(int kind, byte[] payload, int count) {
        if (payload.length != count * Long.BYTES) {
            throw new PersimmonException(ErrorCode.CORRUPT, "a redo record's catalog operation " + kind + " has "
                    + payload.length + " bytes where " + count * Long.BYTES + " were expected");
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = (long) LONG.get(payload, i * Long.BYTES);
        }
        return values;
    }
}
