package io.persimmon.engine.pool;

import io.persimmon.engine.pmem.PoolLayouts;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * One header copy, decoded (see {@link HeaderLayout} for the bytes). Immutable: a checkpoint makes
 * a new one with {@link #next}.
 */
public record PoolHeader(FormatVersion version, int pageSize, UUID uuid, long createdMillis,
                         long sequence, long[] roots) {

    public PoolHeader {
        if (roots.length != RootSlot.COUNT) {
            throw new IllegalArgumentException("a header has " + RootSlot.COUNT + " root slots");
        }
        roots = roots.clone();
    }

    /** The header of a new pool: sequence 0, every root 0. */
    public static PoolHeader fresh(int pageSize, UUID uuid, long createdMillis) {
        return new PoolHeader(FormatVersion.CURRENT, pageSize, uuid, createdMillis, 0, new long[RootSlot.COUNT]);
    }

    /** The root in {@code slot}, or 0. */
    public long root(RootSlot slot) {
        return roots[slot.index()];
    }

    /**
     * The header of the next checkpoint: sequence + 1, with {@code newRoots} (same indexes as
     * RootSlot), in this engine's format: a pool of an older minor format that this engine writes
     * to may from then on hold what an engine of that format cannot read (a 2.1 engine, a 2.2
     * BODY operation in the log), which then refuses it as too new instead of as corrupt.
     */
    public PoolHeader next(long[] newRoots) {
        return new PoolHeader(FormatVersion.CURRENT, pageSize, uuid, createdMillis, sequence + 1, newRoots);
    }

    /** Copy index (0 or 1) this header is written to: the copies alternate with the sequence. */
    public int copyIndex() {
        return (int) (sequence & 1);
    }

    /** Writes this header into copy {@link #copyIndex()} of {@code pool} (not flushed). */
    public void writeTo(MemorySegment pool) {
        ByteBuffer bytes = encode();
        MemorySegment.copy(MemorySegment.ofBuffer(bytes), 0, pool, HeaderLayout.copyOffset(copyIndex()),
                HeaderLayout.COPY_SIZE);
    }

    /** The {@link HeaderLayout#COPY_SIZE} bytes of this header, checksum included. */
    public ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(HeaderLayout.COPY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(HeaderLayout.MAGIC_OFFSET, HeaderLayout.MAGIC);
        b.putShort(HeaderLayout.MAJOR_OFFSET, (short) version.major());
        b.putShort(HeaderLayout.MINOR_OFFSET, (short) version.minor());
        b.putInt(HeaderLayout.PAGE_SIZE_OFFSET, pageSize);
        b.putLong(HeaderLayout.UUID_MSB_OFFSET, uuid.getMostSignificantBits());
        b.putLong(HeaderLayout.UUID_LSB_OFFSET, uuid.getLeastSignificantBits());
        b.putLong(HeaderLayout.CREATED_OFFSET, createdMillis);
        b.putLong(HeaderLayout.SEQUENCE_OFFSET, sequence);
        b.putLong(HeaderLayout.FLAGS_OFFSET, 0);
        b.putInt(HeaderLayout.ROOT_COUNT_OFFSET, RootSlot.COUNT);
        for (int i = 0; i < RootSlot.COUNT; i++) {
            b.putLong(HeaderLayout.ROOTS_OFFSET + i * 8, roots[i]);
        }
        b.putInt(HeaderLayout.CRC_OFFSET, crc(b));
        return b;
    }

    /** What one copy holds: a header, or why not. */
    public sealed interface Decoded {
        /** A copy whose magic and checksum are right. */
        record Valid(PoolHeader header) implements Decoded {}
        /** A copy with the magic but a wrong checksum (torn or damaged). */
        record Damaged(String why) implements Decoded {}
        /** A copy without the magic. */
        record NoMagic() implements Decoded {}
    }

    /** Decodes the {@link HeaderLayout#COPY_SIZE} bytes of one copy. */
    public static Decoded decode(ByteBuffer copy) {
        ByteBuffer b = copy.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < HeaderLayout.COPY_SIZE) {
            return new Decoded.NoMagic();
        }
        b = b.slice(b.position(), HeaderLayout.COPY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getLong(HeaderLayout.MAGIC_OFFSET) != HeaderLayout.MAGIC) {
            return new Decoded.NoMagic();
        }
        int stored = b.getInt(HeaderLayout.CRC_OFFSET);
        int computed = crc(b);
        if (stored != computed) {
            return new Decoded.Damaged("checksum " + Integer.toHexString(stored) + " where the bytes give "
                    + Integer.toHexString(computed));
        }
        if (b.getInt(HeaderLayout.ROOT_COUNT_OFFSET) != RootSlot.COUNT) {
            return new Decoded.Damaged("root slot count " + b.getInt(HeaderLayout.ROOT_COUNT_OFFSET));
        }
        long[] roots = new long[RootSlot.COUNT];
        for (int i = 0; i < RootSlot.COUNT; i++) {
            roots[i] = b.getLong(HeaderLayout.ROOTS_OFFSET + i * 8);
        }
        FormatVersion version = new FormatVersion(Short.toUnsignedInt(b.getShort(HeaderLayout.MAJOR_OFFSET)),
                Short.toUnsignedInt(b.getShort(HeaderLayout.MINOR_OFFSET)));
        return new Decoded.Valid(new PoolHeader(version, b.getInt(HeaderLayout.PAGE_SIZE_OFFSET),
                new UUID(b.getLong(HeaderLayout.UUID_MSB_OFFSET), b.getLong(HeaderLayout.UUID_LSB_OFFSET)),
                b.getLong(HeaderLayout.CREATED_OFFSET), b.getLong(HeaderLayout.SEQUENCE_OFFSET), roots));
    }

    private static int crc(ByteBuffer b) {
        CRC32C crc = new CRC32C();
        crc.update(b.slice(0, HeaderLayout.CRC_OFFSET));
        return (int) crc.getValue();
    }

    /** Reads copy {@code index} from a mapped pool. */
    public static Decoded read(MemorySegment pool, int index) {
        byte[] bytes = pool.asSlice(HeaderLayout.copyOffset(index), HeaderLayout.COPY_SIZE)
                .toArray(PoolLayouts.BYTE);
        return decode(ByteBuffer.wrap(bytes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoolHeader h && version.equals(h.version) && pageSize == h.pageSize
                && uuid.equals(h.uuid) && createdMillis == h.createdMillis && sequence == h.sequence
                && Arrays.equals(roots, h.roots);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + uuid.hashCode();
    }

    @Override
    public String toString() {
        return "PoolHeader[version=" + version + ", pageSize=" + pageSize + ", uuid=" + uuid
                + ", sequence=" + sequence + ", roots=" + Arrays.toString(roots) + "]";
    }
}
