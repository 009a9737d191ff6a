package io.persimmon.engine.txn;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What {@link RedoWriter} encodes, {@link RedoVisitor#read} decodes, and a damaged body is CORRUPT. */
class RedoVisitorTest {
    /** One operation of each kind, with values whose bytes differ (a field read at the wrong place shows). */
    private static RedoWriter everyOperation() {
        return new RedoWriter()
                .alloc(0x0102030405060708L, 96)
                .write(4096, new byte[] {1, 2, 3, (byte) 0xFF, 5})
                .set8(8192, -2L)
                .treePut(7, new byte[] {(byte) 0x80, 0, 1}, 0x1122334455667788L)
                .treeDelete(9, new byte[] {42})
                .logical(3, new byte[] {9, 8, 7, 6})
                .zero(12_288, 640)
                .free(16_384, 128)
                .write(20_480, new byte[0]);
    }

    private static final List<String> EVERY_OPERATION = List.of(
            "alloc 72623859790382856 96", "write 4096 010203ff05", "set8 8192 -2",
            "treePut 7 800001 1234605616436508552", "treeDelete 9 2a", "logical 3 09080706",
            "zero 12288 640", "free 16384 128", "write 20480 ");

    /** Records each call as text; a WRITE's bytes are taken from the array at the given place. */
    private static final class Recorder implements RedoVisitor {
        final List<String> calls = new ArrayList<>();
        private final HexFormat hex = HexFormat.of();

        @Override
        public void alloc(long offset, long size) {
            calls.add("alloc " + offset + " " + size);
        }

        @Override
        public void free(long offset, long size) {
            calls.add("free " + offset + " " + size);
        }

        @Override
        public void write(long offset, byte[] source, int from, int length) {
            calls.add("write " + offset + " " + hex.formatHex(source, from, from + length));
        }

        @Override
        public void set8(long offset, long value) {
            calls.add("set8 " + offset + " " + value);
        }

        @Override
        public void treePut(long tree, byte[] key, long value) {
            calls.add("treePut " + tree + " " + hex.formatHex(key) + " " + value);
        }

        @Override
        public void treeDelete(long tree, byte[] key) {
            calls.add("treeDelete " + tree + " " + hex.formatHex(key));
        }

        @Override
        public void logical(int kind, byte[] payload) {
            calls.add("logical " + kind + " " + hex.formatHex(payload));
        }

        @Override
        public void zero(long offset, long length) {
            calls.add("zero " + offset + " " + length);
        }
    }

    @Test
    void shouldDecodeEveryOperationAsWritten() {
        RedoWriter redo = everyOperation();
        Recorder r = new Recorder();
        RedoVisitor.read(redo.array(), redo.length(), r);
        assertEquals(EVERY_OPERATION, r.calls);
    }

    @Test
    void shouldReadOnlyTheGivenLengthOfALargerArray() {
        RedoWriter redo = everyOperation();
        byte[] larger = Arrays.copyOf(redo.array(), redo.length() + 64);
        Arrays.fill(larger, redo.length(), larger.length, RedoOps.ALLOC); // would decode as more operations
        Recorder r = new Recorder();
        RedoVisitor.read(larger, redo.length(), r);
        assertEquals(EVERY_OPERATION, r.calls);
    }

    @Test
    void shouldRefuseABodyCutInsideAnyOperationAsCorrupt() {
        RedoWriter redo = everyOperation();
        List<Integer> boundaries = operationBoundaries(redo);
        for (int cut = 1; cut < redo.length(); cut++) {
            if (boundaries.contains(cut)) {
                continue; // a whole number of operations: a valid (shorter) body
            }
            int length = cut;
            PersimmonException e = assertThrows(PersimmonException.class,
                    () -> RedoVisitor.read(redo.array(), length, new Recorder()), "cut at " + cut);
            assertEquals(ErrorCode.CORRUPT, e.code(), "cut at " + cut);
        }
    }

    @Test
    void shouldRefuseANegativeLengthAndAnUnknownOperationAsCorrupt() {
        byte[] write = new RedoWriter().write(64, new byte[] {1, 2}).array().clone();
        write[9] = (byte) 0xFF; // the length's lowest byte: 0xFF, 0, 0, 0 stays positive
        write[12] = (byte) 0x80; // the length's highest byte: negative
        PersimmonException negative = assertThrows(PersimmonException.class,
                () -> RedoVisitor.read(write, write.length, new Recorder()));
        assertEquals(ErrorCode.CORRUPT, negative.code());

        byte[] unknown = {(byte) 0x7E};
        PersimmonException e = assertThrows(PersimmonException.class, () -> RedoVisitor.read(unknown, new Recorder()));
        assertEquals(ErrorCode.CORRUPT, e.code());
    }

    /** The lengths at which a prefix of {@code redo} holds whole operations. */
    private static List<Integer> operationBoundaries(RedoWriter redo) {
        List<Integer> boundaries = new ArrayList<>();
        for (int cut = 0; cut <= redo.length(); cut++) {
            try {
                RedoVisitor.read(redo.array(), cut, new Recorder());
                boundaries.add(cut);
            } catch (PersimmonException e) {
                // not a boundary
            }
        }
        assertEquals(EVERY_OPERATION.size() + 1, boundaries.size(), "one boundary per operation, and the empty body");
        return boundaries;
    }
}
