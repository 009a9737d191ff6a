package io.persimmon.engine.db;

/** What a transaction's reads see. */
public enum Isolation {
    /** Each read sees what was committed when it started; a write to a row changed since re-reads it. */
    READ_COMMITTED,
    /** Snapshot isolation: every read sees what was committed when the transaction began; first updater wins. */
    REPEATABLE_READ
}
