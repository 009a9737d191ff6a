package io.persimmon.engine.alloc;

import java.util.BitSet;
import java.util.List;

/**
 * What {@link Allocator#prepareCheckpoint} wrote, kept until the header that names it is durable.
 *
 * @param sequence header sequence of the checkpoint
 * @param directory the new directory (its offset goes into the header's ALLOCATOR root)
 * @param writtenPages bitmap pages rewritten by this checkpoint
 * @param pageWords their words, in page order
 * @param newMetadata blocks (offset, size) of the new directory and pages
 * @param replacedMetadata blocks (offset, size) of the previous checkpoint that this one replaces
 */
public record CheckpointPlan(long sequence, BitmapDirectory directory, BitSet writtenPages,
                             List<long[]> pageWords, List<long[]> newMetadata, List<long[]> replacedMetadata) {
    /** The offset to store in the header's ALLOCATOR root. */
    public long directoryOffset() {
        return directory.offset();
    }
}
