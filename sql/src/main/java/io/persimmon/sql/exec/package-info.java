/**
 * What compiled plans call at run time: scans and changes in the session's engine transaction
 * (reached through the {@link io.persimmon.sql.exec.PersimmonDataContext}), foreign-key checks,
 * and the conversion of values between the engine, Calcite's generated code and the API.
 */
package io.persimmon.sql.exec;
