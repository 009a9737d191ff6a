package io.persimmon.engine.pmem;

import java.util.Arrays;

/**
 * A thread's flushed-but-not-yet-fenced ranges, aligned outward to a unit (a cache line or a page)
 * and merged when they touch, so that a fence writes back each contiguous run once.
 */
final class PendingRanges {
    private final long unit;
    private long[] starts = new long[16];
    private long[] ends = new long[16];
    private int count;

    PendingRanges(long unit) {
        this.unit = unit;
    }

    void add(long offset, long length) {
        long start = offset & -unit;
        long end = CacheLines.alignUp(offset + length, unit);
        if (count > 0 && start <= ends[count - 1] && end >= starts[count - 1]) {
            starts[count - 1] = Math.min(starts[count - 1], start);
            ends[count - 1] = Math.max(ends[count - 1], end);
            return;
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    void addAll(PendingRanges other) {
        for (int i = 0; i < other.count; i++) {
            add(other.starts[i], other.ends[i] - other.starts[i]);
        }
    }

    /** Ranges noted (before merging adjacent ones). */
    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    void clear() {
        count = 0;
    }

    /** Sorts and merges the ranges, then calls {@code action} once per contiguous run. */
    void forEachRun(RangeAction action) {
        if (count == 0) {
            return;
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(starts[a], starts[b]));
        long runStart = starts[order[0]];
        long runEnd = ends[order[0]];
        for (int k = 1; k < count; k++) {
            int i = order[k];
            if (starts[i] <= runEnd) {
                runEnd = Math.max(runEnd, ends[i]);
            } else {
                action.accept(runStart, runEnd - runStart);
                runStart = starts[i];
                runEnd = ends[i];
            }
        }
        action.accept(runStart, runEnd - runStart);
    }

    @FunctionalInterface
    interface RangeAction {
        void accept(long offset, long length);
    }
}
