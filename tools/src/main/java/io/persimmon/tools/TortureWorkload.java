package io.persimmon.tools;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.catalog.IndexDefinition;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.DatabaseOptions;
import io.persimmon.engine.db.Isolation;
import io.persimmon.engine.db.Table;
import io.persimmon.engine.db.Transaction;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@code persimmon torture --workload random}: threads that insert, update and
 * delete rows of table TORTURE (secondary index TORTURE_BY_GRP) until the parent kills the process.
 * It reports on stdout, one flushed line each:
 * <pre>
 *   READY                           the database is open and the table exists
 *   B tx key=counter key=-counter   transaction tx is about to commit these writes (- is a delete)
 *   C tx                            tx's commit() returned: it is durable
 *   A tx CODE                       tx failed and was rolled back
 * </pre>
 * Each write takes a number from one counter while it holds the row's lock (after
 * {@code getForUpdate}), so for each key the numbers grow in the order its writes commit, and the
 * row written carries its number: the parent can tell which write a row shows.
 */
public final class TortureWorkload {
    static final String TABLE = "TORTURE";
    static final String INDEX = "TORTURE_BY_GRP";

    private TortureWorkload() {}

    /** The options of the torture database: process mode, small log areas so checkpoints are frequent. */
    static DatabaseOptions options() {
        return DatabaseOptions.defaults()
                .withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS))
                .withLog(4, 256 << 10)
                .withGcThreshold(2_000)
                .withLockTimeout(Duration.ofSeconds(5));
    }

    static TableDefinition definition() {
        return TableDefinition.of(TABLE, List.of(
                Column.notNull("ID", ColumnType.INTEGER),
                Column.notNull("VAL", ColumnType.BIGINT),
                Column.notNull("TXN", ColumnType.BIGINT),
                Column.notNull("GRP", ColumnType.INTEGER),
                Column.nullable("PAD", ColumnType.varchar(80))), "ID");
    }

    /** The row that write number {@code counter} of transaction {@code tx} puts at {@code key}. */
    static Object[] row(int key, long counter, long tx) {
        return new Object[] {key, counter, tx, (int) (counter % 13), "p" + Long.toString(counter, 36).repeat(1 + (int) (counter % 6))};
    }

    /**
     * Arguments: pool, threads, keys, first counter, first transaction id, seed. Runs until killed.
     */
    public static void main(String[] args) {
        Path pool = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int keys = Integer.parseInt(args[2]);
        AtomicLong counter = new AtomicLong(Long.parseLong(args[3]));
        AtomicLong txIds = new AtomicLong(Long.parseLong(args[4]));
        long seed = Long.parseLong(args[5]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Database db = Database.open(pool, options());
        Table table = db.findTable(TABLE).orElseGet(() -> db.createTable(definition()));
        if (db.findIndex(INDEX).isEmpty()) {
            db.createIndex(IndexDefinition.of(INDEX, table.definition(), false, "GRP"));
        }
        out.println("READY");
        for (int i = 0; i < threads; i++) {
            Random random = new Random(seed * 31 + i);
            Thread.ofPlatform().name("torture-" + i).start(() -> {
                while (true) {
                    transaction(db, table, random, keys, counter, txIds.getAndIncrement(), out);
                }
            });
        }
    }

    private static void transaction(Database db, Table table, Random random, int keys, AtomicLong counter, long tx,
                                    PrintStream out) {
        int[] chosen = random.ints(0, keys).distinct().limit(1 + random.nextInt(4)).sorted().toArray();
        StringBuilder intent = new StringBuilder("B ").append(tx);
        boolean announced = false;
        try (Transaction t = db.begin(Isolation.READ_COMMITTED)) {
            for (int key : chosen) {
                byte[] k = table.key(key);
                Object[] current = t.getForUpdate(table, k); // the row's lock is held from here on
                long c = counter.getAndIncrement();
                if (current == null) {
                    t.insert(table, row(key, c, tx));
                    intent.append(' ').append(key).append('=').append(c);
                } else if (random.nextInt(4) == 0) {
                    t.delete(table, k);
                    intent.append(' ').append(key).append("=-").append(c);
                } else {
                    t.update(table, k, row(key, c, tx));
                    intent.append(' ').append(key).append('=').append(c);
                }
            }
            out.println(intent);
            announced = true;
            t.commit();
            out.println("C " + tx);
        } catch (PersimmonException e) {
            if (announced) {
                out.println("A " + tx + " " + e.code());
            }
        }
    }
}
