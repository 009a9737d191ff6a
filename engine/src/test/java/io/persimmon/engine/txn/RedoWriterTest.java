package io.persimmon.engine.txn;

import io.persimmon.engine.mvcc.VersionLayout;
import io.persimmon.engine.mvcc.Versions;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A version encoded in place in a redo body ({@link RedoWriter#write(long, int)} then
 * {@link Versions#imageInto}) is byte for byte the WRITE of {@link Versions#image}, wherever the
 * body's array stands and whatever it held before, so apply and recovery read the same record.
 */
class RedoWriterTest {
    private static byte[] body(RedoWriter w) {
        return Arrays.copyOf(w.array(), w.length());
    }

    @Test
    void aVersionEncodedInPlaceIsTheWriteOfItsImage() {
        byte[][] rows = {new byte[] {1, 2, 3}, new byte[0], null, new byte[300]};
        Arrays.fill(rows[3], (byte) 0x5a);
        for (byte[] row : rows) {
            boolean tombstone = row == null;
            byte[] image = Versions.image(77, 4096, tombstone, row, 12_352);
            RedoWriter copied = new RedoWriter(8).alloc(640, image.length).write(640, image).set8(12_352, 640);

            RedoWriter inPlace = new RedoWriter(8); // grows inside write(offset, length)
            inPlace.write(999, new byte[] {9, 9, 9}); // what a reused body held before: overwritten below
            inPlace.clear();
            inPlace.alloc(640, image.length);
            int at = inPlace.write(640, VersionLayout.size(tombstone ? 0 : row.length));
            Versions.imageInto(inPlace.array(), at, 77, 4096, tombstone, row, 12_352);
            inPlace.set8(12_352, 640);

            assertArrayEquals(body(copied), body(inPlace), "row of " + (row == null ? "none" : row.length + " bytes"));
        }
    }

    @Test
    void theImageChecksumCoversTheRowWhereverItIsWritten() {
        byte[] row = {4, 5, 6, 7};
        byte[] a = new byte[100];
        byte[] b = new byte[100];
        Versions.imageInto(a, 3, 10, 0, false, row, 64);
        Versions.imageInto(b, 3, 10, 0, false, new byte[] {4, 5, 6, 8}, 64);
        int crc = VersionLayout.CRC_OFFSET;
        assertNotEquals(Arrays.toString(Arrays.copyOfRange(a, 3 + crc, 3 + crc + 4)),
                Arrays.toString(Arrays.copyOfRange(b, 3 + crc, 3 + crc + 4)), "a different last row byte, a different CRC");
        assertArrayEquals(Versions.image(10, 0, false, row, 64), Arrays.copyOfRange(a, 3, 3 + VersionLayout.size(row.length)));
    }
}
