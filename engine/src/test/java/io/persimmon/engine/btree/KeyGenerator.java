package io.persimmon.engine.btree;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded random keys of 1 byte to the maximum length. Most keys extend one of a few long random
 * stems, so that neighbouring keys share long prefixes and the separators between them are long:
 * branches then fill up, and splits and merges happen at every level with a few thousand keys.
 * Bytes come from a small alphabet rich in 0x00, 0x7F, 0x80 and 0xFF, to exercise unsigned order.
 */
final class KeyGenerator {
    private static final byte[] ALPHABET = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFF, 'a', 'b', 'z'};

    private final SplittableRandom random;
    private final int maxLength;
    private final byte[][] stems;

    KeyGenerator(SplittableRandom random, int maxLength) {
        this.random = random;
        this.maxLength = maxLength;
        this.stems = new byte[6][];
        for (int i = 0; i < stems.length; i++) {
            stems[i] = bytes(1 + random.nextInt(maxLength));
        }
    }

    byte[] next() {
        double r = random.nextDouble();
        if (r < 0.15) {
            return bytes(1 + random.nextInt(Math.min(8, maxLength))); // short, random
        }
        if (r < 0.2) {
            return bytes(maxLength - random.nextInt(4)); // the longest
        }
        byte[] stem = stems[random.nextInt(stems.length)];
        int prefix = random.nextInt(stem.length + 1);
        int suffix = 1 + random.nextInt(6);
        int length = Math.min(maxLength, prefix + suffix);
        byte[] key = Arrays.copyOf(stem, length);
        for (int i = Math.min(prefix, length - 1); i < length; i++) {
            key[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return key;
    }

    private byte[] bytes(int length) {
        byte[] key = new byte[length];
        for (int i = 0; i < length; i++) {
            key[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return key;
    }
}
