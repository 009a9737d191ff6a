/**
 * The pool: one file, its two-copy header, growth, and checkpoints (publishing a new set of
 * roots). Calls {@code pmem} and {@code alloc}.
 */
package io.persimmon.engine.pool;
