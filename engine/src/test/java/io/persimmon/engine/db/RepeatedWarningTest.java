package io.persimmon.engine.db;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepeatedWarningTest {
    private static final long SECOND = 1_000_000_000L;

    private record Line(String level, String message, Throwable cause) {}

    private final List<Line> lines = new ArrayList<>();
    private final RepeatedWarning warning = new RepeatedWarning("maintenance", 60 * SECOND, new RepeatedWarning.Sink() {
        @Override
        public void warning(String message, Throwable cause) {
            lines.add(new Line("WARNING", message, cause));
        }

        @Override
        public void info(String message) {
            lines.add(new Line("INFO", message, null));
        }
    });

    @Test
    void theSameFailureAtEveryWakeIsLoggedOnceAMinuteWithoutItsStack() {
        IllegalStateException first = new IllegalStateException("log full");
        warning.failed(first, 0);
        for (int i = 1; i <= 119; i++) {
            warning.failed(new IllegalStateException("log full"), i * SECOND); // a wake a second
        }
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(new Line("WARNING", "maintenance failed", first), lines.get(0));
        assertEquals("WARNING", lines.get(1).level());
        assertNull(lines.get(1).cause());
        assertEquals("maintenance failed again, 60 times since last logged (61 in a row): "
                + "java.lang.IllegalStateException: log full", lines.get(1).message());
    }

    @Test
    void aDifferentFailureIsLoggedAtOnceWithItsStack() {
        warning.failed(new IllegalStateException("log full"), 0);
        warning.failed(new IllegalStateException("log full"), SECOND);
        IllegalArgumentException other = new IllegalArgumentException("bad node");
        warning.failed(other, 2 * SECOND);
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(other, lines.get(1).cause());
    }

    @Test
    void aSuccessAfterFailuresIsSaidOnceAndTheNextFailureIsLoggedInFull() {
        warning.succeeded();
        assertTrue(lines.isEmpty(), "a success with no failure before is not logged");
        warning.failed(new IllegalStateException("log full"), 0);
        warning.failed(new IllegalStateException("log full"), SECOND);
        warning.succeeded();
        warning.succeeded();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(new Line("INFO", "maintenance succeeded after 2 failures in a row", null), lines.get(1));
        IllegalStateException again = new IllegalStateException("log full");
        warning.failed(again, 2 * SECOND);
        assertEquals(3, lines.size());
        assertNotNull(lines.get(2).cause());
        assertEquals(again, lines.get(2).cause());
    }
}
