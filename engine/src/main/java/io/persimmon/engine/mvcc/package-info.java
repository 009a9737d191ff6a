/**
 * Multi-version rows: row slots (stable 8-byte words naming a row's newest version) in slot
 * pages, and version records chained from newest to oldest. Every version in the pool is
 * committed: versions are written when a durable transaction is applied. Calls {@code pmem}.
 */
package io.persimmon.engine.mvcc;
