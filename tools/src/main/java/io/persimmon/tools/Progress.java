package io.persimmon.tools;

import java.io.PrintStream;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Progress of long work on standard error, so that standard output keeps only what a script
 * would parse. Nothing is shown for work that ends within {@link #QUIET_MILLIS}; after that, a
 * line at most every {@link #EVERY_MILLIS}. On a terminal the line is rewritten in place, else
 * each report is a line of its own. {@link #NONE} shows nothing ({@code --quiet}).
 */
final class Progress {
    /** Work that ends sooner shows no progress at all. */
    static final long QUIET_MILLIS = 1_000;
    /** At most one report per this many milliseconds. */
    static final long EVERY_MILLIS = 500;

    /** Shows nothing. */
    static final Progress NONE = new Progress(null, System::nanoTime, false);

    private final PrintStream err;
    private final LongSupplier nanos;
    private final boolean terminal;
    private final long start;
    private long last;
    private boolean shown;

    /** Progress on {@code err} (null: none) by the clock {@code nanos}; on a terminal, one line rewritten. */
    Progress(PrintStream err, LongSupplier nanos, boolean terminal) {
        this.err = err;
        this.nanos = nanos;
        this.terminal = terminal;
        this.start = nanos.getAsLong();
        this.last = start;
    }

    /** Progress on standard error, starting now. */
    static Progress onStandardError() {
        return new Progress(System.err, System::nanoTime, System.console() != null);
    }

    /** Reports {@code what} if it is time to; {@code what} is only computed then. */
    void report(Supplier<String> what) {
        if (err == null) {
            return;
        }
        long now = nanos.getAsLong();
        if (now - start < QUIET_MILLIS * 1_000_000L || now - last < EVERY_MILLIS * 1_000_000L) {
            return;
        }
        last = now;
        show(what.get());
    }

    /** Reports {@code what} at once (a step that starts), unless nothing is shown. */
    void step(String what) {
        if (err != null) {
            show(what);
        }
    }

    private void show(String text) {
        if (terminal) {
            err.print("\r\033[K" + text);
        } else {
            err.println(text);
        }
        err.flush();
        shown = true;
    }

    /** Ends the progress line (on a terminal, the line is cleared). */
    void done() {
        if (err != null && shown && terminal) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
