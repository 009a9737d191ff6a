package io.persimmon.engine.bench;

import java.nio.file.Path;

/**
 * {@link RecoveryOpen}'s twin for H2: a fresh JVM that opens one H2 store file (crashed or
 * cleanly closed) as a restarted process would ({@link H2Rows#open}: the store, its
 * TransactionStore and the two maps), and prints on one line the {@code System.nanoTime()} at
 * which its {@code main} was entered, just before the open, just after it, and the row count.
 *
 * <p>{@code java -cp ... io.persimmon.engine.bench.H2RecoveryOpen <store file>}
 */
public final class H2RecoveryOpen {
    private H2RecoveryOpen() {}

    public static void main(String[] args) {
        long entered = System.nanoTime();
        Path file = Path.of(args[0]);
        long start = System.nanoTime();
        H2Rows h2 = H2Rows.open(file);
        long opened = System.nanoTime();
        long rows = h2.count();
        h2.close();
        System.out.println(entered + " " + start + " " + opened + " " + rows);
    }
}
