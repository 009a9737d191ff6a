/**
 * Persimmon's relational operators in Calcite's Enumerable convention (table scan by key or
 * index, table modify) and the planner rules that choose them. Operators generate code that calls
 * {@code io.persimmon.sql.exec.PersimmonRuntime} with a stashed spec.
 */
package io.persimmon.sql.rel;
