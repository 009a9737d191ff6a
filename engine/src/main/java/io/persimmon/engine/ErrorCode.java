package io.persimmon.engine;

/**
 * Every way the engine can refuse or fail, one constant each. The engine reports these; the JDBC
 * driver maps them to SQLStates in one place.
 */
public enum ErrorCode {
    // --- opening a pool -------------------------------------------------------------------
    /** The file does not start with the pool magic: it is not a Persimmon pool. */
    NOT_A_POOL,
    /** The pool was written by a newer format version than this engine understands. */
    FORMAT_TOO_NEW,
    /** The pool was written by an older format version that this engine no longer reads. */
    FORMAT_TOO_OLD,
    /** Both header copies fail their checksum. */
    HEADER_CORRUPT,
    /** Another process holds the pool's file lock. */
    LOCKED_BY_OTHER_PROCESS,
    /** This JVM already has the pool open. */
    ALREADY_OPEN,
    /** The file cannot be read or written, or does not exist when it must. */
    NOT_ACCESSIBLE,
    /** The persistence mode asked for is not available here (e.g. dax without a DAX filesystem). */
    MODE_UNAVAILABLE,
    /** An I/O error from the operating system. */
    IO_ERROR,
    /** A structure inside the pool breaks an invariant; the message names the offset. */
    CORRUPT,

    // --- space -----------------------------------------------------------------------------
    /** The pool reached its configured maximum size. */
    POOL_FULL,
    /** A value is beyond what a structure can hold: a key longer than a tree node allows. */
    LIMIT_EXCEEDED,

    // --- constraints -----------------------------------------------------------------------
    UNIQUE_VIOLATION,
    NOT_NULL_VIOLATION,
    STRING_TOO_LONG,
    NUMERIC_OUT_OF_RANGE,
    FOREIGN_KEY_VIOLATION,
    INVALID_VALUE,

    // --- concurrency -----------------------------------------------------------------------
    /** A write-write conflict under snapshot isolation: retry the transaction. */
    SERIALIZATION_FAILURE,
    /** This transaction was chosen as the victim of a deadlock: retry the transaction. */
    DEADLOCK,
    /** A lock was not granted within the lock timeout. */
    LOCK_TIMEOUT,
    /** The operation was cancelled. */
    CANCELLED,

    // --- catalog and usage -----------------------------------------------------------------
    NO_SUCH_TABLE,
    NO_SUCH_COLUMN,
    NO_SUCH_INDEX,
    ALREADY_EXISTS,
    /** The object (pool, transaction) is closed or finished. */
    CLOSED,
    /** A write in a read-only transaction. */
    READ_ONLY,
    /** The caller passed an argument the API does not accept. */
    INVALID_ARGUMENT,
    /** A failure that is a bug in the engine, not the caller's input. */
    INTERNAL
}
