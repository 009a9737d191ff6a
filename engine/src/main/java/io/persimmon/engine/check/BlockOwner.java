package io.persimmon.engine.check;

import java.lang.foreign.MemorySegment;

/**
 * A structure that owns blocks of the pool's durable state. {@code check} asks every owner for
 * its blocks and verifies that each allocated line is owned exactly once.
 */
public interface BlockOwner {
    /** Receives the owned blocks. */
    @FunctionalInterface
    interface BlockVisitor {
        void block(long offset, long bytes, String what);
    }

    /** The owner's name in reports. */
    String name();

    /** Visits every block reachable from this owner's root in the durable state {@code roots} names. */
    void forEachBlock(MemorySegment pool, long[] roots, BlockVisitor visitor);
}
