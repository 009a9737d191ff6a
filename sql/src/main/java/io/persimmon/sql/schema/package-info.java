/**
 * The engine's catalog as Calcite sees it: one schema version at a time
 * ({@link io.persimmon.sql.schema.PersimmonSchema}), its tables with statistics and defaults,
 * the type system, the mapping between engine and Calcite types, and the type a value assigned to
 * a column travels in ({@link io.persimmon.sql.schema.PersimmonAssignment}). May call the engine's
 * catalog; knows nothing of sessions.
 */
package io.persimmon.sql.schema;
