package io.persimmon.engine.alloc;

import java.util.BitSet;

/**
 * A set of chunk numbers searched from the lowest, remembering below which number it holds
 * none. The chunks with free slots of one size class are mostly full ones at the front of a
 * growing pool and the one being filled near its end; a search from chunk 0 stepped over the
 * empty words of the front on every allocation, a cost that grew with the pool.
 */
final class ChunkSet {
    private final BitSet chunks = new BitSet();
    /** No chunk below this is in the set. */
    private int lowest;

    void add(int chunk) {
        chunks.set(chunk);
        lowest = Math.min(lowest, chunk);
    }

    void remove(int chunk) {
        chunks.clear(chunk);
    }

    /** The lowest chunk in the set at or above {@code from}, or -1. */
    int next(int from) {
        int c = chunks.nextSetBit(Math.max(from, lowest));
        if (from <= lowest) {
            lowest = c < 0 ? chunks.length() : c;
        }
        return c;
    }

    /** The lowest chunk in the set, or -1. */
    int first() {
        return next(0);
    }
}
