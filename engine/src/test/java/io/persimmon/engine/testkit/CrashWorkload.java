package io.persimmon.engine.testkit;

import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.pool.Pool;

import java.util.List;

/**
 * A workload the {@link CrashHarness} crashes. It runs against a pool in {@code sim} mode, keeps
 * a model of what it has made durable, and says at any instant which states a recovery may show.
 * One instance runs once; the harness makes a new one (same seed) for each run.
 */
public interface CrashWorkload {
    /**
     * Leaves at {@code live} the pool file the workload starts from, before the harness opens it
     * in {@code sim} mode (for a workload that starts by recovering a crashed pool); by default
     * nothing, and the harness creates an empty pool.
     */
    default void prepare(java.nio.file.Path live) {
    }

    /** Runs the workload to its end. */
    void run(Pool pool);

    /**
     * The states a crash now may recover to: usually the last committed one, and while an
     * operation is under way also the state after it. Called at each crash point.
     */
    List<Object> acceptableStates();

    /**
     * Recovers {@code recovered} as the engine would on open (replaying what it must and ending
     * with a checkpoint when it changed anything), then returns null when it shows one of
     * {@code acceptable}, otherwise what differs. {@code check} runs after it.
     */
    String verify(Pool recovered, List<Object> acceptable);

    /** The owners whose blocks {@code check} accounts for. */
    List<BlockOwner> owners();
}
