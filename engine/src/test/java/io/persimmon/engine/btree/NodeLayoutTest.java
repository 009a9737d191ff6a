package io.persimmon.engine.btree;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import io.persimmon.engine.testkit.FormatDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Freezes the node format: the offsets of {@link NodeLayout}, the table of docs/format.md
 * ("B+tree node"), and its worked example, which a leaf must encode to byte for byte and which
 * {@link Node} must read back. <b>When this test fails, the format changed</b>: bump the pool's
 * format version and update docs/format.md with it.
 */
class NodeLayoutTest {

    @Test
    void shouldKeepTheNodeLayout() {
        assertEquals(16, NodeLayout.HEADER);
        assertEquals(0, NodeLayout.MAGIC_OFFSET);
        assertEquals(3, NodeLayout.KIND_OFFSET);
        assertEquals(4, NodeLayout.LEVEL_OFFSET);
        assertEquals(5, NodeLayout.RESERVED_OFFSET);
        assertEquals(6, NodeLayout.COUNT_OFFSET);
        assertEquals(8, NodeLayout.USED_OFFSET);
        assertEquals(12, NodeLayout.CRC_OFFSET);
        assertEquals(16, NodeLayout.POINTERS_OFFSET);
        assertEquals(8, NodeLayout.POINTER_SIZE);
        assertEquals(2, NodeLayout.KEY_END_SIZE);
        assertEquals("PBTL", ascii(NodeLayout.LEAF_MAGIC));
        assertEquals("PBTB", ascii(NodeLayout.BRANCH_MAGIC));
        assertEquals('L', NodeLayout.KIND_LEAF);
        assertEquals('B', NodeLayout.KIND_BRANCH);
        assertEquals(112, NodeLayout.maxKeyLength(512));
        assertEquals(1008, NodeLayout.maxKeyLength(4096));
        assertEquals(16368, NodeLayout.maxKeyLength(65536));
        assertEquals(128, NodeLayout.minUsed(512));
        assertEquals(16 + 8 * 3 + 2 * 3 + 11, NodeLayout.used(true, 3, 11));
        assertEquals(16 + 8 * 4 + 2 * 3 + 11, NodeLayout.used(false, 3, 11));
        // Any four entries of the longest keys fit beside a branch's header and extra child.
        for (int page = 512; page <= 65536; page += 256) {
            int max = NodeLayout.maxKeyLength(page);
            assertTrue(NodeLayout.used(false, 4, 4 * max) <= page, "page " + page);
        }
        // Key ends are 2 bytes: the key bytes of the largest page fit.
        assertTrue(65536 - NodeLayout.HEADER <= 0xFFFF);
    }

    @Test
    void shouldDocumentTheNodeFieldsAtTheirOffsets() throws IOException {
        List<List<String>> rows = table(section("## B+tree node"));
        List<String> fixed = new ArrayList<>();
        for (List<String> row : rows.subList(0, 7)) {
            fixed.add(row.get(0) + "+" + row.get(1));
        }
        assertEquals(List.of(NodeLayout.MAGIC_OFFSET + "+3", NodeLayout.KIND_OFFSET + "+1", NodeLayout.LEVEL_OFFSET + "+1",
                NodeLayout.RESERVED_OFFSET + "+1", NodeLayout.COUNT_OFFSET + "+2", NodeLayout.USED_OFFSET + "+4",
                NodeLayout.CRC_OFFSET + "+4"), fixed);
        assertEquals(List.of("16", "8 *m*"), rows.get(7).subList(0, 2));
        assertEquals(List.of("16 + 8 *m*", "2 *n*"), rows.get(8).subList(0, 2));
        assertEquals("K", rows.get(9).get(0));
        assertEquals(10, rows.size());
    }

    @Test
    void shouldEncodeTheWorkedExampleByteForByte() throws IOException {
        byte[] documented = workedExample();
        byte[] encoded = exampleLeaf();
        assertArrayEquals(documented, encoded, () -> "the leaf encodes to\n" + HexFormat.ofDelimiter(" ").formatHex(encoded)
                + "\nbut docs/format.md shows\n" + HexFormat.ofDelimiter(" ").formatHex(documented));
        ByteBuffer view = ByteBuffer.wrap(documented).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(57, view.getInt(NodeLayout.USED_OFFSET));
        assertEquals(0x1BB74C7C, view.getInt(NodeLayout.CRC_OFFSET));
    }

    @Test
    void shouldDecodeTheWorkedExample() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pool = poolWithWorkedExample(arena);
            Node leaf = Node.read(pool, 512, 512).verifyChecksum();
            assertTrue(leaf.isLeaf());
            assertEquals(0, leaf.level());
            assertEquals(3, leaf.count());
            assertEquals(57, leaf.used());
            assertEquals("fig", new String(leaf.key(0), StandardCharsets.US_ASCII));
            assertEquals("kiwi", new String(leaf.key(1), StandardCharsets.US_ASCII));
            assertEquals("plum", new String(leaf.key(2), StandardCharsets.US_ASCII));
            assertArrayEquals(new long[] {0x40, 0x80, 0x1000}, new long[] {leaf.value(0), leaf.value(1), leaf.value(2)});
            byte[] kiwi = "kiwi".getBytes(StandardCharsets.US_ASCII);
            assertEquals(1, leaf.search(kiwi, 4));
            assertEquals(-2, leaf.search(kiwi, 3), "'kiw' sorts before 'kiwi' and after 'fig'");
        }
    }

    @Test
    void shouldCopyTheWorkedExampleForABatchAndRefuseAKeyEndOutsideTheNode() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pool = poolWithWorkedExample(arena);
            MutableNode copy = MutableNode.copyOf(Node.read(pool, 512, 512));
            assertEquals(3, copy.count);
            assertEquals(512, copy.origin);
            assertEquals("fig kiwi plum", new String(copy.keys[0], StandardCharsets.US_ASCII) + " "
                    + new String(copy.keys[1], StandardCharsets.US_ASCII) + " " + new String(copy.keys[2], StandardCharsets.US_ASCII));
            assertArrayEquals(new long[] {0x40, 0x80, 0x1000}, Arrays.copyOf(copy.values, 3));
            assertEquals(57, copy.used());
            // Key 1's end past the node's used bytes (the last key's end, which Node.read checks, is intact).
            long keyEnd1 = 512 + NodeLayout.keyEndsOffset(true, 3) + NodeLayout.KEY_END_SIZE;
            pool.set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), keyEnd1, (short) 200);
            PersimmonException e = assertThrows(PersimmonException.class, () -> MutableNode.copyOf(Node.read(pool, 512, 512)));
            assertEquals(ErrorCode.CORRUPT, e.code());
            assertTrue(e.getMessage().contains("key 1 spans [3, 200)"), e.getMessage());
        }
    }

    static byte[] exampleLeaf() {
        byte[][] keys = {"fig".getBytes(StandardCharsets.US_ASCII), "kiwi".getBytes(StandardCharsets.US_ASCII),
                "plum".getBytes(StandardCharsets.US_ASCII)};
        MutableNode leaf = MutableNode.of(true, 0, keys, new long[] {0x40, 0x80, 0x1000});
        byte[] buffer = new byte[512];
        return Arrays.copyOf(buffer, leaf.encode(buffer));
    }

    private static String ascii(int littleEndian) {
        byte[] bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(littleEndian).array();
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** Lines from {@code heading} (exactly) to the next heading. */
    private static List<String> section(String heading) throws IOException {
        return FormatDocument.section(heading);
    }

    /** The cells of the first table of a section (outside code blocks), header rows dropped. */
    private static List<List<String>> table(List<String> section) {
        List<List<String>> rows = new ArrayList<>();
        boolean inCode = false;
        for (String line : section) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode && line.startsWith("|")) {
                rows.add(Arrays.stream(line.split("\\|")).skip(1).map(String::trim).toList());
            } else if (!rows.isEmpty()) {
                break;
            }
        }
        assertTrue(rows.size() > 2, "no table");
        return rows.subList(2, rows.size());
    }

    /** The xxd dump of the worked example, decoded (its ASCII column checked too). */
    /** A 1 KiB pool holding the worked example's leaf at offset 512 (a 512-byte page). */
    private static MemorySegment poolWithWorkedExample(Arena arena) throws IOException {
        byte[] documented = workedExample();
        MemorySegment pool = arena.allocate(1024, 64);
        MemorySegment.copy(documented, 0, pool, java.lang.foreign.ValueLayout.JAVA_BYTE, 512, documented.length);
        return pool;
    }

    private static byte[] workedExample() throws IOException {
        return FormatDocument.xxdDump("### Worked example: one leaf", FormatDocument.XXD_LINE);
    }
}
