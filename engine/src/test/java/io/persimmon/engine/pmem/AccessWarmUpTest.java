package io.persimmon.engine.pmem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The warm-up that {@code Pool.open} starts in a thread of its own: every access it makes is a
 * legal one (an exception there would end the thread with a stack trace on the console, and
 * leave the opening thread to pay what it was for), and starting it again starts nothing.
 */
class AccessWarmUpTest {
    @Test
    void warmsEveryLayoutWithoutThrowing() {
        assertDoesNotThrow(AccessWarmUp::warm);
    }

    @Test
    void startsOncePerJvm() throws InterruptedException {
        AccessWarmUp.start();
        AccessWarmUp.start();
        Thread.sleep(100);
        long running = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("persimmon-warm-up")).count();
        assertTrue(running <= 1, running + " warm-up threads");
    }
}
