package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The counters' payloads keep the on-pool bytes DataOutputStream wrote, and a wrong length is CORRUPT. */
class CatalogOpsTest {
    private static final long[] VALUES = {0x0102030405060708L, -2L, 0, Long.MIN_VALUE};

    @Test
    void longsAreTheBigEndianBytesDataOutputStreamWrites() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (long v : VALUES) {
                out.writeLong(v);
            }
        }
        assertArrayEquals(bytes.toByteArray(), CatalogOps.longs(VALUES));
        assertArrayEquals(VALUES, CatalogOps.readLongs(CatalogOps.ROW_COUNT, CatalogOps.longs(VALUES), VALUES.length));
    }

    @Test
    void aPayloadOfAnotherLengthIsCorrupt() {
        byte[] payload = CatalogOps.longs(7, 1);
        for (int length : new int[] {0, 8, 15, 17, 24}) {
            byte[] wrong = java.util.Arrays.copyOf(payload, length);
            PersimmonException e = assertThrows(PersimmonException.class,
                    () -> CatalogOps.readLongs(CatalogOps.ROW_COUNT, wrong, 2), "length " + length);
            assertEquals(ErrorCode.CORRUPT, e.code());
        }
    }
}
