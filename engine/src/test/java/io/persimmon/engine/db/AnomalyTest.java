package io.persimmon.engine.db;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.catalog.TableDefinition;
import io.persimmon.engine.row.Column;
import io.persimmon.engine.row.ColumnType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The anomalies snapshot isolation prevents (dirty read, lost update, read skew, non-repeatable
 * read) and the one it allows (write skew, as in PostgreSQL's REPEATABLE READ), and a bank-transfer
 * stress test whose final balances must equal the model of the transfers that committed.
 */
class AnomalyTest {
    @TempDir
    Path dir;
    Database db;
    Table accounts;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("bank.pool"), DatabaseTest.options());
        accounts = db.createTable(TableDefinition.of("ACCOUNT", List.of(Column.notNull("ID", ColumnType.INTEGER),
                Column.notNull("BALANCE", ColumnType.BIGINT)), "ID"));
        try (Transaction tx = db.begin(Isolation.READ_COMMITTED)) {
            for (int i = 0; i < 20; i++) {
                tx.insert(accounts, new Object[] {i, 100L});
            }
            tx.commit();
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long balance(Transaction tx, int id) {
        return (Long) tx.get(accounts, accounts.key(id))[1];
    }

    private void transfer(Transaction tx, int from, int to, long amount) {
        tx.update(accounts, accounts.key(from), old -> new Object[] {from, (Long) old[1] - amount});
        tx.update(accounts, accounts.key(to), old -> new Object[] {to, (Long) old[1] + amount});
    }

    @Test
    void noReadSkewAndNoNonRepeatableReadUnderRepeatableRead() {
        try (Transaction reader = db.begin(Isolation.REPEATABLE_READ)) {
            long a = balance(reader, 0);
            try (Transaction writer = db.begin(Isolation.READ_COMMITTED)) {
                transfer(writer, 0, 1, 30);
                writer.commit();
            }
            assertEquals(a, balance(reader, 0), "non-repeatable read");
            assertEquals(200, a + balance(reader, 1), "read skew: the reader sees half a transfer");
        }
        try (Transaction later = db.begin(Isolation.READ_COMMITTED)) {
            assertEquals(70, balance(later, 0));
        }
    }

    @Test
    void noDirtyRead() {
        try (Transaction writer = db.begin(Isolation.READ_COMMITTED)) {
            transfer(writer, 2, 3, 50);
            try (Transaction reader = db.begin(Isolation.READ_COMMITTED)) {
                assertEquals(100, balance(reader, 2));
            }
            writer.rollback();
        }
    }

    /**
     * Write skew: two doctors on call, each may go off call if the other is on call; each checks,
     * then updates a different row. Snapshot isolation lets both commit (documented in
     * docs/engine-design.md); a test that fails the day it stops doing so.
     */
    @Test
    void writeSkewIsAllowedUnderSnapshotIsolation() {
        try (Transaction alice = db.begin(Isolation.REPEATABLE_READ);
             Transaction bob = db.begin(Isolation.REPEATABLE_READ)) {
            assertEquals(200, balance(alice, 4) + balance(alice, 5));
            assertEquals(200, balance(bob, 4) + balance(bob, 5));
            // Each may withdraw 150 from one account as long as the pair keeps a non-negative sum.
            alice.update(accounts, accounts.key(4), new Object[] {4, -50L});
            bob.update(accounts, accounts.key(5), new Object[] {5, -50L});
            alice.commit();
            bob.commit();
        }
        try (Transaction check = db.begin(Isolation.REPEATABLE_READ)) {
            assertEquals(-100, balance(check, 4) + balance(check, 5), "both withdrawals committed: write skew");
        }
    }

    @Test
    void concurrentTransfersMatchTheModelOfWhatCommitted() throws Exception {
        int threads = 4;
        AtomicLongArray model = new AtomicLongArray(20);
        for (int i = 0; i < 20; i++) {
            model.set(i, 100);
        }
        AtomicLong committed = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            long seed = w;
            writers.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (int n = 0; n < 300; n++) {
                    int from = random.nextInt(20);
                    int to = (from + 1 + random.nextInt(19)) % 20;
                    long amount = 1 + random.nextInt(20);
                    Isolation isolation = random.nextBoolean() ? Isolation.REPEATABLE_READ : Isolation.READ_COMMITTED;
                    try (Transaction tx = db.begin(isolation)) {
                        transfer(tx, from, to, amount);
                        tx.commit();
                        model.addAndGet(from, -amount);
                        model.addAndGet(to, amount);
                        committed.incrementAndGet();
                    } catch (PersimmonException e) {
                        if (e.code() != ErrorCode.SERIALIZATION_FAILURE && e.code() != ErrorCode.DEADLOCK) {
                            throw e;
                        }
                        retried.incrementAndGet();
                    }
                }
            }));
        }
        Future<Long> auditor = pool.submit(() -> {
            long audits = 0;
            while (!stop.get()) {
                try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
                    long total = 0;
                    try (RowCursor c = tx.scan(accounts, KeyRange.ALL, false)) {
                        while (c.next()) {
                            total += (Long) c.row()[1];
                        }
                    }
                    assertEquals(2000, total, "a snapshot saw money appear or vanish");
                    audits++;
                }
            }
            return audits;
        });
        for (Future<?> f : writers) {
            f.get(120, TimeUnit.SECONDS);
        }
        stop.set(true);
        assertTrue(auditor.get(30, TimeUnit.SECONDS) > 0);
        pool.shutdown();
        assertTrue(committed.get() > 0);
        try (Transaction tx = db.begin(Isolation.REPEATABLE_READ)) {
            for (int i = 0; i < 20; i++) {
                assertEquals(model.get(i), balance(tx, i), "account " + i);
            }
        }
        assertTrue(db.check().passed());
        System.out.println("transfers: " + committed.get() + " committed, " + retried.get() + " failed and counted out");
    }
}
