/**
 * Persimmon's SQL layer: {@link io.persimmon.sql.PersimmonSql#open} gives SQL over an engine
 * database, and {@link io.persimmon.sql.PersimmonErrors} is the one place where failures get
 * their SQLState. Calcite parses (package {@code parser}), validates and plans ({@code plan},
 * {@code rel}); compiled plans run in the engine's transactions ({@code exec}); sessions and
 * results are in {@code session}, DDL in {@code ddl}, the catalog as Calcite sees it in
 * {@code schema}. docs/sql.md describes what is supported.
 */
package io.persimmon.sql;
