/**
 * The lowest layer: the mapped pool file and the one way to make stores durable.
 *
 * <p>{@link io.persimmon.engine.pmem.PoolMapping} maps the pool file whole as a
 * {@link java.lang.foreign.MemorySegment} and grows it. {@link io.persimmon.engine.pmem.Persistence}
 * is the only way any code above makes stores durable: {@code flush(offset, length)} writes back
 * the cache lines of a range, {@code fence()} waits until every line this thread flushed is durable.
 * Its modes ({@code dax}, {@code msync}, {@code process}, {@code sim}) hide the medium, and every
 * flush and fence is counted in {@link io.persimmon.engine.pmem.PersistenceCounters}.
 *
 * <p>This package calls nothing else of the engine.
 */
package io.persimmon.engine.pmem;
