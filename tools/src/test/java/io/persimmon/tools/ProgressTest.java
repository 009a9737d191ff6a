package io.persimmon.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class ProgressTest {
    @TempDir
    Path dir;

    @Test
    void shouldStayQuietForShortWorkThenReportAtMostTwiceASecond() {
        AtomicLong millis = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> millis.get() * 1_000_000L, false);
        for (long t : new long[] {0, 300, 999, 1_000, 1_200, 1_499, 1_500, 1_999, 2_000, 2_600}) {
            millis.set(t);
            p.report(() -> "at " + millis.get());
        }
        p.done();
        assertEquals("at 1000\nat 1500\nat 2000\nat 2600\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldShowNothingWhenQuiet() {
        Progress.NONE.report(() -> {
            throw new AssertionError("not computed");
        });
        Progress.NONE.step("x");
    }

    @Test
    void shouldNameCheckStepsOnStandardErrorAndLeaveStandardOutputAlone() {
        Path pool = TestPools.items(dir, 100);
        TestPools.Run plain = TestPools.run("check", pool.toString());
        TestPools.Run shown = TestPools.run("check", "--progress", pool.toString());
        assertEquals(0, shown.exit(), shown.out() + shown.err());
        assertEquals(plain.out(), shown.out());
        assertFalse(plain.err().contains("check:"), plain.err()); // a small pool: no progress unless asked
        for (String step : new String[] {"redo log", "catalog", "version chains",
                "header copies, allocator, block ownership", "B+tree: primary key of ITEMS", "B+tree: index ITEMS_BY_NAME",
                "rows of ITEMS", "entries of index ITEMS_BY_NAME"}) {
            assertTrue(shown.err().contains("check: " + step + " ...\n"), step + " in\n" + shown.err());
        }
        TestPools.Run quiet = TestPools.run("check", "--progress", "--quiet", pool.toString());
        assertFalse(quiet.err().contains("check:"), quiet.err());
    }
}
