package io.persimmon.engine.pool;

import io.persimmon.engine.alloc.AllocatorLayout;
import io.persimmon.engine.alloc.BitmapDirectory;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.PoolLayouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import io.persimmon.engine.testkit.FormatDocument;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Freezes the pool format: the offsets of every persistent field, the format version, the root
 * slots, a directory block written by a real pool, and docs/format.md (its tables and its worked
 * example, which this test decodes and re-encodes).
 *
 * <p><b>When this test fails, the format changed: bump {@link FormatVersion#CURRENT} and update
 * docs/format.md</b> (then this test's expectations, together, in the same change).
 */
class LayoutFreezeTest {

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ constants

    @Test
    void shouldKeepTheHeaderLayout() {
        assertEquals(4096, HeaderLayout.REGION_SIZE);
        assertEquals(2048, HeaderLayout.COPY_STRIDE);
        assertEquals(256, HeaderLayout.COPY_SIZE);
        assertEquals(0x4E4D4D4953524550L, HeaderLayout.MAGIC);
        assertEquals("PERSIMMN", ascii(HeaderLayout.MAGIC));
        assertEquals(0, HeaderLayout.MAGIC_OFFSET);
        assertEquals(8, HeaderLayout.MAJOR_OFFSET);
        assertEquals(10, HeaderLayout.MINOR_OFFSET);
        assertEquals(12, HeaderLayout.PAGE_SIZE_OFFSET);
        assertEquals(16, HeaderLayout.UUID_MSB_OFFSET);
        assertEquals(24, HeaderLayout.UUID_LSB_OFFSET);
        assertEquals(32, HeaderLayout.CREATED_OFFSET);
        assertEquals(40, HeaderLayout.SEQUENCE_OFFSET);
        assertEquals(48, HeaderLayout.FLAGS_OFFSET);
        assertEquals(56, HeaderLayout.ROOT_COUNT_OFFSET);
        assertEquals(64, HeaderLayout.ROOTS_OFFSET);
        assertEquals(252, HeaderLayout.CRC_OFFSET);
        assertEquals(0, HeaderLayout.copyOffset(0));
        assertEquals(2048, HeaderLayout.copyOffset(1));
        assertEquals(64, HeaderLayout.rootOffset(RootSlot.ALLOCATOR));
        assertEquals(184, HeaderLayout.rootOffset(RootSlot.TEST));
    }

    @Test
    void shouldKeepTheAllocatorLayout() {
        assertEquals(64, AllocatorLayout.LINE);
        assertEquals(65536, AllocatorLayout.CHUNK);
        assertEquals(1024, AllocatorLayout.LINES_PER_CHUNK);
        assertEquals(16, AllocatorLayout.WORDS_PER_CHUNK);
        assertEquals(4096, AllocatorLayout.BITMAP_PAGE);
        assertEquals(512, AllocatorLayout.WORDS_PER_BITMAP_PAGE);
        assertEquals(2L << 20, AllocatorLayout.BYTES_PER_BITMAP_PAGE);
        assertEquals(0x524944434F4C4C41L, AllocatorLayout.DIRECTORY_MAGIC);
        assertEquals("ALLOCDIR", ascii(AllocatorLayout.DIRECTORY_MAGIC));
        assertEquals(0, AllocatorLayout.DIR_MAGIC_OFFSET);
        assertEquals(8, AllocatorLayout.DIR_COVERED_BYTES_OFFSET);
        assertEquals(16, AllocatorLayout.DIR_SEQUENCE_OFFSET);
        assertEquals(24, AllocatorLayout.DIR_PAGE_COUNT_OFFSET);
        assertEquals(28, AllocatorLayout.DIR_CRC_OFFSET);
        assertEquals(64, AllocatorLayout.DIR_ENTRIES_OFFSET);
        assertEquals(16, AllocatorLayout.DIR_ENTRY_SIZE);
        assertEquals(0, AllocatorLayout.ENTRY_PAGE_OFFSET);
        assertEquals(8, AllocatorLayout.ENTRY_CRC_OFFSET);
        assertEquals(80, AllocatorLayout.directorySize(1));
        assertEquals(64 + 16 * 3, AllocatorLayout.directorySize(3));
        assertEquals(1, AllocatorLayout.bitmapPages(1 << 20));
        assertEquals(1, AllocatorLayout.bitmapPages(2 << 20));
        assertEquals(2, AllocatorLayout.bitmapPages((2 << 20) + AllocatorLayout.CHUNK));
        assertEquals(32768, AllocatorLayout.bitmapPages(64L << 30));
    }

    @Test
    void shouldKeepTheFormatVersionAndTheRootSlots() {
        assertEquals(new FormatVersion(2, 2), FormatVersion.CURRENT);
        assertEquals(new FormatVersion(2, 1), FormatVersion.OLDEST_READABLE);
        assertEquals(16, RootSlot.COUNT);
        assertEquals(16, RootSlot.values().length);
        assertEquals(0, RootSlot.ALLOCATOR.index());
        assertEquals(1, RootSlot.CATALOG.index());
        assertEquals(2, RootSlot.LOG.index());
        assertEquals(15, RootSlot.TEST.index());
        for (RootSlot slot : RootSlot.values()) {
            assertEquals(slot.ordinal(), slot.index(), slot::name);
            if (slot.name().startsWith("SPARE_")) {
                assertEquals(slot.index(), Integer.parseInt(slot.name().substring(6)), slot::name);
            }
        }
    }

    // ------------------------------------------------------------------ docs/format.md

    @Test
    void shouldDecodeTheWorkedExampleOfTheFormatDocument() throws IOException {
        byte[] dump = workedExample();
        assertEquals(HeaderLayout.COPY_SIZE, dump.length);
        PoolHeader.Decoded decoded = PoolHeader.decode(ByteBuffer.wrap(dump));
        PoolHeader header = assertInstanceOf(PoolHeader.Decoded.Valid.class, decoded).header();
        assertEquals(new FormatVersion(2, 1), header.version());
        assertEquals(4096, header.pageSize());
        assertEquals(UUID.fromString("01234567-89ab-cdef-fedc-ba9876543210"), header.uuid());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli(), header.createdMillis());
        assertEquals(1735689600000L, header.createdMillis());
        assertEquals(7, header.sequence());
        assertEquals(1, header.copyIndex(), "an odd sequence lives in copy 1");
        long[] roots = new long[RootSlot.COUNT];
        roots[RootSlot.ALLOCATOR.index()] = 0x10000;
        roots[RootSlot.TEST.index()] = 0x20040;
        assertArrayEquals(roots, header.roots());
        assertEquals(0xB19AFF44, ByteBuffer.wrap(dump).order(ByteOrder.LITTLE_ENDIAN).getInt(HeaderLayout.CRC_OFFSET));
    }

    @Test
    void shouldEncodeTheWorkedExampleByteForByte() throws IOException {
        long[] roots = new long[RootSlot.COUNT];
        roots[RootSlot.ALLOCATOR.index()] = 0x10000;
        roots[RootSlot.TEST.index()] = 0x20040;
        PoolHeader header = new PoolHeader(new FormatVersion(2, 1), 4096,
                UUID.fromString("01234567-89ab-cdef-fedc-ba9876543210"), 1735689600000L, 7, roots);
        ByteBuffer encoded = header.encode();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        byte[] dump = workedExample();
        assertArrayEquals(dump, bytes, () -> "encode() gives\n" + HexFormat.ofDelimiter(" ").formatHex(bytes)
                + "\nbut docs/format.md shows\n" + HexFormat.ofDelimiter(" ").formatHex(dump));
    }

    @Test
    void shouldDocumentTheHeaderFieldsAtTheirOffsets() throws IOException {
        List<long[]> expected = List.of(
                new long[] {HeaderLayout.MAGIC_OFFSET, 8}, new long[] {HeaderLayout.MAJOR_OFFSET, 2},
                new long[] {HeaderLayout.MINOR_OFFSET, 2}, new long[] {HeaderLayout.PAGE_SIZE_OFFSET, 4},
                new long[] {HeaderLayout.UUID_MSB_OFFSET, 8}, new long[] {HeaderLayout.UUID_LSB_OFFSET, 8},
                new long[] {HeaderLayout.CREATED_OFFSET, 8}, new long[] {HeaderLayout.SEQUENCE_OFFSET, 8},
                new long[] {HeaderLayout.FLAGS_OFFSET, 8}, new long[] {HeaderLayout.ROOT_COUNT_OFFSET, 4},
                new long[] {HeaderLayout.ROOT_COUNT_OFFSET + 4, 4},
                new long[] {HeaderLayout.ROOTS_OFFSET, 8L * RootSlot.COUNT},
                new long[] {HeaderLayout.ROOTS_OFFSET + 8L * RootSlot.COUNT, 60},
                new long[] {HeaderLayout.CRC_OFFSET, 4});
        List<long[]> documented = offsetSizeRows("## Header copy");
        assertRows(expected, documented);
        assertContiguous(documented, HeaderLayout.COPY_SIZE);
    }

    @Test
    void shouldDocumentTheRootSlots() throws IOException {
        Map<Integer, String> documented = new LinkedHashMap<>();
        for (List<String> row : tableRows(section("## Header copy"), 1)) {
            if (row.get(0).matches("\\d+")) {
                documented.put(Integer.parseInt(row.get(0)), row.get(1));
            }
        }
        Map<Integer, String> named = new LinkedHashMap<>();
        for (RootSlot slot : RootSlot.values()) {
            if (!slot.name().startsWith("SPARE_")) {
                named.put(slot.index(), slot.name());
            }
        }
        assertEquals(named, documented);
    }

    @Test
    void shouldDocumentTheAllocatorDirectoryAtItsOffsets() throws IOException {
        List<long[]> directory = offsetSizeRows("## Allocator directory");
        assertRows(List.of(
                new long[] {AllocatorLayout.DIR_MAGIC_OFFSET, 8}, new long[] {AllocatorLayout.DIR_COVERED_BYTES_OFFSET, 8},
                new long[] {AllocatorLayout.DIR_SEQUENCE_OFFSET, 8}, new long[] {AllocatorLayout.DIR_PAGE_COUNT_OFFSET, 4},
                new long[] {AllocatorLayout.DIR_CRC_OFFSET, 4}, new long[] {AllocatorLayout.DIR_CRC_OFFSET + 4, 32},
                new long[] {AllocatorLayout.DIR_ENTRIES_OFFSET, AllocatorLayout.DIR_ENTRY_SIZE}), directory);
        assertContiguous(directory, AllocatorLayout.directorySize(1));

        List<long[]> entry = offsetSizeRows("### Directory entry");
        assertRows(List.of(new long[] {AllocatorLayout.ENTRY_PAGE_OFFSET, 8}, new long[] {AllocatorLayout.ENTRY_CRC_OFFSET, 4},
                new long[] {AllocatorLayout.ENTRY_CRC_OFFSET + 4, 4}), entry);
        assertContiguous(entry, AllocatorLayout.DIR_ENTRY_SIZE);
    }

    // ------------------------------------------------------------------ a real pool

    @Test
    void shouldWriteTheGoldenDirectoryBlock() {
        Path file = dir.resolve("golden.pool");
        PoolOptions options = PoolOptions.defaults().withMode(PersistenceMode.PROCESS).withInitialSize(1 << 20);
        Pool.open(file, options).close();
        try (Pool pool = Pool.open(file, options.withCreate(false))) {
            long[][] blocks = {
                    {pool.allocator().allocate(64), 64},
                    {pool.allocator().allocate(256), 256},
                    {pool.allocator().allocate(4096), 4096},
                    {pool.allocator().allocate(200), 200}};
            PoolHeader header = pool.checkpoint(Map.of(RootSlot.TEST, blocks[0][0]));
            assertEquals(2, header.sequence());
            MemorySegment segment = pool.segment();

            // The header copy in the pool is exactly encode() of the header, at its copy.
            byte[] copy = segment.asSlice(HeaderLayout.copyOffset(header.copyIndex()), HeaderLayout.COPY_SIZE)
                    .toArray(PoolLayouts.BYTE);
            assertArrayEquals(header.encode().array(), copy);

            long directoryOffset = header.root(RootSlot.ALLOCATOR);
            assertEquals(0, directoryOffset % 64);
            byte[] actual = segment.asSlice(directoryOffset, 80).toArray(PoolLayouts.BYTE);
            ByteBuffer actualView = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
            long pageOffset = actualView.getLong(64);
            assertTrue(pageOffset > 0 && pageOffset % 64 == 0 && pageOffset + 4096 <= pool.size(), "page at " + pageOffset);
            byte[] page = segment.asSlice(pageOffset, 4096).toArray(PoolLayouts.BYTE);

            // The bitmap page: bit b of word w is line 64 w + b; set for the header and the blocks only.
            long[] words = new long[512];
            setLines(words, 0, 4096);
            for (long[] block : blocks) {
                setLines(words, block[0], block[1]);
            }
            ByteBuffer expectedPage = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            for (long word : words) {
                expectedPage.putLong(word);
            }
            assertArrayEquals(expectedPage.array(), page, "bitmap page at " + pageOffset);

            // The directory block, written out by hand from docs/format.md.
            ByteBuffer expected = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
            expected.put("ALLOCDIR".getBytes(StandardCharsets.US_ASCII));  //  0: magic
            expected.putLong(1 << 20);                                     //  8: covered bytes
            expected.putLong(2);                                           // 16: sequence
            expected.putInt(1);                                            // 24: pages
            expected.putInt(0);                                            // 28: CRC, below
            expected.put(new byte[32]);                                    // 32: reserved
            expected.putLong(pageOffset);                                  // 64: entry 0: page
            expected.putInt(crc32c(page));                                 // 72: entry 0: its CRC
            expected.putInt(0);                                            // 76: entry 0: reserved
            CRC32C crc = new CRC32C();
            crc.update(expected.array(), 0, 28);
            crc.update(expected.array(), 64, 16);
            expected.putInt(28, (int) crc.getValue());
            assertArrayEquals(expected.array(), actual, () -> "directory at " + directoryOffset + ":\n"
                    + HexFormat.ofDelimiter(" ").formatHex(actual));

            BitmapDirectory read = BitmapDirectory.read(segment, directoryOffset);
            assertEquals(directoryOffset, read.offset());
            assertEquals(1 << 20, read.coveredBytes());
            assertEquals(2, read.sequence());
            assertArrayEquals(new long[] {pageOffset}, read.pageOffsets());
            assertArrayEquals(new int[] {crc32c(page)}, read.pageCrcs());
            assertEquals(80, read.size());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String ascii(long littleEndian) {
        byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(littleEndian).array();
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static void setLines(long[] words, long offset, long bytes) {
        for (long line = offset / 64; line < (offset + bytes + 63) / 64; line++) {
            words[(int) (line / 64)] |= 1L << (line % 64);
        }
    }

    private static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** Lines from {@code heading} (exactly) to the next heading. */
    private static List<String> section(String heading) throws IOException {
        return FormatDocument.section(heading);
    }

    /** The cells of the rows of the {@code n}-th table (from 0) of a section, header rows dropped. */
    private static List<List<String>> tableRows(List<String> section, int n) {
        List<List<List<String>>> tables = new ArrayList<>();
        List<List<String>> current = null;
        for (String line : section) {
            if (!line.startsWith("|")) {
                current = null;
                continue;
            }
            if (current == null) {
                current = new ArrayList<>();
                tables.add(current);
            }
            String[] cells = line.split("\\|");
            current.add(Arrays.stream(cells).skip(1).map(String::trim).toList());
        }
        assertTrue(tables.size() > n, "table " + n + " missing");
        return tables.get(n).subList(2, tables.get(n).size());
    }

    /** The (offset, size) of every row of the first table of a section. */
    private static List<long[]> offsetSizeRows(String heading) throws IOException {
        List<long[]> rows = new ArrayList<>();
        Pattern number = Pattern.compile("(\\d+).*");
        for (List<String> row : tableRows(section(heading), 0)) {
            Matcher offset = number.matcher(row.get(0));
            Matcher size = number.matcher(row.get(1));
            assertTrue(offset.matches() && size.matches(), "row " + row + " under " + heading);
            rows.add(new long[] {Long.parseLong(offset.group(1)), Long.parseLong(size.group(1))});
        }
        return rows;
    }

    private static void assertRows(List<long[]> expected, List<long[]> documented) {
        assertEquals(expected.stream().map(Arrays::toString).toList(), documented.stream().map(Arrays::toString).toList());
    }

    /** Every field starts where the previous one ends, and the last ends at {@code size}. */
    private static void assertContiguous(List<long[]> rows, long size) {
        long next = 0;
        for (long[] row : rows) {
            assertEquals(next, row[0], () -> "a gap or overlap before offset " + row[0]);
            next = row[0] + row[1];
        }
        assertEquals(size, next);
    }

    /** The xxd dump of the worked example of docs/format.md, decoded (the ASCII column checked too). */
    private static byte[] workedExample() throws IOException {
        return FormatDocument.xxdDump("## Worked example: one header copy", FormatDocument.FULL_XXD_LINE);
    }
}
