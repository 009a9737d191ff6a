/**
 * The redo log: rings of self-validating records inside the pool, one committer per ring at a
 * time, so that a commit costs one flushed contiguous run and one fence. Records are opaque bytes
 * here (the transaction layer defines their operations). A checkpoint records, per ring, where
 * the records not yet applied begin; recovery reads from there. Calls {@code pmem}, {@code alloc}.
 */
package io.persimmon.engine.log;
