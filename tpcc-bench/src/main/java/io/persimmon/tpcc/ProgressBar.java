package io.persimmon.tpcc;

import java.io.Console;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A textual progress bar on one terminal line, redrawn at most five times a second, safe to advance from
 * several threads. Disabled (silent) when stderr is not a terminal or with {@code --quiet}.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 40;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final String label;
    private final long total;
    private final boolean enabled;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastDraw = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param label   text before the bar
     * @param total   amount of work at 100% (an estimate is fine: the bar stops at 100%)
     * @param enabled whether to draw at all
     * @param out     where to draw (stderr)
     */
    public ProgressBar(String label, long total, boolean enabled, PrintStream out) {
        this.label = label;
        this.total = Math.max(1, total);
        this.enabled = enabled;
        this.out = out;
    }

    /** Whether the process's console is an interactive terminal (then a bar is useful). */
    public static boolean isInteractive() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** Records {@code amount} more units of work done. */
    public void advance(long amount) {
        long now = done.addAndGet(amount);
        if (!enabled) {
            return;
        }
        long t = System.nanoTime();
        long last = lastDraw.get();
        if ((last == Long.MIN_VALUE || t - last >= REDRAW_NANOS) && lastDraw.compareAndSet(last, t)) {
            draw(now, false);
        }
    }

    /** Units done so far. */
    public long done() {
        return done.get();
    }

    /** Draws the final state and ends the line. */
    @Override
    public void close() {
        if (enabled) {
            draw(done.get(), true);
        }
    }

    /** The bar's text for {@code units} done (without carriage return), for tests. */
    String render(long units) {
        double fraction = Math.min(1.0, (double) units / total);
        int filled = (int) Math.round(fraction * WIDTH);
        long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        return String.format("%s [%s%s] %3d%%  %,d rows  %d s", label, "#".repeat(filled), "-".repeat(WIDTH - filled),
                (int) Math.floor(fraction * 100), units, seconds);
    }

    private synchronized void draw(long units, boolean last) {
        out.print("\r" + render(last ? Math.max(units, total) : units) + (last ? System.lineSeparator() : ""));
        out.flush();
    }
}
