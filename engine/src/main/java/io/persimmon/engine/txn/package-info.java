/**
 * Transactions: the operations of a redo record, how a commit encodes them, and how they are
 * applied to the pool after the record is durable (and again, idempotently, during recovery);
 * and how recovery tells a damaged log from the torn tail of a crash ({@code LogDamage}, R2).
 * Calls {@code pmem}, {@code alloc}, {@code log}, {@code mvcc}.
 */
package io.persimmon.engine.txn;
