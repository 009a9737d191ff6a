package io.persimmon.engine.pool;

/**
 * The on-pool format version. The major number changes when an older engine could not read the
 * pool correctly; the minor number when it could but would miss something. This engine writes
 * {@link #CURRENT} and opens only pools of exactly that major and a minor no newer than its own;
 * it never modifies a pool it refuses.
 */
public record FormatVersion(int major, int minor) implements Comparable<FormatVersion> {
    /** The format this engine writes. Bump it with every change of docs/format.md. */
    public static final FormatVersion CURRENT = new FormatVersion(2, 2);
    /** The oldest format this engine opens. */
    public static final FormatVersion OLDEST_READABLE = new FormatVersion(2, 1);

    @Override
    public int compareTo(FormatVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
