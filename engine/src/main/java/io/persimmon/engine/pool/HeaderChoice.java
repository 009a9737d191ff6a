package io.persimmon.engine.pool;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Which header copy a pool opens from: the valid copy with the higher sequence number. Refuses,
 * without writing anything, a file that is not a pool, whose copies are both damaged, or whose
 * format this engine does not read.
 *
 * @param header the copy chosen
 * @param otherCopy what the other copy holds (for {@code check} and {@code info})
 */
public record HeaderChoice(PoolHeader header, PoolHeader.Decoded otherCopy) {

    /** Chooses from the first {@link HeaderLayout#REGION_SIZE} bytes of the file at {@code path}. */
    public static HeaderChoice choose(Path path, ByteBuffer region) {
        PoolHeader.Decoded first = decodeCopy(region, 0);
        PoolHeader.Decoded second = decodeCopy(region, 1);
        if (first instanceof PoolHeader.Decoded.NoMagic && second instanceof PoolHeader.Decoded.NoMagic) {
            throw new PersimmonException(ErrorCode.NOT_A_POOL, path + " is not a Persimmon pool"
                    + (region.remaining() < HeaderLayout.REGION_SIZE
                            ? " (it has " + region.remaining() + " bytes, less than a pool header)"
                            : " (no pool magic in either header copy)"));
        }
        PoolHeader a = first instanceof PoolHeader.Decoded.Valid v ? v.header() : null;
        PoolHeader b = second instanceof PoolHeader.Decoded.Valid v ? v.header() : null;
        // Every pool is published with both copies written: a copy without magic beside a valid one is damage.
        if (a != null && second instanceof PoolHeader.Decoded.NoMagic) {
            second = new PoolHeader.Decoded.Damaged("no magic");
        }
        if (b != null && first instanceof PoolHeader.Decoded.NoMagic) {
            first = new PoolHeader.Decoded.Damaged("no magic");
        }
        if (a == null && b == null) {
            throw new PersimmonException(ErrorCode.HEADER_CORRUPT, "pool " + path
                    + " is corrupt: both header copies are damaged (copy 0: " + describe(first)
                    + "; copy 1: " + describe(second) + ")");
        }
        HeaderChoice choice = (b == null || (a != null && a.sequence() > b.sequence()))
                ? new HeaderChoice(a, second)
                : new HeaderChoice(b, first);
        checkVersion(path, choice.header.version());
        return choice;
    }

    private static PoolHeader.Decoded decodeCopy(ByteBuffer region, int index) {
        int offset = HeaderLayout.copyOffset(index);
        if (region.remaining() < offset + HeaderLayout.COPY_SIZE) {
            return new PoolHeader.Decoded.NoMagic();
        }
        return PoolHeader.decode(region.slice(region.position() + offset, HeaderLayout.COPY_SIZE));
    }

    private static void checkVersion(Path path, FormatVersion version) {
        FormatVersion current = FormatVersion.CURRENT;
        if (version.major() > current.major()
                || (version.major() == current.major() && version.minor() > current.minor())) {
            throw new PersimmonException(ErrorCode.FORMAT_TOO_NEW, "pool " + path + " has format " + version
                    + ", newer than this engine's " + current + "; open it with a newer Persimmon (the file was not modified)");
        }
        if (version.compareTo(FormatVersion.OLDEST_READABLE) < 0) {
            throw new PersimmonException(ErrorCode.FORMAT_TOO_OLD, "pool " + path + " has format " + version
                    + ", older than the oldest this engine reads (" + FormatVersion.OLDEST_READABLE
                    + "); dump it with the Persimmon that wrote it (the file was not modified)");
        }
    }

    private static String describe(PoolHeader.Decoded decoded) {
        return switch (decoded) {
            case PoolHeader.Decoded.Valid v -> "valid";
            case PoolHeader.Decoded.Damaged d -> d.why();
            case PoolHeader.Decoded.NoMagic n -> "no magic";
        };
    }
}
