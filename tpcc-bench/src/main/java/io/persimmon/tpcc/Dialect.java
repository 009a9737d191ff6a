package io.persimmon.tpcc;

/**
 * The few SQL differences between the engines. Everything else the benchmark sends is plain standard SQL.
 *
 * @param forUpdate    the suffix that locks the rows a SELECT reads (" FOR UPDATE"), or "" for engines
 *                     without row locks (SQLite, where the transaction holds the database write lock)
 * @param firstRowOnly the suffix that limits a query to its first row (" FETCH FIRST 1 ROWS ONLY" in
 *                     standard SQL, " LIMIT 1" in SQLite)
 * @param tableOptions text appended to every CREATE TABLE, "" for none
 */
public record Dialect(String forUpdate, String firstRowOnly, String tableOptions) {

    /** Standard SQL: SELECT ... FOR UPDATE, FETCH FIRST 1 ROWS ONLY, no table options. */
    public static final Dialect STANDARD = new Dialect(" FOR UPDATE", " FETCH FIRST 1 ROWS ONLY", "");

    /** SQLite: no FOR UPDATE (a write transaction holds the single database write lock), LIMIT 1. */
    public static final Dialect SQLITE = new Dialect("", " LIMIT 1", "");
}
