package io.persimmon.engine.pmem;

import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The crash simulator's semantics: what a crash at any instant may leave. A store is durable once
 * flushed and fenced; until then it is one of the words whose fate a crash decides.
 */
class SimPersistenceTest {
    private static final long A = 0x1111_2222_3333_4444L;
    private static final long B = 0x5555_6666_7777_0000L;

    @TempDir
    Path dir;

    private Pool pool;
    private SimPersistence sim;
    private MemorySegment live;
    /** A 4 KiB block of the pool, zero in the durable image. */
    private long block;

    @BeforeEach
    void openSimulatedPool() {
        pool = Pool.open(dir.resolve("sim.pool"), PoolOptions.defaults().withMode(PersistenceMode.SIM)
                .withInitialSize(256 << 10).withMaxSize(4 << 20));
        sim = (SimPersistence) pool.persistence();
        live = pool.segment();
        block = pool.allocator().allocate(4096);
        assertEquals(0, sim.crashState().differingWords(), "a fresh simulator starts from the mapping's content");
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private void store(long offset, long value) {
        live.set(PoolLayouts.LONG, offset, value);
    }

    private static long word(byte[] image, long offset) {
        return ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).getLong((int) offset);
    }

    private static byte[] durableImage(CrashState state) {
        return state.image(new BitSet());
    }

    private static byte[] everything(CrashState state) {
        BitSet all = new BitSet();
        all.set(0, state.differingWords());
        return state.image(all);
    }

    @Test
    void shouldLeaveAnUnflushedStoreOutOfTheDurableImage() {
        store(block + 8, A);
        CrashState state = sim.crashState();
        assertEquals(1, state.differingWords());
        assertEquals(pool.size(), state.size());
        assertEquals(0, word(durableImage(state), block + 8));
        assertEquals(A, word(everything(state), block + 8), "the store may have reached the media by eviction");
    }

    @Test
    void shouldMakeAFlushedAndFencedStoreDurable() {
        store(block, A);
        sim.flush(block, 8);
        sim.fence();
        CrashState state = sim.crashState();
        assertEquals(0, state.differingWords());
        assertEquals(A, word(durableImage(state), block));
    }

    @Test
    void shouldKeepAFlushedButUnfencedWordUndecided() {
        store(block, A);
        sim.flush(block, 8);
        CrashState state = sim.crashState();
        assertEquals(1, state.differingWords());
        assertEquals(0, word(durableImage(state), block));
        assertEquals(A, word(everything(state), block));
        sim.fence();
        assertEquals(0, sim.crashState().differingWords());
    }

    @Test
    void shouldPersistWhatTheLineHeldAtTheFlushNotAtTheFence() {
        store(block, A);
        sim.flush(block, 8);
        store(block, B);           // after the flush: not covered by it
        store(block + 56, B);      // same line, also after the flush
        sim.fence();
        CrashState state = sim.crashState();
        assertEquals(A, word(durableImage(state), block));
        assertEquals(0, word(durableImage(state), block + 56));
        assertEquals(2, state.differingWords());
        assertEquals(B, word(everything(state), block));
    }

    @Test
    void shouldFenceOnlyTheLinesOfItsOwnThread() throws InterruptedException {
        store(block, A);
        sim.flush(block, 8);
        Thread other = new Thread(sim::fence);
        other.start();
        other.join();
        assertEquals(1, sim.crashState().differingWords(), "another thread's fence leaves this thread's line");
        sim.fence();
        assertEquals(0, sim.crashState().differingWords());
    }

    @Test
    void shouldDrawReproducibleRandomSubsets() {
        for (int i = 0; i < 64; i++) {
            store(block + 8L * i, i + 1);
        }
        CrashState state = sim.crashState();
        assertEquals(64, state.differingWords());
        BitSet first = state.randomSubset(42);
        assertEquals(first, state.randomSubset(42));
        assertEquals(first, sim.crashState().randomSubset(42), "the same state, another CrashState: same subset");
        assertNotEquals(first, state.randomSubset(43));
        assertTrue(first.cardinality() > 0 && first.cardinality() < 64, first::toString);

        byte[] image = state.image(first);
        for (int i = 0; i < 64; i++) {
            assertEquals(first.get(i) ? i + 1 : 0, word(image, block + 8L * i), "word " + i);
        }
    }

    @Test
    void shouldEnumerateEveryImageOfAThreeWordDifference() {
        long[] offsets = {block, block + 64, block + 2048};
        long[] values = {A, B, A ^ B};
        for (int i = 0; i < 3; i++) {
            store(offsets[i], values[i]);
        }
        CrashState state = sim.crashState();
        assertEquals(3, state.differingWords());
        Set<ByteBuffer> images = new HashSet<>();
        for (long mask = 0; mask < 8; mask++) {
            byte[] image = state.image(state.subsetOfMask(mask));
            for (int i = 0; i < 3; i++) {
                assertEquals((mask & (1L << i)) != 0 ? values[i] : 0, word(image, offsets[i]), "mask " + mask);
            }
            images.add(ByteBuffer.wrap(image));
        }
        assertEquals(8, images.size());
    }

    @Test
    void shouldNumberFencesFromOneAndCallTheListenerBeforeTheFenceTakesEffect() {
        List<Long> numbers = new ArrayList<>();
        List<Integer> undecided = new ArrayList<>();
        sim.setFenceListener((s, number) -> {
            numbers.add(number);
            undecided.add(s.crashState().differingWords());
        });
        for (int i = 0; i < 3; i++) {
            store(block + 64L * i, A);
            sim.persist(block + 64L * i, 8);
        }
        sim.setFenceListener(null);
        sim.fence();
        assertEquals(List.of(1L, 2L, 3L), numbers);
        assertEquals(List.of(1, 1, 1), undecided, "at each fence, the word it persists is not durable yet");
        assertEquals(4, sim.fenceCount());
    }

    @Test
    void shouldKeepTheDurableImageWhenThePoolGrows() {
        long sizeBefore = pool.size();
        store(block, A);
        sim.persist(block, 8);
        store(block + 8, B);
        while (pool.size() == sizeBefore) {
            pool.allocator().allocate(60_000);
        }
        CrashState state = sim.crashState();
        assertTrue(state.size() > sizeBefore);
        assertEquals(pool.size(), state.size());
        assertEquals(1, state.differingWords(), "growth adds zeros on both sides");
        assertEquals(A, word(durableImage(state), block));
        assertEquals(0, word(durableImage(state), block + 8));

        long far = pool.size() - 64;
        pool.segment().set(PoolLayouts.LONG, far, B);
        sim.persist(far, 8);
        assertEquals(B, word(durableImage(sim.crashState()), far), "the grown part is simulated too");
    }

    @Test
    void shouldMakeEverythingDurable() {
        store(block, A);
        store(block + 1024, B);
        sim.flush(block, 8);
        sim.makeAllDurable();
        CrashState state = sim.crashState();
        assertEquals(0, state.differingWords());
        assertEquals(A, word(durableImage(state), block));
        assertEquals(B, word(durableImage(state), block + 1024));
    }
}
