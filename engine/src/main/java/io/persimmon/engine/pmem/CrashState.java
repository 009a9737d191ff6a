package io.persimmon.engine.pmem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * One instant of a simulated crash: the durable image, and the 8-byte words in which the live
 * mapping differed from it. Any subset of those words may have reached the media, so an image is
 * the durable image plus a chosen subset of them.
 */
public final class CrashState {
    private final byte[] durable;
    private final long[] wordOffsets;
    private final long[] liveValues;

    CrashState(byte[] durable, long[] wordOffsets, long[] liveValues) {
        this.durable = durable;
        this.wordOffsets = wordOffsets;
        this.liveValues = liveValues;
    }

    /** Number of words whose fate a crash decides. */
    public int differingWords() {
        return wordOffsets.length;
    }

    /** Bytes in the image. */
    public int size() {
        return durable.length;
    }

    /** The subset of a seeded random choice: each differing word persisted with probability 1/2. */
    public BitSet randomSubset(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BitSet subset = new BitSet(wordOffsets.length);
        for (int i = 0; i < wordOffsets.length; i++) {
            if (random.nextBoolean()) {
                subset.set(i);
            }
        }
        return subset;
    }

    /**
     * The subset of a seeded random choice per cache line: the differing words of each 64-byte
     * line all persisted or none, with probability 1/2. Lines are how caches write back, and such
     * a state holds a short record whole while a longer run it depends on is partly lost, which a
     * choice per word almost never does (a two-line record has 16 words).
     */
    public BitSet randomLineSubset(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BitSet subset = new BitSet(wordOffsets.length);
        long line = -1;
        boolean persisted = false;
        for (int i = 0; i < wordOffsets.length; i++) {
            if (wordOffsets[i] / 64 != line) {
                line = wordOffsets[i] / 64;
                persisted = random.nextBoolean();
            }
            if (persisted) {
                subset.set(i);
            }
        }
        return subset;
    }

    /** The subset given by the bits of {@code mask} (for enumerating all of them when few). */
    public BitSet subsetOfMask(long mask) {
        return BitSet.valueOf(new long[] {mask});
    }

    /** The image with the words of {@code subset} persisted. */
    public byte[] image(BitSet subset) {
        byte[] image = durable.clone();
        ByteBuffer view = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = subset.nextSetBit(0); i >= 0 && i < wordOffsets.length; i = subset.nextSetBit(i + 1)) {
            view.putLong((int) wordOffsets[i], liveValues[i]);
        }
        return image;
    }

    /** Writes the image with the words of {@code subset} persisted to {@code target}. */
    public void writeImage(Path target, BitSet subset) {
        try {
            Files.write(target, image(subset));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
