package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.io.ByteArrayOutputStream;

/**
 * Reads an encoded key, big-endian, one column at a time. Inside a descending column every byte
 * is read inverted ({@link #setInverted}), so decoders see the ascending encoding.
 */
final class KeyReader {

    private final byte[] key;
    private int position;
    private int mask;

    KeyReader(byte[] key) {
        this.key = key;
    }

    /** Whether the bytes read next are inverted (inside a descending column). */
    void setInverted(boolean inverted) {
        mask = inverted ? KeyLayout.ALL_BITS : 0;
    }

    boolean atEnd() {
        return position == key.length;
    }

    int position() {
        return position;
    }

    int readUnsigned() {
        if (position >= key.length) {
            throw corrupt("the key ends inside a column");
        }
        return (key[position++] & KeyLayout.ALL_BITS) ^ mask;
    }

    int readShort() {
        return (readUnsigned() << Byte.SIZE) | readUnsigned();
    }

    int readInt() {
        int v = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            v = (v << Byte.SIZE) | readUnsigned();
        }
        return v;
    }

    long readLong() {
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = (v << Byte.SIZE) | readUnsigned();
        }
        return v;
    }

    /** The bytes of an escaped string, up to and past its terminator. */
    byte[] readEscaped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = readUnsigned();
            if (b != KeyLayout.ESCAPE) {
                out.write(b);
                continue;
            }
            int next = readUnsigned();
            if (next == KeyLayout.TERMINATOR) {
                return out.toByteArray();
            }
            if (next != KeyLayout.ESCAPED_ZERO) {
                throw corrupt("0x00 followed by 0x" + Integer.toHexString(next) + " inside a string");
            }
            out.write(0);
        }
    }

    /** A malformed key: the message names the byte where decoding stopped. */
    PersimmonException corrupt(String what) {
        return new PersimmonException(ErrorCode.CORRUPT,
                "malformed key (" + key.length + " bytes) at byte " + position + ": " + what);
    }
}
