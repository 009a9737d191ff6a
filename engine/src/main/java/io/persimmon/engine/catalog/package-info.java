/**
 * The catalog: what tables and indexes exist ({@link io.persimmon.engine.catalog.TableDefinition},
 * {@link io.persimmon.engine.catalog.IndexDefinition}), and their durable form: the definitions
 * inside DDL redo records and the catalog block that each checkpoint writes
 * ({@link io.persimmon.engine.catalog.CatalogBlock}, format in docs/format.md).
 * Calls {@code row}, {@code pmem} and {@code pool}.
 */
package io.persimmon.engine.catalog;
