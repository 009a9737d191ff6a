package io.persimmon.engine.mvcc;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pmem.PoolLayouts;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static io.persimmon.engine.mvcc.VersionLayout.*;

/** Reading and writing version records and row slots. */
public final class Versions {
    private static final VarHandle SLOT = PoolLayouts.LONG.varHandle();

    private Versions() {}

    /**
     * The bytes of a version record (what the redo record carries and apply copies into its
     * block), in the chain of the slot at {@code slot}.
     */
    public static byte[] image(long timestamp, long previous, boolean tombstone, byte[] row, long slot) {
        byte[] image = new byte[size(tombstone || row == null ? 0 : row.length)];
        imageInto(image, 0, timestamp, previous, tombstone, row, slot);
        return image;
    }

    /**
     * {@link #image} written into {@code dest} from {@code at} on, {@link VersionLayout#size}
     * bytes (a commit's encoder writes it straight into its redo record's body).
     */
    public static void imageInto(byte[] dest, int at, long timestamp, long previous, boolean tombstone, byte[] row,
                                 long slot) {
        int length = tombstone || row == null ? 0 : row.length;
        ByteBuffer b = ByteBuffer.wrap(dest).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(at + TIMESTAMP_OFFSET, timestamp);
        b.putLong(at + PREVIOUS_OFFSET, previous);
        b.putInt(at + FLAGS_OFFSET, tombstone ? FLAG_TOMBSTONE : 0);
        b.putInt(at + LENGTH_OFFSET, length);
        b.putInt(at + OWNER_OFFSET, owner(slot));
        if (length > 0) {
            System.arraycopy(row, 0, dest, at + ROW_OFFSET, length);
        }
        b.putInt(at + CRC_OFFSET, checksum(dest, at, size(length)));
    }

    /** The CRC32C of a version with {@code length} row bytes, leaving out its previous-version word and its CRC field. */
    private static int checksum(MemorySegment segment, long version, int length) {
        // One copy to the heap and array updates: ByteBuffer views of the mapping cost more than the
        // CRC. The copy goes to a per-thread array: every read of a version checks it, and a fresh
        // array per check was the largest allocation of a TPC-C terminal.
        int total = ROW_OFFSET + length;
        byte[] bytes = SCRATCH.get();
        if (bytes.length < total) {
            bytes = new byte[total];
            if (total <= MAX_SCRATCH) {
                SCRATCH.set(bytes);
            }
        }
        MemorySegment.copy(segment, java.lang.foreign.ValueLayout.JAVA_BYTE, version, bytes, 0, total);
        return checksum(bytes, total);
    }

    /** The CRC32C of the version whose {@code total} bytes begin {@code bytes}. */
    private static int checksum(byte[] bytes, int total) {
        return checksum(bytes, 0, total);
    }

    /** The CRC32C of the version of {@code total} bytes at {@code bytes[at]}, as {@link VersionLayout} defines it. */
    private static int checksum(byte[] bytes, int at, int total) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, at, PREVIOUS_OFFSET);
        crc.update(bytes, at + FLAGS_OFFSET, CRC_OFFSET - FLAGS_OFFSET);
        crc.update(ZERO_CRC_FIELD, 0, ZERO_CRC_FIELD.length);
        crc.update(bytes, at + CRC_OFFSET + 4, total - CRC_OFFSET - 4);
        return (int) crc.getValue();
    }

    /** The largest scratch array a thread keeps; a longer version gets an array of its own. */
    private static final int MAX_SCRATCH = 64 * 1024;

    private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>() { // no lambda: recovery reads versions first thing
        @Override
        protected byte[] initialValue() {
            return new byte[1024];
        }
    };

    private static final byte[] ZERO_CRC_FIELD = new byte[4];

    /**
     * Throws CORRUPT (naming the offset) unless the version at {@code version} lies inside the pool
     * and matches its checksum: a damaged version is never read as a row.
     */
    public static void verify(MemorySegment pool, long version) {
        if (version <= 0 || version + ROW_OFFSET > pool.byteSize()) {
            throw PersimmonException.corrupt(version, "a version lies outside the pool");
        }
        int length = rowLength(pool, version);
        if (length < 0 || version + ROW_OFFSET + (long) length > pool.byteSize()) {
            throw PersimmonException.corrupt(version, "a version claims " + length + " row bytes");
        }
        if (pool.get(io.persimmon.engine.pmem.PoolLayouts.INT, version + CRC_OFFSET) != checksum(pool, version, length)) {
            throw PersimmonException.corrupt(version, "a version fails its checksum");
        }
    }

    /** The owner field of the versions in the chain of the slot at {@code slot} (slots are 8-byte words). */
    static int owner(long slot) {
        return (int) (slot >>> 3);
    }

    /**
     * Throws CORRUPT (naming the offset) unless the version at {@code version} lies inside the pool
     * and is one of the chain of the slot at {@code slot}: a damaged slot or previous-version word
     * (they carry no checksum) that names a valid version of another row is never followed.
     * The owner field is covered by the version's checksum, which the decoding reader checks.
     */
    public static void checkOwner(MemorySegment pool, long version, long slot) {
        if (version <= 0 || version + ROW_OFFSET > pool.byteSize() || version % 64 != 0) {
            throw PersimmonException.corrupt(version, "a version lies outside the pool or off its 64-byte alignment"
                    + " (reached from the slot at " + slot + ")");
        }
        if (pool.get(io.persimmon.engine.pmem.PoolLayouts.INT, version + OWNER_OFFSET) != owner(slot)) {
            throw PersimmonException.corrupt(version, "a version reached from the slot at " + slot
                    + " belongs to another slot's chain (a damaged slot or previous-version word)");
        }
    }

    /**
     * Whether the {@code length} bytes at {@code at} of {@code segment} are one whole version record
     * that passes its checksum: flags holding at most the tombstone bit, {@code length - 32} row
     * bytes. Reads only, at any alignment (the bytes may lie inside a redo record).
     */
    public static boolean isWhole(MemorySegment segment, long at, long length) {
        if (at < 0 || length < ROW_OFFSET || length > Integer.MAX_VALUE || at + length > segment.byteSize()) {
            return false;
        }
        int flags = segment.get(PoolLayouts.INT_UNALIGNED, at + FLAGS_OFFSET);
        int rowLength = segment.get(PoolLayouts.INT_UNALIGNED, at + LENGTH_OFFSET);
        if ((flags & ~FLAG_TOMBSTONE) != 0 || rowLength != length - ROW_OFFSET) {
            return false;
        }
        return segment.get(PoolLayouts.INT_UNALIGNED, at + CRC_OFFSET) == checksum(segment, at, rowLength);
    }

    /** The newest version a slot names, read with acquire semantics (pairs with {@link #publish}). */
    public static long newest(MemorySegment pool, long slot) {
        return (long) SLOT.getAcquire(pool, slot);
    }

    /** Swings a slot to a new newest version, with release semantics: its bytes are visible first. */
    public static void publish(MemorySegment pool, long slot, long version) {
        SLOT.setRelease(pool, slot, version);
    }

    public static long timestamp(MemorySegment pool, long version) {
        return pool.get(PoolLayouts.LONG, version + TIMESTAMP_OFFSET);
    }

    public static long previous(MemorySegment pool, long version) {
        return pool.get(PoolLayouts.LONG, version + PREVIOUS_OFFSET);
    }

    public static boolean isTombstone(MemorySegment pool, long version) {
        return (pool.get(PoolLayouts.INT, version + FLAGS_OFFSET) & FLAG_TOMBSTONE) != 0;
    }

    public static int rowLength(MemorySegment pool, long version) {
        return pool.get(PoolLayouts.INT, version + LENGTH_OFFSET);
    }

    /** Bytes the version's block occupies. */
    public static int blockSize(MemorySegment pool, long version) {
        return size(rowLength(pool, version));
    }

    /** The row bytes of a version. */
    public static byte[] row(MemorySegment pool, long version) {
        return pool.asSlice(version + ROW_OFFSET, rowLength(pool, version)).toArray(PoolLayouts.BYTE);
    }

    /**
     * The version of the row in {@code slot} that a snapshot at {@code snapshot} sees: the newest
     * with a timestamp at or before it; 0 when there is none or it is a tombstone. Every version
     * passed over, and a tombstone returned as 0, is checked against its checksum; the version
     * returned is not: the caller decodes it, which checks it ({@code Table.decode}).
     */
    public static long visible(MemorySegment pool, long slot, long snapshot) {
        long version = newest(pool, slot);
        long newer = Long.MAX_VALUE; // the timestamp of the version passed over last
        int steps = 0;
        while (version != 0) {
            checkOwner(pool, version, slot); // a damaged word naming another row's version is CORRUPT
            // The previous-version word is outside the checksum (GC rewrites it): a damaged one
            // can name another version, but timestamps must strictly decrease along a chain.
            long ts = timestamp(pool, version);
            if (ts >= newer) {
                throw PersimmonException.corrupt(version, "a version is not older than the version naming it");
            }
            if (ts <= snapshot && !isTombstone(pool, version)) {
                return version; // the caller decodes it, which verifies its checksum
            }
            // This version decides the answer without being decoded: a damaged timestamp or
            // tombstone flag would hide the row, or show an older one, without an error. So it is
            // checked here (a skipped version is rare: only when a snapshot predates the newest).
            verify(pool, version);
            if (ts <= snapshot) {
                return 0; // a tombstone
            }
            newer = ts;
            version = previous(pool, version);
            if (++steps > 1_000_000) {
                throw PersimmonException.corrupt(slot, "the version chain of this slot does not end");
            }
        }
        return 0;
    }
}
