package io.persimmon.engine.txn;

import io.persimmon.engine.alloc.Allocator;
import io.persimmon.engine.mvcc.Versions;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pool.Pool;

import java.lang.foreign.MemorySegment;

/**
 * Applies redo records to the pool: after a commit's record is durable, and again during
 * recovery for the records after the checkpoint. Byte writes and slot swings are noted in
 * {@link DirtyRanges} for the next checkpoint to flush; trees and the catalog are reached
 * through {@link Structures}.
 */
public final class RedoApplier {
    /** The structures above the pool's bytes that records change. */
    public interface Structures {
        void treePut(long tree, byte[] key, long value);

        void treeDelete(long tree, byte[] key);

        void logical(int kind, byte[] payload);
    }

    private final Pool pool;
    private final DirtyRanges dirty;
    private final Structures structures;

    public RedoApplier(Pool pool, DirtyRanges dirty, Structures structures) {
        this.pool = pool;
        this.dirty = dirty;
        this.structures = structures;
    }

    /**
     * Recovery, pass 1: every block a record allocated is claimed before any record is replayed,
     * so that replaying (which may allocate tree nodes) cannot hand such a block to anything else.
     */
    public void claim(byte[] body) {
        Allocator allocator = pool.allocator();
        RedoVisitor.read(body, new RedoVisitor() {
            @Override
            public void alloc(long offset, long size) {
                allocator.claimForReplay(offset, size);
            }

            @Override
            public void body(long offset, long length, int crc) {
                // The block itself was claimed by the ALLOC before this BODY (C7); now what its
                // operations allocated.
                RedoVisitor.read(SpilledBody.read(pool.segment(), offset, length, crc), this);
            }
        });
    }

    /** Applies one record (after its commit, or in recovery pass 2). */
    public void apply(byte[] body, boolean replaying) {
        apply(body, body.length, replaying);
    }

    /** Applies the record whose body is the first {@code length} bytes of {@code body}. */
    public void apply(byte[] body, int length, boolean replaying) {
        MemorySegment s = pool.segment();
        Allocator allocator = pool.allocator();
        RedoVisitor.read(body, length, new RedoVisitor() {
            @Override
            public void free(long offset, long size) {
                if (!replaying) {
                    allocator.freeLogged(offset, size);
                } else {
                    allocator.freeReplayed(offset, size); // held until the session's header + 2 (R1)
                }
            }

            @Override
            public void write(long offset, byte[] source, int from, int length) {
                MemorySegment.copy(source, from, s, PoolLayouts.BYTE, offset, length);
                dirty.add(offset, length);
            }

            @Override
            public void zero(long offset, long length) {
                s.asSlice(offset, length).fill((byte) 0);
                dirty.add(offset, length);
            }

            @Override
            public void set8(long offset, long value) {
                Versions.publish(s, offset, value); // release: the version's bytes are visible first
                dirty.add(offset, 8);
            }

            @Override
            public void treePut(long tree, byte[] key, long value) {
                structures.treePut(tree, key, value);
            }

            @Override
            public void treeDelete(long tree, byte[] key) {
                structures.treeDelete(tree, key);
            }

            @Override
            public void logical(int kind, byte[] payload) {
                structures.logical(kind, payload);
            }

            @Override
            public void body(long offset, long length, int crc) {
                RedoVisitor.read(SpilledBody.read(s, offset, length, crc), this);
            }
        });
    }
}
