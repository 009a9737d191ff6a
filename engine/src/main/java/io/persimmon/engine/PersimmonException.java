package io.persimmon.engine;

/**
 * The one exception type of the engine. {@link #code()} says what went wrong; the message says it
 * for a person, naming the file, table, constraint, value or pool offset involved.
 */
public class PersimmonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public PersimmonException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public PersimmonException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** What went wrong, for programs. */
    public ErrorCode code() {
        return code;
    }

    /** A corruption found at {@code offset} inside the pool. */
    public static PersimmonException corrupt(long offset, String what) {
        return new PersimmonException(ErrorCode.CORRUPT,
                "pool corrupt at offset " + offset + " (0x" + Long.toHexString(offset) + "): " + what);
    }
}
