package io.persimmon.engine.lock;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lock keys compare by content, cannot be changed from outside, and read well in messages. */
class LockKeyTest {

    @Test
    void shouldBeEqualByByteContent() {
        LockKey a = LockKey.row(3, new byte[] {1, 2, 3});
        LockKey b = LockKey.row(3, new byte[] {1, 2, 3});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, LockKey.row(4, new byte[] {1, 2, 3}));
        assertNotEquals(a, LockKey.row(3, new byte[] {1, 2, 4}));
        assertNotEquals(LockKey.row(3, new byte[8]), LockKey.slot(3, 0), "row and slot identities differ");
        assertEquals(LockKey.slot(3, 4096), LockKey.slot(3, 4096));
    }

    @Test
    void shouldHashSequentialIntegerKeysApart() {
        // A transaction inserting 100,000 rows of an INTEGER key holds a lock on each: a tag byte,
        // then the value big-endian with its sign bit flipped. Arrays.hashCode gives them about
        // 10,000 distinct hashes, and the lock table's bins turn into trees.
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (int n = 0; n < 100_000; n++) {
            int flipped = n ^ Integer.MIN_VALUE;
            hashes.add(LockKey.row(5, new byte[] {1, (byte) (flipped >>> 24), (byte) (flipped >>> 16),
                    (byte) (flipped >>> 8), (byte) flipped}).hashCode());
        }
        assertTrue(hashes.size() > 99_000, "distinct hashes of 100,000 keys: " + hashes.size());
    }

    @Test
    void shouldNotChangeWhenTheCallersArrayChanges() {
        byte[] bytes = {7, 7};
        LockKey key = LockKey.row(1, bytes);
        bytes[0] = 9;
        key.key()[1] = 9;
        assertArrayEquals(new byte[] {7, 7}, key.key());
        assertEquals(LockKey.row(1, new byte[] {7, 7}), key);
    }

    @Test
    void shouldNameTableAndKeyInMessages() {
        assertEquals("table 7 key 0x0a0b", LockKey.row(7, new byte[] {10, 11}).toString());
        assertEquals("table 7 slot 0x1000", LockKey.slot(7, 4096).toString());
        String longKey = LockKey.row(1, new byte[40]).toString();
        assertEquals("table 1 key 0x" + "00".repeat(32) + "... (40 bytes)", longKey);
    }
}
