package io.persimmon.engine.pmem;

import java.util.Locale;

/** How stores reach durable media; see docs/persistence.md for what each survives. */
public enum PersistenceMode {
    /** Persistent memory through a DAX mapping with MAP_SYNC: cache-line write-back and a fence. Survives power loss. */
    DAX("power failure"),
    /** An ordinary file: flushed pages are msync'ed at the fence, shared by concurrent committers. Survives power loss. */
    MSYNC("power failure"),
    /** No system call: stores live in the page cache (tmpfs or a file). Survives a killed process, not an OS crash. */
    PROCESS("process crash (kill -9), not an OS crash or power failure"),
    /** The crash simulator of the tests: durability is whatever the test decides. */
    SIM("whatever the test decides"),
    /** Let the pool decide: DAX where MAP_SYNC works, else msync for a regular file, process for tmpfs. */
    AUTO("depends on the mode chosen");

    private final String survives;

    PersistenceMode(String survives) {
        this.survives = survives;
    }

    /** What a commit in this mode survives, for people. */
    public String survives() {
        return survives;
    }

    /** The name used in URLs and tools: lower case. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an option value ({@code dax}, {@code msync}, {@code process}, {@code sim}, {@code auto}). */
    public static PersistenceMode parse(String text) {
        for (PersistenceMode mode : values()) {
            if (mode.optionName().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown persistence mode '" + text
                + "' (expected dax, msync, process, sim or auto)");
    }
}
