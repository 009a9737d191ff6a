package io.persimmon.tpcc;

import java.sql.Connection;
import java.util.Optional;

/**
 * Engine-internal counters read through SQL, sampled by each terminal after every transaction so that
 * the benchmark can report them per transaction type. Only Persimmon has any (memory fences and flushed
 * cache lines); the other engines use {@link #NONE}.
 *
 * <p>The counters are expected to be cumulative per connection (session). If an engine only offers
 * global counters, the per-type figures of a run with more than one terminal mix in the other terminals'
 * work; run with {@code --terminals 1} to attribute them exactly.
 */
public interface EngineCounters {

    /** One reading of the counters. */
    record Counts(long fences, long flushedLines) {
        /** The counts since {@code earlier}. */
        public Counts minus(Counts earlier) {
            return new Counts(fences - earlier.fences, flushedLines - earlier.flushedLines);
        }
    }

    /** An engine without counters. */
    EngineCounters NONE = connection -> Optional.empty();

    /**
     * Reads the counters on {@code connection}; empty when the engine has none or they cannot be read.
     * Must leave no transaction open.
     */
    Optional<Counts> snapshot(Connection connection);

    /** Whether this engine has counters at all (false for {@link #NONE}). */
    default boolean isPresent() {
        return this != NONE;
    }
}
