package io.persimmon.engine.txn;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.util.Arrays;

/**
 * The little-endian fields of a record body, read in order from {@link #at}; a field that would
 * end past the body's length is CORRUPT (a truncated operation), never a read of the bytes after.
 */
final class RedoFields {
    private final byte[] body;
    private final int length;
    int at;

    RedoFields(byte[] body, int length) {
        this.body = body;
        this.length = length;
    }

    long long8() {
        require(8);
        long v = (le4(body, at) & 0xFFFF_FFFFL) | (long) le4(body, at + 4) << 32;
        at += 8;
        return v;
    }

    int int4() {
        require(4);
        int v = le4(body, at);
        at += 4;
        return v;
    }

    /**
     * The little-endian int at {@code i}, from plain array loads: recovery decodes every record
     * after the checkpoint twice (claim, then replay) first thing in a restarted JVM, where a
     * byte-array view {@code VarHandle} costs its guard and access calls in the interpreter.
     */
    private static int le4(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    /** A byte count, refused when negative. */
    int length() {
        int n = int4();
        if (n < 0) {
            throw truncated();
        }
        return n;
    }

    /** Steps over {@code n} bytes; returns where they start. */
    int skip(int n) {
        require(n);
        int from = at;
        at += n;
        return from;
    }

    byte[] bytes(int n) {
        int from = skip(n);
        return Arrays.copyOfRange(body, from, from + n);
    }

    private void require(int n) {
        if (n > length - at) {
            throw truncated();
        }
    }

    private PersimmonException truncated() {
        return new PersimmonException(ErrorCode.CORRUPT,
                "redo record is truncated inside an operation at byte " + at);
    }
}
