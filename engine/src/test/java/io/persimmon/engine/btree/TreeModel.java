package io.persimmon.engine.btree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The reference a tree is compared with: a {@link TreeMap} ordered as unsigned bytes, and the
 * comparisons (full scans both ways, bounded scans, gets, counts, {@link BTreeCheck}) that return
 * the first difference as a sentence, or null.
 */
final class TreeModel {
    private TreeModel() {}

    static TreeMap<byte[], Long> newMap() {
        return new TreeMap<>(Arrays::compareUnsigned);
    }

    static TreeMap<byte[], Long> copy(Map<byte[], Long> map) {
        TreeMap<byte[], Long> copy = newMap();
        copy.putAll(map);
        return copy;
    }

    /** The entries of a cursor, in its order. */
    static List<Map.Entry<byte[], Long>> drain(Cursor cursor) {
        List<Map.Entry<byte[], Long>> entries = new ArrayList<>();
        while (cursor.next()) {
            entries.add(Map.entry(cursor.key(), cursor.value()));
        }
        return entries;
    }

    /** Null when {@code entries} are exactly those of {@code expected}, in that order. */
    static String compare(List<Map.Entry<byte[], Long>> entries, Iterable<Map.Entry<byte[], Long>> expected, String what) {
        int i = 0;
        for (Map.Entry<byte[], Long> e : expected) {
            if (i >= entries.size()) {
                return what + ": ends after " + i + " entries, the model has more (next " + hex(e.getKey()) + ")";
            }
            Map.Entry<byte[], Long> found = entries.get(i);
            if (!Arrays.equals(found.getKey(), e.getKey()) || found.getValue().longValue() != e.getValue()) {
                return what + ": entry " + i + " is " + hex(found.getKey()) + "=" + found.getValue() + ", the model has "
                        + hex(e.getKey()) + "=" + e.getValue();
            }
            i++;
        }
        return i == entries.size() ? null : what + ": " + (entries.size() - i) + " entries more than the model";
    }

    /** Everything a reader can ask of {@code root}, compared with {@code model}; null when all agree. */
    static String verify(BTree tree, long root, NavigableMap<byte[], Long> model, SplittableRandom random,
                         KeyGenerator keys, int boundedScans) {
        String problem = compare(drain(tree.scan(root, null, true, null, true, false)), model.entrySet(), "ascending scan");
        if (problem == null) {
            problem = compare(drain(tree.scan(root, null, true, null, true, true)),
                    model.descendingMap().entrySet(), "descending scan");
        }
        if (problem == null && tree.count(root) != model.size()) {
            problem = "count " + tree.count(root) + ", the model has " + model.size();
        }
        List<byte[]> present = new ArrayList<>(model.keySet());
        for (int s = 0; s < boundedScans && problem == null; s++) {
            problem = boundedScan(tree, root, model, random, keys, present);
        }
        for (int g = 0; g < 20 && problem == null; g++) {
            byte[] key = !present.isEmpty() && random.nextBoolean()
                    ? present.get(random.nextInt(present.size())) : keys.next();
            long found = tree.get(root, key);
            Long expected = model.get(key);
            if (found != (expected == null ? BTree.NOT_FOUND : expected)) {
                problem = "get " + hex(key) + " = " + found + ", the model has " + expected;
            }
        }
        return problem;
    }

    private static String boundedScan(BTree tree, long root, NavigableMap<byte[], Long> model, SplittableRandom random,
                                      KeyGenerator keys, List<byte[]> present) {
        byte[] a = bound(random, keys, present);
        byte[] b = bound(random, keys, present);
        if (a != null && b != null && Arrays.compareUnsigned(a, b) > 0) {
            byte[] t = a;
            a = b;
            b = t;
        }
        boolean lowIn = random.nextBoolean();
        boolean highIn = random.nextBoolean();
        boolean descending = random.nextBoolean();
        NavigableMap<byte[], Long> range = model;
        if (a != null && b != null && Arrays.equals(a, b) && !(lowIn && highIn)) {
            range = newMap(); // an empty range
        } else {
            if (a != null) {
                range = range.tailMap(a, lowIn);
            }
            if (b != null) {
                range = range.headMap(b, highIn);
            }
        }
        String what = (descending ? "descending" : "ascending") + " scan " + (lowIn ? "[" : "(") + (a == null ? "-" : hex(a))
                + ", " + (b == null ? "-" : hex(b)) + (highIn ? "]" : ")");
        String problem = compare(drain(tree.scan(root, a, lowIn, b, highIn, descending)),
                descending ? range.descendingMap().entrySet() : range.entrySet(), what);
        if (problem == null && !descending && tree.count(root, a, lowIn, b, highIn) != range.size()) {
            problem = what + ": count " + tree.count(root, a, lowIn, b, highIn) + ", the model has " + range.size();
        }
        return problem;
    }

    private static byte[] bound(SplittableRandom random, KeyGenerator keys, List<byte[]> present) {
        int r = random.nextInt(10);
        if (r == 0) {
            return null;
        }
        if (r < 6 && !present.isEmpty()) {
            return present.get(random.nextInt(present.size()));
        }
        return keys.next();
    }

    static String hex(byte[] key) {
        String text = HexFormat.of().formatHex(key, 0, Math.min(key.length, 12));
        return key.length > 12 ? text + "..(" + key.length + " B)" : text;
    }
}
