/**
 * What the JDBC driver calls: one {@link io.persimmon.sql.api.SqlDatabase} per open database
 * (shared by every connection, with the plan cache), one {@link io.persimmon.sql.api.Session}
 * per connection, {@link io.persimmon.sql.api.PreparedSql} per prepared statement, and
 * {@link io.persimmon.sql.api.SqlResult} per execution. Every failure is a
 * {@link java.sql.SQLException} with its SQLState.
 *
 * <p>Values crossing this API, in both directions, are of one Java class per SQL type: BOOLEAN
 * Boolean, SMALLINT Short, INTEGER Integer, BIGINT Long, DECIMAL BigDecimal, REAL Float, FLOAT
 * and DOUBLE Double, CHAR and VARCHAR String, VARBINARY byte[], DATE java.time.LocalDate, TIME
 * java.time.LocalTime, TIMESTAMP java.time.LocalDateTime; null is SQL NULL. Parameters may also be
 * any other Number, String or java.sql date/time value; the session converts them as JDBC does.
 */
package io.persimmon.sql.api;
