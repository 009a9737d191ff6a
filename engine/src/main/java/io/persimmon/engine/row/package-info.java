/**
 * Rows and keys: the SQL types the engine stores, the Java value of each, the checks a value
 * passes before it is stored ({@link io.persimmon.engine.row.Values#conform}), the
 * order-preserving byte encoding of index keys ({@link io.persimmon.engine.row.KeyCodec}) and the
 * compact encoding of a row inside a version record ({@link io.persimmon.engine.row.RowCodec}).
 *
 * <p>Pure functions over values and byte arrays: this package calls nothing else in the engine
 * but {@code PersimmonException} and the pool's byte order ({@code pmem.PoolLayouts}). The byte formats are described in docs/rows-and-keys.md.
 *
 * <p>The invariant of the key encoding, which every index relies on: for any two tuples
 * {@code a} and {@code b} of the same key columns,
 * {@code signum(Arrays.compareUnsigned(encode(a), encode(b))) == signum(sqlCompare(a, b))}.
 */
package io.persimmon.engine.row;
