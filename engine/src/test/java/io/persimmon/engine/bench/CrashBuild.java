package io.persimmon.engine.bench;

import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.db.Transaction;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;

import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM that builds a database for {@link RecoveryTimeMeasurement} and is then killed
 * with SIGKILL ({@code Process.destroyForcibly}), a real kill -9: it fills the database, commits
 * 2,000 single-row transactions, prints the row count on one line once the last commit has
 * returned, and waits to be killed. Whatever each engine had made durable by then is all the file
 * holds; nothing runs at exit.
 *
 * <pre>java -cp ... io.persimmon.engine.bench.CrashBuild persimmon &lt;pool file&gt; &lt;bytes of data&gt;
 *java -cp ... io.persimmon.engine.bench.CrashBuild h2 &lt;store file&gt; &lt;rows&gt;</pre>
 *
 * Persimmon is filled to about the given bytes of allocated blocks (a table of 200-byte rows with
 * a secondary index), which decides the row count; H2 is then given the same rows.
 */
public final class CrashBuild {
    /** Single-row transactions committed after the fill: the work a crash leaves to recovery. */
    static final int LAST_COMMITS = 2000;
    /** Rows per transaction while filling. */
    private static final int BATCH = 1000;
    private static final String PAD = "p".repeat(180);
    private static final TableDefinition ROWS = TableDefinition.of("ROWS", List.of(
            Column.notNull("ID", ColumnType.BIGINT), Column.nullable("K", ColumnType.INTEGER),
            Column.nullable("PAD", ColumnType.varchar(200))), "ID");

    private CrashBuild() {}

    public static void main(String[] args) throws InterruptedException {
        Path file = Path.of(args[1]);
        long amount = Long.parseLong(args[2]);
        long rows = switch (args[0]) {
            case "persimmon" -> buildPersimmon(file, amount);
            case "h2" -> buildH2(file, amount);
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.out.println(rows);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // the parent kills this JVM once it has read the line
    }

    /**
     * Fills a Persimmon database to about {@code bytes}, checkpoints, then commits
     * {@link #LAST_COMMITS} single-row transactions, each durable when it returns ({@code process}
     * mode: its redo record is in the mapped file). Returns the rows in all.
     */
    private static long buildPersimmon(Path file, long bytes) {
        // Attached, without the background thread, whose checkpoints would leave recovery fewer records.
        Database db = Database.attach(Pool.open(file, RecoveryOpen.options().pool()), RecoveryOpen.options());
        Table t = db.createTable(ROWS);
        db.createIndex(IndexDefinition.of("BY_K", ROWS, false, "K"));
        long base = db.pool().allocator().allocatedBytes(); // the log areas and the catalog
        long id = 0;
        while (db.pool().allocator().allocatedBytes() - base < bytes) {
            insertPersimmon(db, t, id, BATCH);
            id += BATCH;
        }
        db.checkpoint();
        for (int i = 0; i < LAST_COMMITS; i++, id++) {
            insertPersimmon(db, t, id, 1);
        }
        return id;
    }

    private static void insertPersimmon(Database db, Table t, long first, int count) {
        try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
            for (long id = first; id < first + count; id++) {
                tx.insert(t, new Object[] {id, (int) (id % 1000), PAD});
            }
            tx.commit();
        }
    }

    /**
     * Fills an H2 store with {@code rows - LAST_COMMITS} rows, then commits the last
     * {@link #LAST_COMMITS} one row a transaction; every transaction durable when it returns (see
     * {@link H2Rows}). H2 has no separate checkpoint to take before them: each store commit
     * writes a new chunk with the maps' new roots.
     */
    private static long buildH2(Path file, long rows) {
        H2Rows h2 = H2Rows.open(file);
        long id = 0;
        while (id < rows - LAST_COMMITS) {
            int count = (int) Math.min(BATCH, rows - LAST_COMMITS - id);
            h2.insert(id, count, PAD);
            id += count;
        }
        for (; id < rows; id++) {
            h2.insert(id, 1, PAD);
        }
        return id;
    }
}
