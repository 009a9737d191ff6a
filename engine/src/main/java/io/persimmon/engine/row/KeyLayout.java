package io.persimmon.engine.row;

/**
 * The order-preserving key encoding: a key is the concatenation of its columns' encodings, each
 * prefix-free, so that comparing two keys as unsigned bytes compares them column by column.
 *
 * <pre>
 * column      := NULL_MARKER                      NULL, lowest of all values
 *              | VALUE_MARKER body
 * body of
 *   BOOLEAN   := 1 byte: 0 false, 1 true
 *   SMALLINT  := 2 bytes big-endian, sign bit flipped
 *   INTEGER   := 4 bytes big-endian, sign bit flipped       (DATE likewise)
 *   BIGINT    := 8 bytes big-endian, sign bit flipped       (TIME, TIMESTAMP likewise)
 *   REAL      := 4 bytes: IEEE bits, -0.0 as 0.0, NaN canonical; sign bit flipped when positive,
 *                all bits flipped when negative             (so NaN is greatest)
 *   DOUBLE    := 8 bytes, likewise
 *   DECIMAL   := DECIMAL_ZERO
 *              | DECIMAL_POSITIVE magnitude
 *              | DECIMAL_NEGATIVE ~magnitude              (every byte inverted)
 *     magnitude := (exponent + EXPONENT_BIAS) pair* MANTISSA_END
 *                  value = d1.d2 d3 ... dn x 10^exponent, d1 != 0, trailing zeros dropped;
 *                  pair = 10 * d(2k-1) + d(2k) + PAIR_BIAS, a last odd digit paired with 0
 *   CHAR      := utf8(value without trailing spaces) escaped
 *   VARCHAR   := utf8(value) escaped
 *   VARBINARY := bytes escaped
 * escaped     := every 0x00 written as ESCAPE ESCAPED_ZERO, then ESCAPE TERMINATOR
 * </pre>
 *
 * A descending column has every byte of its encoding, marker included, inverted: NULL is then
 * greatest. Integers and temporal values are big-endian here, unlike the rest of the pool, because
 * byte order is value order.
 */
final class KeyLayout {
    /** Marker of a NULL column: lower than every value. */
    static final int NULL_MARKER = 0x00;
    /** Marker of a non-NULL column, followed by its body. */
    static final int VALUE_MARKER = 0x01;

    /** Starts a two-byte sequence inside an escaped string. */
    static final int ESCAPE = 0x00;
    /** After ESCAPE: a 0x00 byte of the value. */
    static final int ESCAPED_ZERO = 0xFF;
    /** After ESCAPE: the end of the value; lower than any continuation, so a prefix sorts first. */
    static final int TERMINATOR = 0x00;
    /** Bytes that end an escaped string. */
    static final int TERMINATOR_SIZE = 2;
    /** Most bytes UTF-8 takes for one code point (0x00, the only byte escaped, takes one). */
    static final int MAX_UTF8_BYTES_PER_CHARACTER = 4;

    /** DECIMAL sign byte of a negative value. */
    static final int DECIMAL_NEGATIVE = 0x01;
    /** DECIMAL sign byte of zero, which has no magnitude. */
    static final int DECIMAL_ZERO = 0x02;
    /** DECIMAL sign byte of a positive value. */
    static final int DECIMAL_POSITIVE = 0x03;
    /** Added to the decimal exponent to make it one unsigned byte. */
    static final int EXPONENT_BIAS = 0x80;
    /** Smallest exponent a DECIMAL key holds (value &ge; 10^-128). */
    static final int MIN_EXPONENT = -EXPONENT_BIAS;
    /** Largest exponent a DECIMAL key holds (value &lt; 10^128). */
    static final int MAX_EXPONENT = 0xFF - EXPONENT_BIAS;
    /** Added to a pair of digits (0..99) so that no pair byte equals MANTISSA_END. */
    static final int PAIR_BIAS = 1;
    /** Ends the digit pairs of a DECIMAL magnitude. */
    static final int MANTISSA_END = 0x00;
    /** Digits packed in one mantissa byte. */
    static final int DIGITS_PER_PAIR = 2;
    /** Bytes of a DECIMAL body besides its digit pairs: sign, exponent, mantissa end. */
    static final int DECIMAL_OVERHEAD = 3;

    /** All bits of a byte: XOR with it inverts a byte (descending columns), AND reads it unsigned. */
    static final int ALL_BITS = 0xFF;
    /** Bytes an escaped 0x00 takes (ESCAPE ESCAPED_ZERO): the worst case of a binary string. */
    static final int ESCAPED_ZERO_SIZE = 2;

    /** Bytes of the marker that starts every column. */
    static final int MARKER_SIZE = 1;

    private KeyLayout() {}

    /** Most bytes the body of a non-NULL value of {@code type} takes. */
    static long maxBodySize(ColumnType type) {
        return switch (type.type()) {
            case BOOLEAN -> Byte.BYTES;
            case SMALLINT -> Short.BYTES;
            case INTEGER, DATE -> Integer.BYTES;
            case BIGINT, TIME, TIMESTAMP -> Long.BYTES;
            case REAL -> Float.BYTES;
            case DOUBLE -> Double.BYTES;
            case DECIMAL -> DECIMAL_OVERHEAD + (type.precision() + DIGITS_PER_PAIR - 1) / DIGITS_PER_PAIR;
            case CHAR, VARCHAR -> (long) type.length() * MAX_UTF8_BYTES_PER_CHARACTER + TERMINATOR_SIZE;
            case VARBINARY -> (long) type.length() * ESCAPED_ZERO_SIZE + TERMINATOR_SIZE;
        };
    }
}
