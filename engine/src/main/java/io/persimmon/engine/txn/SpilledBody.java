package io.persimmon.engine.txn;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pool.Pool;

import java.lang.foreign.MemorySegment;
import java.util.zip.CRC32C;

/**
 * A redo body too large for the log, kept in a block of the pool that a small record names (rule
 * C7 in docs/crash-consistency.md). The small record's body is ALLOC of the block, BODY naming its
 * bytes and their CRC, and FREE of the block: replaying it claims the block (recovery pass 1),
 * applies the operations in it, and frees it as any logged free (A2), so the block lives exactly
 * as long as the record may be replayed. A transaction's size is then bounded by the heap that
 * encodes it and by the pool, not by the log's rings.
 */
public final class SpilledBody {
    private final Pool pool;
    /** The block holding the body, and the body's length (the block's allocated size). */
    public final long offset;
    public final long length;
    private final RedoWriter record;

    private SpilledBody(Pool pool, long offset, long length, RedoWriter record) {
        this.pool = pool;
        this.offset = offset;
        this.length = length;
        this.record = record;
    }

    /**
     * Writes the first {@code length} bytes of {@code body} into a new block and makes them
     * durable (one flush, one fence), and returns the small record body that names them.
     */
    public static SpilledBody write(Pool pool, byte[] body, int length) {
        long offset = pool.allocator().allocate(length);
        try {
            MemorySegment.copy(body, 0, pool.segment(), PoolLayouts.BYTE, offset, length);
            // C7: the body is durable before any record names it, so a record that is valid (C1)
            // names whole bytes. A crash before the fence leaves a block that only this session's
            // volatile allocator knew of: free in every durable bitmap, named by nothing.
            pool.persistence().flush(offset, length);
            pool.persistence().fence();
        } catch (RuntimeException e) {
            pool.allocator().release(offset, length);
            throw e;
        }
        RedoWriter record = new RedoWriter(64).alloc(offset, length).body(offset, length, crc(body, 0, length))
                .free(offset, length);
        return new SpilledBody(pool, offset, length, record);
    }

    /** The small body to append to the log in place of the large one. */
    public RedoWriter record() {
        return record;
    }

    /** No record names the block (its append failed or the log was full): it goes back at once (C4). */
    public void release() {
        pool.allocator().release(offset, length);
    }

    /**
     * The operations a BODY names, read from the pool: CORRUPT when the block lies outside the pool
     * or its bytes fail the checksum (they were durable before the record was written, C7, so a
     * valid record with a failing body is damage, not a crash).
     */
    static byte[] read(MemorySegment pool, long offset, long length, int crc) {
        if (offset <= 0 || length < 0 || length > RedoWriter.MAX_LENGTH || offset > pool.byteSize() - length) {
            throw PersimmonException.corrupt(offset, "a redo record names a body of " + length
                    + " bytes outside the pool");
        }
        byte[] body = new byte[(int) length];
        MemorySegment.copy(pool, PoolLayouts.BYTE, offset, body, 0, body.length);
        if (crc(body, 0, body.length) != crc) {
            throw PersimmonException.corrupt(offset, "the body of " + length + " bytes that a redo record names here"
                    + " fails its checksum");
        }
        return body;
    }

    private static int crc(byte[] b, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(b, from, length);
        return (int) crc.getValue();
    }
}
