package io.persimmon.engine.txn;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The ranges a checkpoint flushes: every byte apply noted, each once, whatever the order of the notes. */
class DirtyRangesTest {
    private static List<String> listed(DirtyRanges.Taken taken) {
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < taken.count(); i++) {
            listed.add(taken.pairs()[2 * i] + "+" + taken.pairs()[2 * i + 1]);
        }
        return listed;
    }

    @Test
    void shouldExtendTheLastRangeOnlyWithARangeStartingWhereItEnds() {
        DirtyRanges dirty = new DirtyRanges();
        dirty.add(1000, 64);
        dirty.add(1064, 8);    // starts where the last ends: one range 1000+72
        dirty.add(4096, 128);
        dirty.add(4000, 96);   // ends where the last starts: kept apart
        dirty.add(4096, 8);    // starts where the last ends: 4000+104 (also inside an earlier range, flushed again)
        dirty.add(5000, 8);    // a gap: kept apart
        assertEquals(List.of("1000+72", "4096+128", "4000+104", "5000+8"), listed(dirty.take()));
        assertEquals(0, dirty.take().count(), "taken ranges are forgotten");
    }

    @Test
    void shouldKeepEveryRangeAcrossGrowthAndARestore() {
        DirtyRanges dirty = new DirtyRanges();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            dirty.add(i * 256L, 100);
            expected.add(i * 256 + "+100");
        }
        DirtyRanges.Taken taken = dirty.take();
        assertEquals(expected, listed(taken));
        dirty.add(1_000_000, 8);   // noted while a checkpoint that failed was writing
        dirty.restore(taken);
        List<String> again = new ArrayList<>(List.of("1000000+8"));
        again.addAll(expected);
        assertEquals(again, listed(dirty.take()));
    }
}
