package io.persimmon.engine.btree;

import io.persimmon.engine.PersimmonException;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies a tree from its root, reading every node and trusting none:
 * <ol>
 *   <li>every node has the magic, a sound header and its CRC32C;</li>
 *   <li>keys are at most {@link NodeLayout#maxKeyLength} bytes and strictly increase within each
 *       node and from leaf to leaf;</li>
 *   <li>every key of child i lies within its separators: key(i - 1) &lt;= k &lt; key(i);</li>
 *   <li>every child is one level below its parent, so all leaves are at the same depth;</li>
 *   <li>no node is reachable twice;</li>
 *   <li>fill rules: a node other than the root uses at least a quarter of the page; the root has
 *       at least one key (an empty tree has root 0).</li>
 * </ol>
 * Never writes. Problems are sentences naming the node's offset.
 */
public final class BTreeCheck {
    private static final int MAX_PROBLEMS = 50;

    /** What a check found. */
    public record Result(List<String> problems, long nodes, long entries, int height) {
        public boolean passed() {
            return problems.isEmpty();
        }

        /** One line: counts, and the problems if any. */
        public String summary() {
            return nodes + " nodes, " + entries + " entries, height " + height
                    + (problems.isEmpty() ? "" : "; " + problems.size() + " problem(s): " + problems);
        }
    }

    private final MemorySegment pool;
    private final int pageSize;
    private final List<String> problems = new ArrayList<>();
    private final Set<Long> visited = new HashSet<>();
    private byte[] previousLeafKey;
    private long entries;

    private BTreeCheck(MemorySegment pool, int pageSize) {
        this.pool = pool;
        this.pageSize = pageSize;
    }

    /** Checks the tree of {@code root} (0: empty) in {@code pool}, whose nodes are {@code pageSize} bytes. */
    public static Result run(MemorySegment pool, long root, int pageSize) {
        BTreeCheck check = new BTreeCheck(pool, pageSize);
        int height = 0;
        if (root != 0) {
            height = check.rootLevel(root) + 1;
            check.visit(root, height - 1, null, null, true);
        }
        return new Result(List.copyOf(check.problems), check.visited.size(), check.entries, height);
    }

    private int rootLevel(long root) {
        try {
            return Node.read(pool, root, pageSize).level();
        } catch (PersimmonException e) {
            return 0; // reported by visit
        }
    }

    private void problem(String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        }
    }

    /** Checks the subtree at {@code offset}: its keys must lie in [lower, upper) (null: unbounded). */
    private void visit(long offset, int level, byte[] lower, byte[] upper, boolean isRoot) {
        if (!visited.add(offset)) {
            problem("node at offset " + offset + " is reachable twice");
            return;
        }
        Node node;
        try {
            node = Node.read(pool, offset, pageSize).verifyChecksum();
        } catch (PersimmonException e) {
            problem(e.getMessage());
            return;
        }
        if (node.level() != level) {
            problem("node at offset " + offset + " is at level " + node.level() + " where its parent expects " + level
                    + " (leaves at different depths)");
            return;
        }
        checkFill(node, isRoot);
        byte[][] keys = new byte[node.count()][];
        try {
            for (int i = 0; i < keys.length; i++) {
                keys[i] = node.key(i);
            }
        } catch (PersimmonException e) {
            problem(e.getMessage());
            return;
        }
        checkKeys(node, keys, lower, upper);
        if (node.isLeaf()) {
            entries += keys.length;
            return;
        }
        for (int i = 0; i <= keys.length; i++) {
            visit(node.child(i), level - 1, i == 0 ? lower : keys[i - 1], i == keys.length ? upper : keys[i], false);
        }
    }

    private void checkFill(Node node, boolean isRoot) {
        if (isRoot) {
            if (node.count() == 0) {
                problem("root " + node + " has no key (an empty tree has root 0)");
            }
        } else if (node.used() < NodeLayout.minUsed(pageSize)) {
            problem(node + " is underfull: " + node.used() + " bytes, below a quarter of the page ("
                    + NodeLayout.minUsed(pageSize) + ")");
        }
    }

    private void checkKeys(Node node, byte[][] keys, byte[] lower, byte[] upper) {
        int max = NodeLayout.maxKeyLength(pageSize);
        for (int i = 0; i < keys.length; i++) {
            byte[] key = keys[i];
            if (key.length > max) {
                problem(where(node, i, key) + " is longer than the maximum " + max);
            }
            if (i > 0 && Keys.compare(keys[i - 1], key) >= 0) {
                problem(where(node, i, key) + " does not sort after the key before it");
            }
            if (lower != null && Keys.compare(key, lower) < 0) {
                problem(where(node, i, key) + " sorts before its lower separator " + hex(lower));
            }
            if (upper != null && Keys.compare(key, upper) >= 0) {
                problem(where(node, i, key) + " does not sort before its upper separator " + hex(upper));
            }
            if (node.isLeaf()) {
                if (previousLeafKey != null && Keys.compare(previousLeafKey, key) >= 0) {
                    problem(where(node, i, key) + " does not sort after the last key of the previous leaf");
                }
                previousLeafKey = key;
            }
        }
    }

    private static String where(Node node, int i, byte[] key) {
        return node + " key " + i + " " + hex(key);
    }

    private static String hex(byte[] key) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(key.length, 16); i++) {
            text.append(Character.forDigit((key[i] >> 4) & 0xF, 16)).append(Character.forDigit(key[i] & 0xF, 16));
        }
        return "[" + text + (key.length > 16 ? "..(" + key.length + " bytes)" : "") + "]";
    }
}
