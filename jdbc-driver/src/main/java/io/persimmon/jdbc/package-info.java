/**
 * The JDBC driver: {@code jdbc:persimmon:} URLs ({@link io.persimmon.jdbc.JdbcUrl}), connections,
 * statements and result sets over the SQL layer's API ({@link io.persimmon.sql.api}), and database
 * metadata read from the engine's catalog. It may call the SQL API ({@code io.persimmon.sql.api},
 * {@code PersimmonSql.open}, and {@code PersimmonTableAttributes} to read the defaults and foreign
 * keys the SQL layer keeps with a table), and the engine for opening a database and reading its
 * catalog; nothing else of either. SQLStates of errors that reach the
 * driver directly are mapped in one place, {@code Errors}.
 */
package io.persimmon.jdbc;
