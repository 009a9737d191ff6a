package io.persimmon.engine.row;

import io.persimmon.engine.ErrorCode;

/** Assignment of a String to a CHAR or VARCHAR column, and of a byte[] to a VARBINARY column. */
final class TextAssignment {
    /** The pad character of CHAR(n), and the only character cut from an over-long value. */
    static final char PAD = ' ';

    private TextAssignment() {}

    /** The String stored for {@code value}: cut to n when only spaces follow, CHAR padded to n. */
    static String toCharacter(AssignmentTarget target, Object value) {
        String s = target.require(String.class, value);
        int badAt = Strings.loneSurrogateIndex(s);
        if (badAt >= 0) {
            throw target.fail(ErrorCode.INVALID_VALUE,
                    "value is not valid Unicode (lone surrogate at index " + badAt + ")", s);
        }
        ColumnType type = target.type();
        int length = type.length();
        if (s.length() <= length && type.type() == SqlType.VARCHAR) {
            return s; // no more characters than chars: it fits, and a VARCHAR is not padded
        }
        int characters = s.codePointCount(0, s.length());
        if (characters > length) {
            int end = s.offsetByCodePoints(0, length);
            if (!Strings.isAllPad(s, end)) {
                throw target.fail(ErrorCode.STRING_TOO_LONG, "value too long (" + characters
                        + " characters, at most " + length + ")", s);
            }
            return s.substring(0, end);
        }
        return type.type() == SqlType.CHAR ? Strings.pad(s, length - characters) : s;
    }

    /** The byte[] stored for {@code value}, not copied. */
    static byte[] toBinary(AssignmentTarget target, Object value) {
        byte[] b = target.require(byte[].class, value);
        int length = target.type().length();
        if (b.length > length) {
            throw target.fail(ErrorCode.STRING_TOO_LONG, "value too long (" + b.length
                    + " bytes, at most " + length + ")", b);
        }
        return b;
    }
}
