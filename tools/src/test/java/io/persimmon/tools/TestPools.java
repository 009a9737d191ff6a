package io.persimmon.tools;

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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import picocli.CommandLine;

/** Pools built through the Database API for the tools' tests, and a way to run a command. */
final class TestPools {
    private TestPools() {}

    static DatabaseOptions options() {
        return DatabaseOptions.defaults().withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS))
                .withLog(2, 1 << 20);
    }

    /**
     * A closed database with table ITEMS (ID primary key, NAME, QTY) of {@code rows} rows, index
     * ITEMS_BY_NAME, and table EMPTY; row 1 updated three times (4 versions), row 2 deleted.
     */
    static Path items(Path dir, int rows) {
        Path file = dir.resolve("items.pool");
        try (Database db = Database.open(file, options())) {
            build(db, rows);
        }
        return file;
    }

    static void build(Database db, int rows) {
        Table t = db.createTable(TableDefinition.of("ITEMS", List.of(
                Column.notNull("ID", ColumnType.INTEGER),
                Column.nullable("NAME", ColumnType.varchar(40)),
                Column.nullable("QTY", ColumnType.BIGINT)), "ID"));
        db.createTable(TableDefinition.of("EMPTY", List.of(Column.notNull("K", ColumnType.INTEGER)), "K"));
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            for (int i = 1; i <= rows; i++) {
                tx.insert(t, new Object[] {i, "item-" + i, (long) i * 10});
            }
            tx.commit();
        }
        db.createIndex(IndexDefinition.of("ITEMS_BY_NAME", t.definition(), false, "NAME"));
        for (int round = 0; round < 3; round++) {
            long qty = round;
            inTransaction(db, tx -> tx.update(t, t.key(1), old -> new Object[] {1, old[1], qty}));
        }
        inTransaction(db, tx -> tx.delete(t, t.key(2)));
    }

    static void inTransaction(Database db, Consumer<Transaction> work) {
        try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
            work.accept(tx);
            tx.commit();
        }
    }

    /** What a command printed and returned. */
    record Run(int exit, String out, String err) {}

    /** Runs {@code persimmon args...} in this JVM, capturing its output. */
    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new PersimmonCli()).execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
