package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The key body of a DECIMAL (see {@link KeyLayout}): a sign byte, then for a non-zero value its
 * magnitude as a biased decimal exponent and the significant digits two per byte, inverted for a
 * negative value. The value is normalised first, so 1.5, 1.50 and 1.500 encode the same.
 *
 * <p>Why it orders: among positive values a larger exponent means a larger value (the value is
 * d1.d2 d3... x 10^exponent with d1 != 0); with equal exponents the digit strings compare left to right, and a
 * shorter string is a prefix whose continuation is non-zero, so MANTISSA_END (below every pair
 * byte) puts it first. Negative magnitudes are inverted, so larger magnitudes sort lower.
 */
final class DecimalKeys {
    private static final int RADIX = 10;

    private DecimalKeys() {}

    static void write(KeyWriter out, BigDecimal value) {
        if (value.signum() == 0) {
            out.writeByte(KeyLayout.DECIMAL_ZERO);
            return;
        }
        BigDecimal normal = value.stripTrailingZeros();
        String digits = normal.unscaledValue().abs().toString();
        long exponent = (long) digits.length() - normal.scale() - 1; // value = d1.d2... x 10^exponent
        if (exponent < KeyLayout.MIN_EXPONENT || exponent > KeyLayout.MAX_EXPONENT) {
            throw new PersimmonException(ErrorCode.NUMERIC_OUT_OF_RANGE, "DECIMAL " + value
                    + " is beyond what a key holds (magnitude 1E" + KeyLayout.MIN_EXPONENT
                    + " to 1E" + (KeyLayout.MAX_EXPONENT + 1) + ")");
        }
        boolean negative = normal.signum() < 0;
        out.writeByte(negative ? KeyLayout.DECIMAL_NEGATIVE : KeyLayout.DECIMAL_POSITIVE);
        int start = out.position();
        out.writeByte((int) exponent + KeyLayout.EXPONENT_BIAS);
        for (int i = 0; i < digits.length(); i += KeyLayout.DIGITS_PER_PAIR) {
            int high = digits.charAt(i) - '0';
            int low = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' : 0;
            out.writeByte(high * RADIX + low + KeyLayout.PAIR_BIAS);
        }
        out.writeByte(KeyLayout.MANTISSA_END);
        if (negative) {
            out.invertFrom(start);
        }
    }

    /** The value read back, with at least {@code scale} digits after the point. */
    static BigDecimal read(KeyReader in, int scale) {
        int sign = in.readUnsigned();
        if (sign == KeyLayout.DECIMAL_ZERO) {
            return BigDecimal.valueOf(0, scale);
        }
        if (sign != KeyLayout.DECIMAL_NEGATIVE && sign != KeyLayout.DECIMAL_POSITIVE) {
            throw in.corrupt("DECIMAL sign byte 0x" + Integer.toHexString(sign));
        }
        int flip = sign == KeyLayout.DECIMAL_NEGATIVE ? KeyLayout.ALL_BITS : 0;
        int exponent = (in.readUnsigned() ^ flip) - KeyLayout.EXPONENT_BIAS;
        StringBuilder digits = new StringBuilder();
        for (int b = in.readUnsigned() ^ flip; b != KeyLayout.MANTISSA_END; b = in.readUnsigned() ^ flip) {
            int pair = b - KeyLayout.PAIR_BIAS;
            if (pair >= RADIX * RADIX) {
                throw in.corrupt("DECIMAL digit pair byte 0x" + Integer.toHexString(b));
            }
            digits.append((char) ('0' + pair / RADIX)).append((char) ('0' + pair % RADIX));
        }
        while (!digits.isEmpty() && digits.charAt(digits.length() - 1) == '0') {
            digits.setLength(digits.length() - 1); // the 0 that completed the last pair
        }
        if (digits.isEmpty() || digits.charAt(0) == '0') {
            throw in.corrupt("DECIMAL magnitude without a leading significant digit");
        }
        BigInteger unscaled = new BigInteger(digits.toString());
        BigDecimal value = new BigDecimal(flip == 0 ? unscaled : unscaled.negate(), digits.length() - 1 - exponent);
        return value.scale() < scale ? value.setScale(scale) : value;
    }
}
