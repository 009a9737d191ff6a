/**
 * Row locks for "first updater wins": a volatile table of exclusive locks on row identities, held
 * by transactions until commit or rollback. Writers and {@code SELECT ... FOR UPDATE} take them
 * through {@link io.persimmon.engine.lock.LockManager}; a second writer of a row waits, FIFO, until
 * the first finishes, times out, is cancelled, or is chosen as a deadlock victim. Nothing here is
 * persistent and nothing here knows about versions: the transaction layer decides, from the
 * {@link io.persimmon.engine.lock.LockResult}, whether the row changed while it waited.
 *
 * <p>The invariant: every key is held by at most one owner, and a key has an entry in the lock
 * table exactly while it is held or waited for. A release with waiters leaves the lock free and
 * wakes the first waiter; a running requester may take it first (barging), but only once per
 * first waiter: an overtaken first waiter is handed the next release directly.
 *
 * <p>Calls nothing below it; called by {@code txn}.
 */
package io.persimmon.engine.lock;
