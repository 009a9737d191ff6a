/**
 * Persimmon's relational operators in Calcite's Enumerable convention (table scan by key or
 * index, index nested-loop join, limit, table modify), the planner rules that choose them, and
 * the passes over the chosen plan (ORDER BY served by key order and exact limits, projection
 * push-down). Operators generate code that calls {@code io.persimmon.sql.exec.PersimmonRuntime}
 * with a stashed spec.
 */
package io.persimmon.sql.rel;
