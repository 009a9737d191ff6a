package io.persimmon.engine.row;

/** Helpers on Java strings shared by the assignment rules and the codecs. */
final class Strings {
    private Strings() {}

    /** Index of the first unpaired surrogate in {@code s}, or -1 if {@code s} is valid UTF-16. */
    static int loneSurrogateIndex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether every char of {@code s} from {@code from} on is the pad space. */
    static boolean isAllPad(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) != TextAssignment.PAD) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} without its trailing pad spaces. */
    static String stripPad(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == TextAssignment.PAD) {
            end--;
        }
        return s.substring(0, end);
    }

    /** {@code s} followed by {@code count} pad spaces. */
    static String pad(String s, int count) {
        return count <= 0 ? s : s + String.valueOf(TextAssignment.PAD).repeat(count);
    }

    /** {@code s} padded with spaces to {@code length} code points (unchanged if already that long). */
    static String padTo(String s, int length) {
        return pad(s, length - s.codePointCount(0, s.length()));
    }
}
