/**
 * From SQL text to a compiled, shareable {@link io.persimmon.sql.plan.PersimmonPlan}: the
 * planner (parse, validate, optimize, compile) and the plan cache shared by every session.
 */
package io.persimmon.sql.plan;
