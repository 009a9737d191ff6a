package io.persimmon.jdbc;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.DatabaseOptions;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.sql.api.SqlDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The databases this JVM has open through the driver: one {@link Database} and one
 * {@link SqlDatabase} per pool, keyed by the pool's canonical path (or {@code mem:<name>}),
 * shared by every connection to it and closed when the last of them closes. A pool can be open
 * once per JVM (the engine refuses a second open), so every connection must come through here.
 *
 * <p>A volatile {@code mem:} database is a pool in a fresh file on tmpfs ({@code /dev/shm}) when
 * there is one, else in the temporary directory, opened in process mode and deleted on close
 * (or at JVM exit, if its connections were never closed).
 */
final class DatabaseRegistry {
    /** Builds the SQL layer over an open database. */
    interface SqlOpener {
        SqlDatabase open(Database database) throws SQLException;
    }

    /** The registry the driver uses. */
    static final DatabaseRegistry SHARED = new DatabaseRegistry(SqlLayer::open);

    private final SqlOpener opener;
    private final Map<String, Entry> open = new HashMap<>();

    DatabaseRegistry(SqlOpener opener) {
        this.opener = opener;
    }

    /** One open database and the connections that use it. */
    private static final class Entry {
        final String key;
        final JdbcUrl openedWith;
        final Path file;
        final Database database;
        final SqlDatabase sql;
        int users;

        Entry(String key, JdbcUrl openedWith, Path file, Database database, SqlDatabase sql) {
            this.key = key;
            this.openedWith = openedWith;
            this.file = file;
            this.database = database;
            this.sql = sql;
        }
    }

    /** A connection's use of an open database; closing it lets the database close when unused. */
    final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean released;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        SqlDatabase sql() {
            return entry.sql;
        }

        Database database() {
            return entry.database;
        }

        /** The file of the pool (for a mem: database, its temporary file). */
        Path file() {
            return entry.file;
        }

        /**
         * Releases the lease; the last one closes the database. It closes under the registry's
         * lock, so that a connection opened meanwhile waits and then opens the pool afresh
         * instead of finding it still open in this JVM.
         */
        @Override
        public void close() throws SQLException {
            synchronized (DatabaseRegistry.this) {
                if (released) {
                    return;
                }
                released = true;
                if (--entry.users > 0) {
                    return;
                }
                open.remove(entry.key);
                closeDatabase(entry);
            }
        }
    }

    /** Whether the database that {@code url} names is open (through this registry). */
    synchronized boolean isOpen(JdbcUrl url) throws SQLException {
        return open.containsKey(key(url));
    }

    /** A lease on the database {@code url} names, opening it when no connection has it open. */
    synchronized Lease acquire(JdbcUrl url) throws SQLException {
        String key = key(url);
        Entry entry = open.get(key);
        if (entry == null) {
            entry = openDatabase(key, url);
            open.put(key, entry);
        } else {
            requireCompatible(entry, url);
        }
        entry.users++;
        return new Lease(entry);
    }

    private Entry openDatabase(String key, JdbcUrl url) throws SQLException {
        Path file = url.memory() ? memoryFile(url.target()) : Path.of(url.target());
        PoolOptions pool = PoolOptions.defaults().withMode(url.mode()).withMaxSize(url.maxSize())
                .withCreate(url.memory() || url.create()).withDeleteOnClose(url.memory());
        DatabaseOptions options;
        Database database;
        try {
            options = DatabaseOptions.defaults().withPool(pool).withLockTimeout(url.lockTimeout());
            database = Database.open(file, options);
        } catch (PersimmonException e) {
            throw Errors.of(e);
        }
        try {
            SqlDatabase sql = opener.open(database);
            if (url.memory()) {
                MemoryFiles.deleteAtExit(file);
            }
            return new Entry(key, url, file, database, sql);
        } catch (SQLException | RuntimeException e) {
            try {
                database.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException re) {
                throw Errors.unexpected(re);
            }
            throw (SQLException) e;
        }
    }

    private static void closeDatabase(Entry entry) throws SQLException {
        SQLException failure = null;
        try {
            entry.sql.close();
        } catch (SQLException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = Errors.unexpected(e);
        }
        try {
            entry.database.close(); // the SQL layer may have closed it already: closing twice is harmless
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = Errors.unexpected(e);
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Options that decide how a pool is opened cannot differ between two URLs of one open pool. */
    private static void requireCompatible(Entry entry, JdbcUrl url) throws SQLException {
        for (JdbcUrl.Option o : new JdbcUrl.Option[] {JdbcUrl.Option.MODE, JdbcUrl.Option.MAX_SIZE,
                JdbcUrl.Option.LOCK_TIMEOUT}) {
            String asked = url.explicit().get(o);
            if (asked == null) {
                continue;
            }
            boolean same = switch (o) {
                case MODE -> url.mode() == entry.openedWith.mode();
                case MAX_SIZE -> url.maxSize() == entry.openedWith.maxSize();
                case LOCK_TIMEOUT -> url.lockTimeout().equals(entry.openedWith.lockTimeout());
                default -> true;
            };
            if (!same) {
                throw new SQLNonTransientConnectionException("database " + entry.key + " is already open in this JVM with "
                        + o.key() + "=" + entry.openedWith.value(o) + "; a connection cannot ask for " + o.key() + "="
                        + asked + " until every connection to it is closed", "08001");
            }
        }
    }

    /** The registry key: the canonical path of the pool file, or {@code mem:<name>}. */
    static String key(JdbcUrl url) throws SQLException {
        if (url.memory()) {
            return "mem:" + url.target();
        }
        Path p = Path.of(url.target()).toAbsolutePath().normalize();
        try {
            if (Files.exists(p)) {
                return p.toRealPath().toString();
            }
            Path parent = p.getParent();
            if (parent != null && Files.isDirectory(parent)) {
                return parent.toRealPath().resolve(p.getFileName()).toString();
            }
            return p.toString();
        } catch (IOException e) {
            throw new SQLNonTransientConnectionException("cannot resolve pool path " + p + ": " + e, "08001", e);
        }
    }

    /** A fresh file for the volatile database {@code name}. */
    private static Path memoryFile(String name) {
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return dir.resolve("persimmon-mem-" + name + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ".pool");
    }

    /** Removes the files of mem: databases still open when the JVM exits. */
    private static final class MemoryFiles {
        private static final java.util.Set<Path> FILES = java.util.concurrent.ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                for (Path f : FILES) {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException ignored) {
                        // best effort at exit
                    }
                }
            }));
        }

        static void deleteAtExit(Path file) {
            FILES.add(file);
        }
    }
}
