package io.persimmon.engine.lock;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/** Threads for lock tests: run a request on its own thread and wait, by condition, until it blocks. */
final class LockTestSupport implements AutoCloseable {
    /** An upper bound for anything a test waits for; reaching it is a failure, never a step of the test. */
    static final Duration BOUND = Duration.ofSeconds(10);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    static LockKey key(String name) {
        return LockKey.row(1, name.getBytes(StandardCharsets.UTF_8));
    }

    /** Run {@code request} on a thread of its own. */
    <T> CompletableFuture<T> async(Supplier<T> request) {
        return CompletableFuture.supplyAsync(request, threads);
    }

    /** Acquire {@code key} for {@code owner} on another thread, waiting up to {@link #BOUND}. */
    CompletableFuture<LockResult> acquireAsync(LockManager locks, LockOwner owner, LockKey key) {
        return async(() -> locks.acquire(owner, key, BOUND));
    }

    /** Return once {@code owner} is blocked on {@code key} (its deadlock check passed); fail after {@link #BOUND}. */
    static void awaitBlocked(LockOwner owner, LockKey key) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!key.equals(owner.waitingKey())) {
            if (System.nanoTime() > deadline) {
                fail(owner + " did not block on " + key + " within " + BOUND);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** The result of {@code future}, failing the test if it does not complete within {@link #BOUND}. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("request did not complete normally", e);
        }
    }

    /** The PersimmonException {@code future} failed with; fails the test if it has a result instead. */
    static PersimmonException failure(CompletableFuture<?> future, ErrorCode expected) {
        try {
            Object result = future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected " + expected + " but got " + result);
        } catch (java.util.concurrent.ExecutionException e) {
            PersimmonException p = assertInstanceOf(PersimmonException.class, e.getCause());
            assertEquals(expected, p.code(), p.getMessage());
            return p;
        } catch (Exception e) {
            throw new AssertionError("request did not complete", e);
        }
    }

    /** Whether {@code future} failed with a PersimmonException of {@code code}. */
    static boolean failedWith(CompletableFuture<?> future, ErrorCode code) {
        try {
            future.join();
            return false;
        } catch (CompletionException e) {
            return e.getCause() instanceof PersimmonException p && p.code() == code;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
