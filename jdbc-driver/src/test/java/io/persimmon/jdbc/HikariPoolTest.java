package io.persimmon.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The driver under HikariCP: several threads, autocommit off, transfers between a few accounts
 * (so that they conflict) mixed with snapshot reads, each transaction retried when it fails with
 * 40001. The final balances must be exactly the initial ones plus the transfers that committed,
 * the transfer log must hold exactly those, and every snapshot read must see the total intact.
 */
class HikariPoolTest {
    static final int ACCOUNTS = 8;
    static final long INITIAL = 1_000;
    static final int THREADS = 6;
    static final int TRANSACTIONS_PER_THREAD = 150;

    @TempDir
    Path dir;

    record Transfer(int id, int from, int to, long amount) {}

    @Test
    void shouldKeepEveryCommittedTransferAndNothingElse() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:persimmon:" + dir.resolve("bank.pool") + ";mode=process;isolation=REPEATABLE_READ;lockTimeout=5000");
        config.setMaximumPoolSize(THREADS);
        config.setAutoCommit(false);
        config.setConnectionTimeout(10_000);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE account (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
                s.execute("CREATE TABLE transfer (id INT PRIMARY KEY, from_id INT NOT NULL, to_id INT NOT NULL, amount BIGINT NOT NULL)");
                for (int i = 0; i < ACCOUNTS; i++) {
                    s.executeUpdate("INSERT INTO account VALUES (" + i + ", " + INITIAL + ")");
                }
                c.commit();
            }
            AtomicInteger ids = new AtomicInteger();
            AtomicInteger retries = new AtomicInteger();
            AtomicInteger reads = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            List<Future<List<Transfer>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(threads.submit(() -> work(pool, ids, retries, reads)));
            }
            List<Transfer> committed = new ArrayList<>();
            for (Future<List<Transfer>> f : results) {
                committed.addAll(f.get(5, TimeUnit.MINUTES));
            }
            threads.shutdown();

            long[] expected = new long[ACCOUNTS];
            java.util.Arrays.fill(expected, INITIAL);
            for (Transfer t : committed) {
                expected[t.from()] -= t.amount();
                expected[t.to()] += t.amount();
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT id, balance FROM account ORDER BY id")) {
                    for (int i = 0; i < ACCOUNTS; i++) {
                        assertTrue(rs.next());
                        assertEquals(i, rs.getInt(1));
                        assertEquals(expected[i], rs.getLong(2), "balance of account " + i);
                    }
                    assertFalse(rs.next());
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM transfer")) {
                    assertTrue(rs.next());
                    assertEquals(committed.size(), rs.getInt(1), "one log row per committed transfer");
                    assertEquals(committed.stream().mapToLong(Transfer::amount).sum(), rs.getLong(2));
                }
                c.commit();
            }
            assertTrue(reads.get() > 0);
            System.out.printf("HikariPoolTest: %d transfers committed, %d snapshot reads, %d retries after 40001%n",
                    committed.size(), reads.get(), retries.get());
        }
    }

    /** One thread's transactions: a transfer (two updates and a log row) or a snapshot read of the total. */
    static List<Transfer> work(HikariDataSource pool, AtomicInteger ids, AtomicInteger retries, AtomicInteger reads)
            throws SQLException {
        List<Transfer> committed = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int n = 0; n < TRANSACTIONS_PER_THREAD; n++) {
            boolean read = random.nextInt(4) == 0;
            int from = random.nextInt(ACCOUNTS);
            int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            long amount = 1 + random.nextInt(20);
            for (int attempt = 1; ; attempt++) {
                try (Connection c = pool.getConnection()) {
                    try {
                        if (read) {
                            assertEquals(ACCOUNTS * INITIAL, total(c), "a snapshot sees the total intact");
                            c.commit();
                            reads.incrementAndGet();
                        } else {
                            Transfer t = new Transfer(ids.incrementAndGet(), from, to, amount);
                            transfer(c, t);
                            c.commit(); // committed once this returns
                            committed.add(t);
                        }
                        break;
                    } catch (SQLException e) {
                        c.rollback();
                        if (!"40001".equals(e.getSQLState()) || attempt >= 50) {
                            throw e;
                        }
                        assertEquals(0, e.getErrorCode(), "40001 carries vendor code 0");
                        retries.incrementAndGet();
                    }
                }
            }
        }
        return committed;
    }

    static long total(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SUM(balance) FROM account")) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    static void transfer(Connection c, Transfer t) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = ?");
             PreparedStatement log = c.prepareStatement("INSERT INTO transfer VALUES (?, ?, ?, ?)")) {
            update.setLong(1, -t.amount());
            update.setInt(2, t.from());
            assertEquals(1, update.executeUpdate());
            update.setLong(1, t.amount());
            update.setInt(2, t.to());
            assertEquals(1, update.executeUpdate());
            log.setInt(1, t.id());
            log.setInt(2, t.from());
            log.setInt(3, t.to());
            log.setLong(4, t.amount());
            log.executeUpdate();
        }
    }
}
