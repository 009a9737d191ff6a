/**
 * Copy-on-write B+trees in the pool: one per primary key and per secondary index. Keys are byte
 * strings in an order-preserving encoding, compared as unsigned bytes; values are 8-byte longs.
 *
 * <p>{@link io.persimmon.engine.btree.NodeLayout} is the node format; {@link io.persimmon.engine.btree.Node}
 * a view of one node; {@link io.persimmon.engine.btree.BTree} the lock-free read API over an
 * explicit root; {@link io.persimmon.engine.btree.Batch} the one writer, which copies each node it
 * touches once, writes and flushes the new nodes at publish and frees the ones they replace (the
 * caller's checkpoint fences them, rule H1); {@link io.persimmon.engine.btree.Cursor} range scans;
 * {@link io.persimmon.engine.btree.ReaderEpochs} the epoch-based reuse gate that keeps freed nodes
 * from being reused under a reader (rule A4); {@link io.persimmon.engine.btree.BTreeCheck} and
 * {@link io.persimmon.engine.btree.BTreeOwner} what {@code check} needs.
 *
 * <p>Calls {@code pmem}, {@code alloc}, {@code pool} and {@code check} (for the owner interface).
 */
package io.persimmon.engine.btree;
