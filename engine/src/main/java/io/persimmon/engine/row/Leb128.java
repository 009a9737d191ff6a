package io.persimmon.engine.row;

/** Unsigned LEB128: 7 bits per byte, least significant first, high bit set on all but the last. */
final class Leb128 {
    /** The 7 value bits of a byte. */
    static final int PAYLOAD_BITS = 0x7F;
    /** Set on every byte but the last. */
    static final int CONTINUATION = 0x80;
    /** Value bits in one byte. */
    static final int BITS_PER_BYTE = 7;
    /** Most bytes of a non-negative int. */
    static final int MAX_INT_BYTES = 5;

    private Leb128() {}

    /** Bytes that {@code value} (non-negative) takes. */
    static int size(int value) {
        int size = 1;
        while ((value >>>= BITS_PER_BYTE) != 0) {
            size++;
        }
        return size;
    }
}
