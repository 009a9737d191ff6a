package io.persimmon.engine;

import java.util.ArrayDeque;

/**
 * The engine's log messages ({@link System.Logger}), kept off the path of opening a pool.
 *
 * <p>A process restarted after a crash opens its pool in a cold JVM, where the logging back-end
 * is not free: {@link System#getLogger} finds it through a {@code ServiceLoader} (about 60
 * classes), and the first message through {@code java.util.logging} sets up its log manager,
 * handler and formatter (about 70 more classes, {@code String.format}, {@code MessageFormat},
 * date formatting): 60 to 80 ms of a cold open that replays records, which logs what it replayed.
 * So a logger is looked up only when a message is logged, never in a class initialiser, and
 * informational messages are logged by a thread of their own ({@code persimmon-log}, one at a time
 * and in the order given). It is not a daemon: a message logged just before the program ends is
 * still written. Warnings are logged at once, on the caller's thread.
 */
public final class EngineLog {
    private static final ArrayDeque<Message> QUEUE = new ArrayDeque<>();
    private static boolean draining;

    private EngineLog() {}

    /** Logs an INFO message to the logger {@code name} from the {@code persimmon-log} thread ({@link java.text.MessageFormat} parameters). */
    public static void info(String name, String format, Object... params) {
        synchronized (QUEUE) {
            QUEUE.add(new Message(name, format, params));
            if (draining) {
                return;
            }
            draining = true;
        }
        Thread t = new Thread(new Drain(), "persimmon-log");
        t.setDaemon(false);
        t.start();
    }

    /** Logs a WARNING message to the logger {@code name} now ({@link java.text.MessageFormat} parameters). */
    public static void warning(String name, String format, Object... params) {
        System.getLogger(name).log(System.Logger.Level.WARNING, format, params);
    }

    /** Logs a WARNING message with its cause to the logger {@code name} now. */
    public static void warning(String name, String message, Throwable cause) {
        System.getLogger(name).log(System.Logger.Level.WARNING, message, cause);
    }

    private record Message(String name, String format, Object[] params) {}

    /** Logs the queued messages, then ends; the next message starts another. */
    private static final class Drain implements Runnable {
        @Override
        public void run() {
            while (true) {
                Message m;
                synchronized (QUEUE) {
                    m = QUEUE.poll();
                    if (m == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    System.getLogger(m.name()).log(System.Logger.Level.INFO, m.format(), m.params());
                } catch (RuntimeException e) {
                    // a broken logging back-end must not stop the others' messages; nothing to report it to
                }
            }
        }
    }
}
