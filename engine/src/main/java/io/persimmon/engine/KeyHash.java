package io.persimmon.engine;

/**
 * The hash of a key's bytes for the engine's hash maps (a change set's keys, the lock table):
 * FNV-1a over the bytes, then a final mix. Not {@link java.util.Arrays#hashCode(byte[])}: its
 * factor 31 makes keys that differ in two adjacent bytes collide (an integer key's last two bytes
 * {@code (b, c)} and {@code (b + 1, c - 31)}), so 100,000 sequential integer keys had about 10,000
 * distinct hashes and the map's bins turned into trees.
 */
public final class KeyHash {
    private KeyHash() {}

    public static int of(byte[] bytes) {
        int h = 0x811C9DC5;
        for (byte b : bytes) {
            h = (h ^ (b & 0xFF)) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }
}
