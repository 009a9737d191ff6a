package io.persimmon.tpcc;

/** An engine that cannot be used on this machine: no JDBC driver for its URL, or a refused connection. */
public final class EngineUnavailableException extends Exception {

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
