package io.persimmon.sql.exec;

/**
 * Thrown by an UPDATE or DELETE under READ COMMITTED when a row it has just locked is not the row
 * its scan read (another transaction committed a change to it meanwhile): the values the plan
 * computed from the statement's snapshot are stale. The session rolls the statement back to the
 * savepoint it took when the statement began, keeps the locks, and runs the statement again with
 * a new snapshot (docs/sql.md, "READ COMMITTED write consistency"). Not an error the caller sees.
 */
public final class PersimmonStatementRestart extends RuntimeException {
    public PersimmonStatementRestart(String message) {
        super(message, null, false, false);
    }
}
