package io.persimmon.engine.catalog;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pool.Pool;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The catalog as of a checkpoint: one block, written whole by each checkpoint into a fresh
 * allocation and named by the header's CATALOG root (the previous block is freed, A3).
 *
 * <pre>
 * offset size  field
 *      0    8  magic "CATALOG1"
 *      8    8  body length n
 *     16    4  CRC32C of the body
 *     20    4  reserved (0)
 *     24    n  body (big-endian): next object id (8); table count (4), per table: id (8),
 *              definition (CatalogCodec), primary tree root (8), row count (8), slot page count (4),
 *              slot page offsets (8 each); index count (4), per index: id (8), table id (8),
 *              definition (CatalogCodec), tree root (8), ready (1)
 * </pre>
 */
public final class CatalogBlock {
    public static final long MAGIC = 0x31474F4C41544143L; // "CATALOG1" read as a little-endian long
    public static final int BODY_OFFSET = 24;

    /** A table as the block records it. */
    public record TableEntry(long id, TableDefinition definition, long root, long rowCount, List<Long> slotPages) {}

    /** An index as the block records it; {@code ready} false while it is being built. */
    public record IndexEntry(long id, long tableId, IndexDefinition definition, long root, boolean ready) {}

    /** The whole catalog. */
    public record Image(long nextId, List<TableEntry> tables, List<IndexEntry> indexes) {
        public static final Image EMPTY = new Image(1, List.of(), List.of());
    }

    private CatalogBlock() {}

    /** Writes {@code image} into a new block, flushed (the checkpoint fences it, H1); returns its offset. */
    public static long write(Pool pool, Image image) {
        byte[] body = CatalogCodec.bytes(new ImageWriter(image));
        long size = BODY_OFFSET + body.length;
        long block = pool.allocator().allocate(size);
        MemorySegment s = pool.segment();
        s.set(PoolLayouts.LONG, block, MAGIC);
        s.set(PoolLayouts.LONG, block + 8, body.length);
        s.set(PoolLayouts.INT, block + 16, crc(body));
        s.set(PoolLayouts.INT, block + 20, 0);
        MemorySegment.copy(MemorySegment.ofArray(body), 0, s, block + BODY_OFFSET, body.length);
        pool.persistence().flush(block, size);
        return block;
    }

    /** Bytes the block at {@code block} occupies. */
    public static long size(MemorySegment s, long block) {
        return BODY_OFFSET + bodyLength(s, block);
    }

    /** The catalog in the block at {@code block} (0: the empty catalog of a new database). */
    public static Image read(MemorySegment s, long block) {
        if (block == 0) {
            return Image.EMPTY;
        }
        long length = bodyLength(s, block);
        byte[] body = new byte[(int) length];
        MemorySegment.copy(s, PoolLayouts.BYTE, block + BODY_OFFSET, body, 0, body.length);
        if (crc(body) != s.get(PoolLayouts.INT, block + 16)) {
            throw PersimmonException.corrupt(block, "the catalog block fails its checksum");
        }
        return CatalogCodec.read(body, IMAGE_READER);
    }

    // Named classes, not lambdas: the catalog is read and written by every open (its opening
    // checkpoint), first thing in a JVM, where each lambda's first use costs a bootstrap.

    /** Writes an {@link Image}. */
    private record ImageWriter(Image image) implements CatalogCodec.IoWriter {
        @Override
        public void write(java.io.DataOutputStream out) throws java.io.IOException {
            out.writeLong(image.nextId());
            out.writeInt(image.tables().size());
            for (TableEntry t : image.tables()) {
                out.writeLong(t.id());
                CatalogCodec.writeTable(out, t.definition());
                out.writeLong(t.root());
                out.writeLong(t.rowCount());
                out.writeInt(t.slotPages().size());
                for (long page : t.slotPages()) {
                    out.writeLong(page);
                }
            }
            out.writeInt(image.indexes().size());
            for (IndexEntry i : image.indexes()) {
                out.writeLong(i.id());
                out.writeLong(i.tableId());
                CatalogCodec.writeIndex(out, i.definition());
                out.writeLong(i.root());
                out.writeBoolean(i.ready());
            }
        }
    }

    private static final CatalogCodec.IoReader<Image> IMAGE_READER = new CatalogCodec.IoReader<>() {
        @Override
        public Image read(java.io.DataInputStream in) throws java.io.IOException {
            long nextId = in.readLong();
            int tables = in.readInt();
            List<TableEntry> ts = new ArrayList<>();
            for (int i = 0; i < tables; i++) {
                long id = in.readLong();
                TableDefinition def = CatalogCodec.readTable(in);
                long root = in.readLong();
                long rows = in.readLong();
                int pages = in.readInt();
                ts.add(new TableEntry(id, def, root, rows, readOffsets(in, pages)));
            }
            int indexes = in.readInt();
            List<IndexEntry> is = new ArrayList<>();
            for (int i = 0; i < indexes; i++) {
                is.add(new IndexEntry(in.readLong(), in.readLong(), CatalogCodec.readIndex(in), in.readLong(),
                        in.readBoolean()));
            }
            return new Image(nextId, ts, is);
        }
    };

    /**
     * {@code count} big-endian offsets, decoded in one bulk copy into a list that boxes an offset
     * only when it is read: a table of millions of rows has thousands of slot pages, and a long
     * read and boxed at a time cost a cold JVM's open tens of milliseconds at 1 GB.
     */
    private static List<Long> readOffsets(java.io.DataInputStream in, int count) throws java.io.IOException {
        if (count < 0) {
            throw new java.io.IOException("negative slot page count " + count);
        }
        byte[] bytes = new byte[Math.multiplyExact(count, Long.BYTES)];
        in.readFully(bytes);
        long[] offsets = new long[count];
        java.nio.ByteBuffer.wrap(bytes).asLongBuffer().get(offsets); // big-endian, as written
        return new Offsets(offsets);
    }

    /** An unmodifiable list over a {@code long[]}. */
    private static final class Offsets extends java.util.AbstractList<Long> implements java.util.RandomAccess {
        private final long[] values;

        Offsets(long[] values) {
            this.values = values;
        }

        @Override
        public Long get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }
    }

    private static long bodyLength(MemorySegment s, long block) {
        if (block < 0 || block + BODY_OFFSET > s.byteSize() || s.get(PoolLayouts.LONG, block) != MAGIC) {
            throw PersimmonException.corrupt(block, "the CATALOG root names no catalog block");
        }
        long length = s.get(PoolLayouts.LONG, block + 8);
        if (length < 0 || length > Integer.MAX_VALUE - 8 || block + BODY_OFFSET + length > s.byteSize()) {
            throw PersimmonException.corrupt(block, "the catalog block claims " + length + " bytes");
        }
        return length;
    }

    private static int crc(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return (int) crc.getValue();
    }

    /** The block itself, for {@code check} (the structures it names have owners of their own). */
    public static BlockOwner owner() {
        return new BlockOwner() {
            @Override
            public String name() {
                return "catalog";
            }

            @Override
            public void forEachBlock(MemorySegment pool, long[] roots, BlockVisitor visitor) {
                long block = roots[io.persimmon.engine.pool.RootSlot.CATALOG.index()];
                if (block != 0) {
                    visitor.block(block, size(pool, block), "catalog block");
                }
            }
        };
    }
}
