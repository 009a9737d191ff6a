package io.persimmon.tools.dump;

/** A database that cannot be dumped as a script that loads back; the message says why. */
public final class DumpException extends Exception {
    public DumpException(String message) {
        super(message);
    }
}
