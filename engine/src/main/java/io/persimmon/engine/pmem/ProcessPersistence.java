package io.persimmon.engine.pmem;

/**
 * {@code process} mode: no system call at all. Stores are in the page cache (of tmpfs or of a
 * file) the moment they are made, so they survive a killed process; they do not survive an OS
 * crash or a power failure. Flushes and fences are only counted.
 */
final class ProcessPersistence extends CountingPersistence {
    ProcessPersistence(PoolMapping mapping, LatencyEmulation emulation) {
        super(mapping, emulation);
    }

    @Override
    public PersistenceMode mode() {
        return PersistenceMode.PROCESS;
    }

    @Override
    protected void writeBack(long offset, long length) {
        // Nothing to do: the page cache already holds the stores.
    }

    @Override
    protected void drain() {
        // Nothing to do: see writeBack.
    }
}
