package io.persimmon.jdbc;

import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.DatabaseOptions;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.sql.api.Session;
import io.persimmon.sql.api.SqlDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Opening and sharing databases. The SQL layer is not exercised here: the opener gives a
 * SqlDatabase that only records that it was closed (it runs no SQL).
 */
class DatabaseRegistryTest {
    @TempDir
    Path dir;

    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    DatabaseRegistry registry() {
        return registry(0);
    }

    /** A registry whose SQL layer takes {@code closeMillis} to close (as a checkpoint may). */
    DatabaseRegistry registry(long closeMillis) {
        return new DatabaseRegistry(db -> {
            opened.incrementAndGet();
            return new SqlDatabase() {
                @Override
                public Session openSession() throws SQLException {
                    throw new SQLException("no sessions in this test", "0A000");
                }

                @Override
                public Database database() {
                    return db;
                }

                @Override
                public void close() {
                    try {
                        Thread.sleep(closeMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    closed.incrementAndGet();
                }
            };
        });
    }

    JdbcUrl url(String options) throws SQLException {
        return JdbcUrl.parse("jdbc:persimmon:" + dir.resolve("r.pool") + ";mode=process" + options, null);
    }

    @Test
    void shouldShareOneDatabaseAndCloseItWithTheLastLease() throws Exception {
        DatabaseRegistry registry = registry();
        DatabaseRegistry.Lease a = registry.acquire(url(""));
        DatabaseRegistry.Lease b = registry.acquire(JdbcUrl.parse("jdbc:persimmon:" + dir + "/./sub/../r.pool", null));
        assertSame(a.database(), b.database(), "two spellings of one path are one database");
        assertEquals(1, opened.get());
        a.close();
        a.close(); // a second close of one lease does not count twice
        assertTrue(registry.isOpen(url("")));
        assertEquals(0, closed.get());
        b.close();
        assertFalse(registry.isOpen(url("")));
        assertEquals(1, closed.get());
        try (Database again = Database.open(dir.resolve("r.pool"), DatabaseOptions.defaults()
                .withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS)))) {
            assertNotNull(again, "the pool was really closed");
        }
    }

    @Test
    void shouldReopenAPoolThatIsClosingWhileAnotherThreadConnects() throws Exception {
        DatabaseRegistry registry = registry(5);
        JdbcUrl url = url("");
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        try (DatabaseRegistry.Lease lease = registry.acquire(url)) {
                            assertNotNull(lease.database().tables());
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : work) {
                f.get(); // an acquire racing the last release's close would fail with "already open"
            }
        } finally {
            threads.shutdownNow();
        }
        assertFalse(registry.isOpen(url));
        assertEquals(opened.get(), closed.get(), "every open was closed");
    }

    @Test
    void shouldRefuseToCreateWhenCreateIsFalse() throws SQLException {
        SQLException e = assertThrows(SQLException.class, () -> registry().acquire(url(";create=false")));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("r.pool")));
    }

    @Test
    void shouldRefuseConflictingOpenOptionsWhileOpen() throws Exception {
        DatabaseRegistry registry = registry();
        try (DatabaseRegistry.Lease a = registry.acquire(url(";lockTimeout=100"))) {
            SQLException e = assertThrows(SQLException.class, () -> registry.acquire(url(";lockTimeout=200")));
            assertTrue(e.getMessage().contains("lockTimeout=100"), e.getMessage());
            try (DatabaseRegistry.Lease same = registry.acquire(url(";lockTimeout=100;isolation=REPEATABLE_READ"))) {
                assertSame(a.database(), same.database());
            }
        }
    }

    @Test
    void shouldSayWhenThePoolIsOpenedOutsideTheDriver() throws Exception {
        try (Database direct = Database.open(dir.resolve("r.pool"), DatabaseOptions.defaults()
                .withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS)))) {
            SQLException e = assertThrows(SQLException.class, () -> registry().acquire(url("")));
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
        }
    }

    @Test
    void shouldCloseTheDatabaseWhenTheSqlLayerFailsToOpen() throws Exception {
        DatabaseRegistry failing = new DatabaseRegistry(db -> {
            throw new SQLException("SQL layer broken", "XX000");
        });
        assertThrows(SQLException.class, () -> failing.acquire(url("")));
        try (Database again = Database.open(dir.resolve("r.pool"), DatabaseOptions.defaults()
                .withPool(PoolOptions.defaults().withMode(PersistenceMode.PROCESS)))) {
            assertNotNull(again);
        }
    }

    @Test
    void shouldDeleteAMemoryDatabaseWithItsLastLease() throws Exception {
        DatabaseRegistry registry = registry();
        JdbcUrl mem = JdbcUrl.parse("jdbc:persimmon:mem:registry_test", null);
        Path file;
        try (DatabaseRegistry.Lease a = registry.acquire(mem)) {
            file = a.file();
            assertTrue(Files.exists(file));
            assertTrue(file.getFileName().toString().contains("registry_test"));
        }
        assertFalse(Files.exists(file), "a mem: pool is gone once closed");
        try (DatabaseRegistry.Lease b = registry.acquire(mem)) {
            assertTrue(b.database().tables().isEmpty(), "a mem: database starts empty each time");
        }
    }
}
