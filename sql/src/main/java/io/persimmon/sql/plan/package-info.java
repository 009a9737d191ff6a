/**
 * From SQL text to a compiled, shareable {@link io.persimmon.sql.plan.PersimmonPlan}: the
 * planner (parse, validate, optimize, compile), the plan cache shared by every session, and the
 * literal parameterization (with its shapes) by which statements that differ only in literals
 * share a plan.
 */
package io.persimmon.sql.plan;
