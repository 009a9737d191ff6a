package io.persimmon.sql.parser;

import org.apache.calcite.sql.SqlBinaryStringLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.BitString;

import java.util.HexFormat;

/**
 * A binary literal {@code X'...'} whose bytes are decoded once, in time linear in its length.
 * Calcite's {@link BitString} goes through {@link java.math.BigInteger} in both directions
 * ({@code createFromHexString}, {@code getAsByteArray}, {@code toHexString}), quadratic in the
 * length: some 7 s each for a 200 KB literal, and a statement used them several times (parse,
 * unparse, conversion to a RexLiteral). The generated parser calls {@link #of} instead of
 * {@code SqlLiteral.createBinaryString} (the patch (c) in sql/pom.xml); the node is Calcite's own
 * {@link SqlBinaryStringLiteral} holding a {@link Bytes}, whose conversions Calcite calls.
 */
public final class PersimmonBinaryLiteral {
    private PersimmonBinaryLiteral() {}

    /** The literal of the hex digits {@code hex}; NumberFormatException if one is not a hex digit. */
    public static SqlLiteral of(String hex, SqlParserPos pos) {
        if (hex.length() % 2 != 0) {
            return SqlLiteral.createBinaryString(hex, pos); // not whole bytes: Calcite's, which the validator refuses
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int high = Character.digit(hex.charAt(2 * i), 16);
            int low = Character.digit(hex.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                throw new NumberFormatException("not a hex digit in " + hex.substring(2 * i, 2 * i + 2));
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return new Literal(new Bytes(bytes), pos);
    }

    /** Calcite's node, made through its protected constructor. */
    private static final class Literal extends SqlBinaryStringLiteral {
        Literal(Bytes value, SqlParserPos pos) {
            super(value, pos);
        }
    }

    /** A whole number of bytes as a BitString, converted without BigInteger. */
    static final class Bytes extends BitString {
        private final byte[] bytes;

        Bytes(byte[] bytes) {
            super(bits(bytes), bytes.length * 8);
            this.bytes = bytes;
        }

        private static String bits(byte[] bytes) {
            char[] c = new char[bytes.length * 8];
            for (int i = 0; i < c.length; i++) {
                c[i] = (bytes[i >> 3] & (0x80 >> (i & 7))) != 0 ? '1' : '0';
            }
            return new String(c);
        }

        @Override
        public byte[] getAsByteArray() {
            return bytes.clone();
        }

        @Override
        public String toHexString() {
            return HexFormat.of().withUpperCase().formatHex(bytes); // as Calcite's
        }
    }
}
