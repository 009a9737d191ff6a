/**
 * The allocator: blocks of 64-byte lines, from size-classed chunks for small records and runs of
 * chunks for large ones. Volatile bitmaps answer allocation; a copy-on-write bitmap, written at
 * each checkpoint and named by the header, is its durable state. Calls {@code pmem} only.
 *
 * <p>The invariant: every line of the pool is, in the durable state a header names, either free,
 * or allocated and reachable from exactly one owner, or allocator metadata of that checkpoint.
 */
package io.persimmon.engine.alloc;
