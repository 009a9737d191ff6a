package io.persimmon.engine.bench;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionMap;
import org.h2.mvstore.tx.TransactionStore;

import java.nio.file.Path;

/**
 * The H2 side of {@link RecoveryTimeMeasurement}: the same rows as Persimmon's {@code ROWS} table
 * in an MVStore file through its {@link TransactionStore}, as {@link EngineVsH2Benchmark} stores
 * them. Two maps:
 * <ul>
 * <li>{@value #PRIMARY}: the key {@code ID} (a {@code Long}) to the row's other columns as an
 * {@code Object[] {K, PAD}} (an {@code Integer} and a {@code String}), which H2's
 * {@code ObjectDataType} stores natively;</li>
 * <li>{@value #BY_K}: the secondary index on {@code K}, as H2's SQL layer keeps a non-unique
 * index: the key {@code Object[] {K, ID}} (the indexed column, then the row's key to make it
 * unique; {@code ObjectDataType} compares arrays element by element) to a token value. Both
 * elements are {@code Long}s: with an {@code Integer} K beside the {@code Long} ID, the shared
 * {@code ObjectDataType} switches its element type at every comparison, and once the store's
 * background writer compacted while the main thread counted, a comparison failed with
 * "Integer cannot be cast to Long": a fault of that mix, not of the crash.</li>
 * </ul>
 *
 * <p>A commit is made durable against a killed process the way H2 does it for its own SQL layer
 * under {@code SET WRITE_DELAY 0}: after the transaction commits, {@link MVStore#commit()} writes
 * the store's changes to the file (there, {@code TransactionStore.endTransaction} calls it
 * because the auto-commit delay is 0; here it is called explicitly, as
 * {@code EngineVsH2Benchmark}'s {@code h2-commit} does). The write reaches the page cache, which a
 * kill -9 does not lose. Not {@link MVStore#sync()}: that forces the file to the disk, durability
 * against a power failure, which Persimmon's {@code process} mode does not give either (its
 * {@code msync} mode would be the match).
 */
final class H2Rows implements AutoCloseable {
    static final String PRIMARY = "rows";
    static final String BY_K = "by_k";
    private static final Boolean PRESENT = Boolean.TRUE;

    private final MVStore store;
    private final TransactionStore transactions;

    private H2Rows(MVStore store) {
        this.store = store;
        this.transactions = new TransactionStore(store);
        transactions.init(); // finds the transactions the file left open (none here: each commit stored)
    }

    /**
     * Opens (or creates) the store at {@code file}, its TransactionStore and the two maps, as a
     * restarted process does before its first query: the part {@link RecoveryTimeMeasurement} times.
     */
    static H2Rows open(Path file) {
        H2Rows rows = new H2Rows(new MVStore.Builder().fileName(file.toString()).open());
        Transaction tx = rows.transactions.begin();
        tx.openMap(PRIMARY);
        tx.openMap(BY_K);
        tx.commit();
        return rows;
    }

    /** Inserts the rows {@code first} to {@code first + count - 1} in one transaction, durable when this returns. */
    void insert(long first, int count, String pad) {
        Transaction tx = transactions.begin();
        TransactionMap<Long, Object[]> primary = tx.openMap(PRIMARY);
        TransactionMap<Object[], Boolean> byK = tx.openMap(BY_K);
        for (long id = first; id < first + count; id++) {
            int k = (int) (id % 1000);
            if (primary.putIfAbsent(id, new Object[] {k, pad}) != null) {
                throw new IllegalStateException("duplicate key " + id);
            }
            byK.put(new Object[] {(long) k, id}, PRESENT);
        }
        tx.commit();
        store.commit(); // the changes written to the file: a kill -9 from here on loses nothing of this transaction
    }

    /** The number of rows, checked to be the same in the primary map and in the index. */
    long count() {
        Transaction tx = transactions.begin();
        long rows = tx.<Long, Object[]>openMap(PRIMARY).sizeAsLong();
        long entries = tx.<Object[], Boolean>openMap(BY_K).sizeAsLong();
        tx.commit();
        if (rows != entries) {
            throw new IllegalStateException(rows + " rows but " + entries + " index entries");
        }
        return rows;
    }

    /** A clean close: every change written, the file header updated, no compaction. */
    @Override
    public void close() {
        transactions.close();
        store.close();
    }
}
