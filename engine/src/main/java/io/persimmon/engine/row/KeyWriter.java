package io.persimmon.engine.row;

import java.util.Arrays;

/** A growing byte array that key encodings are appended to, big-endian. */
final class KeyWriter {
    /** Bytes to start with: a typical key fits without growing. */
    private static final int INITIAL_CAPACITY = 32;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int size;

    /** Bytes written so far: the start of whatever is written next. */
    int position() {
        return size;
    }

    void writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void writeShort(int v) {
        writeByte(v >>> Byte.SIZE);
        writeByte(v);
    }

    void writeInt(int v) {
        ensure(Integer.BYTES);
        for (int shift = Integer.SIZE - Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
            bytes[size++] = (byte) (v >>> shift);
        }
    }

    void writeLong(long v) {
        ensure(Long.BYTES);
        for (int shift = Long.SIZE - Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
            bytes[size++] = (byte) (v >>> shift);
        }
    }

    /** {@code value} with every 0x00 escaped, then the terminator. */
    void writeEscaped(byte[] value) {
        for (byte b : value) {
            if (b == KeyLayout.ESCAPE) {
                writeByte(KeyLayout.ESCAPE);
                writeByte(KeyLayout.ESCAPED_ZERO);
            } else {
                writeByte(b);
            }
        }
        writeByte(KeyLayout.ESCAPE);
        writeByte(KeyLayout.TERMINATOR);
    }

    /** Inverts every byte written since {@code start}: makes a column descending. */
    void invertFrom(int start) {
        for (int i = start; i < size; i++) {
            bytes[i] ^= (byte) KeyLayout.ALL_BITS;
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
