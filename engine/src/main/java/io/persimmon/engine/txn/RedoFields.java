package io.persimmon.engine.txn;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The little-endian fields of a record body, read in order from {@link #at}; a field that would
 * end past the body's length is CORRUPT (a truncated operation), never a read of the bytes after.
 */
final class RedoFields {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private final byte[] body;
    private final int length;
    int at;

    RedoFields(byte[] body, int length) {
        this.body = body;
        this.length = length;
    }

    long long8() {
        require(8);
        long v = (long) LONG.get(body, at);
        at += 8;
        return v;
    }

    int int4() {
        require(4);
        int v = (int) INT.get(body, at);
        at += 4;
        return v;
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
