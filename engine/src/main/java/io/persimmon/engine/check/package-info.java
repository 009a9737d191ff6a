/**
 * {@code check}: verifies the invariants of a pool's durable state as an ordered list of named
 * steps, each reporting what it found. Never writes to the pool.
 */
package io.persimmon.engine.check;
