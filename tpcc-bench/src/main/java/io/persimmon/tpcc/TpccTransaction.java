package io.persimmon.tpcc;

import java.sql.SQLException;

/**
 * One TPC-C transaction profile on one connection: it generates its input (so that a retry repeats the
 * same business transaction) and executes it with prepared statements, ending with commit or rollback.
 *
 * @param <I> the input of one execution
 */
public interface TpccTransaction<I> {

    /** How an execution ended. */
    enum Outcome {
        /** Committed. */
        COMMITTED,
        /** Rolled back by the profile itself (New-Order's 1% with an unused item id). */
        ROLLED_BACK
    }

    /** Draws the input of the next execution (clauses 2.4.1 to 2.8.1). */
    I generate(TpccRandom random);

    /**
     * Executes the transaction and commits it, or rolls it back when the profile says so.
     *
     * @throws SQLException on any failure; the caller rolls back and decides whether to retry
     */
    Outcome execute(I input) throws SQLException;
}
