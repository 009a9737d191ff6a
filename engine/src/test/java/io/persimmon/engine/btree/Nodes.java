package io.persimmon.engine.btree;

import io.persimmon.engine.pool.Pool;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Test helpers: hand-made nodes written straight into a pool, and images of a tree's nodes. */
final class Nodes {
    private Nodes() {}

    static byte[] key(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[][] keys(String... texts) {
        byte[][] keys = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            keys[i] = key(texts[i]);
        }
        return keys;
    }

    /** Writes a leaf of these keys (values 1, 2, ...) and returns its offset. Nothing is checked. */
    static long leaf(Pool pool, String... keys) {
        long[] values = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = i + 1;
        }
        return write(pool, MutableNode.of(true, 0, keys(keys), values));
    }

    /** Writes a branch at {@code level} of these separators and children. Nothing is checked. */
    static long branch(Pool pool, int level, String[] separators, long... children) {
        return write(pool, MutableNode.of(false, level, keys(separators), children));
    }

    static long write(Pool pool, MutableNode node) {
        int pageSize = pool.header().pageSize();
        long offset = pool.allocator().allocate(pageSize);
        byte[] buffer = new byte[pageSize];
        int used = node.encode(buffer);
        MemorySegment.copy(buffer, 0, pool.segment(), ValueLayout.JAVA_BYTE, offset, used);
        return offset;
    }

    /** The bytes of every node of the tree of {@code root}, by offset. */
    static Map<Long, byte[]> image(Pool pool, long root) {
        Map<Long, byte[]> image = new HashMap<>();
        int pageSize = pool.header().pageSize();
        long[] roots = new long[io.persimmon.engine.pool.RootSlot.COUNT];
        roots[io.persimmon.engine.pool.RootSlot.TEST.index()] = root;
        new BTreeOwner("image", io.persimmon.engine.pool.RootSlot.TEST, pageSize).forEachBlock(pool.segment(), roots,
                (offset, bytes, what) -> image.put(offset, pool.segment().asSlice(offset, bytes).toArray(ValueLayout.JAVA_BYTE)));
        return image;
    }
}
