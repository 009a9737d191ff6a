/**
 * The API's implementation: the SQL database (schema version, plan cache), sessions with their
 * transactions, prepared statements and results.
 */
package io.persimmon.sql.session;
