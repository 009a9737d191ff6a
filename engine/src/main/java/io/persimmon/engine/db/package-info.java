/**
 * The database: the Java API the SQL layer calls ({@link io.persimmon.engine.db.Database},
 * {@link io.persimmon.engine.db.Transaction}, {@link io.persimmon.engine.db.Table},
 * {@link io.persimmon.engine.db.Index}), and commit, checkpoint, recovery and garbage collection
 * over the structures below. Calls every other engine package.
 */
package io.persimmon.engine.db;
