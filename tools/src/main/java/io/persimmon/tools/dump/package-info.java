/**
 * {@code persimmon dump} and {@code load}: a database as a SQL script and back. {@link
 * io.persimmon.tools.dump.DumpSchema} reads the schema through JDBC metadata,
 * {@link io.persimmon.tools.dump.DumpOrder} and {@link io.persimmon.tools.dump.SelfReferenceOrder}
 * order tables and rows so that foreign keys hold at every INSERT,
 * {@link io.persimmon.tools.dump.SqlLiterals} writes values that read back exactly,
 * {@link io.persimmon.tools.dump.ScriptWriter} writes the script; {@link io.persimmon.tools.dump.SqlScript}
 * splits a script into statements and {@link io.persimmon.tools.dump.InsertValues} turns a
 * dump's INSERT into a batch. Only JDBC and the SQL layer's parser are used: nothing here reads
 * the pool directly.
 */
package io.persimmon.tools.dump;
