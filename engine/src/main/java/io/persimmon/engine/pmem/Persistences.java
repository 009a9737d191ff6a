package io.persimmon.engine.pmem;

import io.persimmon.engine.EngineLog;
import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

/** Maps a locked pool file in the requested mode and returns its {@link Persistence}. */
public final class Persistences {
    private Persistences() {}

    /**
     * Maps {@code mapping} and returns the persistence of {@code requested}. {@code AUTO} tries
     * MAP_SYNC (persistent memory through DAX), else takes {@code process} on tmpfs and
     * {@code msync} on any other file system, and logs the fallback. A requested {@code dax} that
     * the file system cannot give fails with {@link ErrorCode#MODE_UNAVAILABLE}.
     */
    public static Persistence open(PoolMapping mapping, PersistenceMode requested, LatencyEmulation emulation) {
        return switch (requested) {
            case DAX -> {
                mapping.map(true);
                yield new DaxPersistence(mapping, emulation);
            }
            case MSYNC -> {
                mapping.map(false);
                yield new MsyncPersistence(mapping, emulation);
            }
            case PROCESS -> {
                mapping.map(false);
                yield new ProcessPersistence(mapping, emulation);
            }
            case SIM -> {
                mapping.map(false);
                yield new SimPersistence(mapping, emulation);
            }
            case AUTO -> autoDetect(mapping, emulation);
        };
    }

    private static Persistence autoDetect(PoolMapping mapping, LatencyEmulation emulation) {
        try {
            mapping.map(true);
            EngineLog.info("io.persimmon.engine.pmem", "pool {0}: persistent memory (MAP_SYNC through DAX); mode dax",
                    mapping.path());
            return new DaxPersistence(mapping, emulation);
        } catch (PersimmonException e) {
            if (e.code() != ErrorCode.MODE_UNAVAILABLE) {
                throw e;
            }
        }
        mapping.map(false);
        String store = mapping.fileStoreType();
        if (isMemoryFileSystem(store)) {
            EngineLog.info("io.persimmon.engine.pmem", "pool {0}: no DAX here (file system {1}); falling back to mode "
                    + "process: commits survive a killed process, not a power failure", mapping.path(), store);
            return new ProcessPersistence(mapping, emulation);
        }
        EngineLog.info("io.persimmon.engine.pmem", "pool {0}: no DAX here (file system {1}); falling back to mode "
                + "msync: commits are msync'ed and survive a power failure", mapping.path(), store);
        return new MsyncPersistence(mapping, emulation);
    }

    /** Whether a file system keeps its files only in memory (so msync would buy nothing). */
    public static boolean isMemoryFileSystem(String type) {
        return type.equals("tmpfs") || type.equals("ramfs") || type.equals("devtmpfs");
    }
}
