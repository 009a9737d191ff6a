package io.persimmon.engine.pmem;

/**
 * The one way to make stores to the pool durable. Code above this layer never calls
 * {@code force()} or counts anything itself: it calls {@link #flush} for what it wrote and
 * {@link #fence} once, so that tests can count and crash it.
 *
 * <p>Model (that of persistent memory): a store reaches the CPU cache; {@link #flush} writes back
 * the cache lines of a range; {@link #fence} returns when every line this thread flushed is
 * durable. Until then any dirty line may or may not reach the media, and only aligned 8-byte
 * stores are failure-atomic.
 */
public interface Persistence extends AutoCloseable {

    /** The mode in effect (never {@link PersistenceMode#AUTO}). */
    PersistenceMode mode();

    /** Writes back the cache lines covering {@code [offset, offset + length)} of the pool. */
    void flush(long offset, long length);

    /**
     * {@link #flush} of each range {@code [pairs[2i], pairs[2i] + pairs[2i + 1])}, {@code i < count}:
     * a checkpoint flushes tens of thousands of ranges that apply wrote, counted here once.
     */
    void flushRanges(long[] pairs, int count);

    /** Returns when every line flushed by this thread is durable. */
    void fence();

    /** {@link #flush} then {@link #fence}. */
    default void persist(long offset, long length) {
        flush(offset, length);
        fence();
    }

    /** The counts of lines flushed, fences, bytes persisted and system calls. */
    PersistenceCounters counters();

    /** Called by the pool after it grew to {@code newSize} bytes. */
    default void mappingGrown(long newSize) {}

    /** Whether growing the file must also make its new size durable (fsync of metadata). */
    default boolean growthNeedsMetadataSync() {
        return false;
    }

    @Override
    default void close() {}
}
