package io.persimmon.engine.db;

import io.persimmon.engine.EngineLog;

import java.util.Objects;

/**
 * The background thread's warnings when its work keeps failing the same way: the first failure
 * is logged with its stack trace; the same failure again (same exception class and message) is
 * logged at most once per {@code repeatEvery} nanoseconds, on one line with how many times it
 * failed since; the first success after failures is logged once. A database whose checkpoints
 * fail at every wake otherwise writes a stack trace every wake.
 */
final class RepeatedWarning {
    /** Where the lines go: {@link EngineLog} in the engine, a list in tests. */
    interface Sink {
        void warning(String message, Throwable cause);

        void info(String message);
    }

    private final String what;
    private final long repeatEvery;
    private final Sink sink;
    private String lastKind;
    private long lastLoggedAt;
    private long failuresSinceLogged;
    private long failuresInARow;

    RepeatedWarning(String what, long repeatEveryNanos, Sink sink) {
        this.what = what;
        this.repeatEvery = repeatEveryNanos;
        this.sink = sink;
    }

    /** The engine's own: to the logger {@code io.persimmon.engine.db}, a repeat at most once a minute. */
    static RepeatedWarning engine(String what) {
        return new RepeatedWarning(what, 60_000_000_000L, new Sink() {
            @Override
            public void warning(String message, Throwable cause) {
                if (cause == null) {
                    EngineLog.warning("io.persimmon.engine.db", "{0}", message);
                } else {
                    EngineLog.warning("io.persimmon.engine.db", message, cause);
                }
            }

            @Override
            public void info(String message) {
                EngineLog.info("io.persimmon.engine.db", "{0}", message);
            }
        });
    }

    /** The work failed with {@code e} at {@code now} (nanoseconds). */
    void failed(RuntimeException e, long now) {
        failuresInARow++;
        String kind = e.getClass().getName() + ": " + e.getMessage();
        if (!Objects.equals(kind, lastKind)) {
            lastKind = kind;
            lastLoggedAt = now;
            failuresSinceLogged = 0;
            sink.warning(what + " failed", e);
            return;
        }
        failuresSinceLogged++;
        if (now - lastLoggedAt >= repeatEvery) {
            sink.warning(what + " failed again, " + failuresSinceLogged + " times since last logged ("
                    + failuresInARow + " in a row): " + kind, null);
            lastLoggedAt = now;
            failuresSinceLogged = 0;
        }
    }

    /** The work succeeded: after failures, says so once. */
    void succeeded() {
        if (failuresInARow > 0) {
            sink.info(what + " succeeded after " + failuresInARow + " failures in a row");
        }
        failuresInARow = 0;
        failuresSinceLogged = 0;
        lastKind = null;
    }
}
