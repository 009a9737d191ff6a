package io.persimmon.engine.pmem;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code madvise} on a mapping of the pool, through the FFM API: {@code MADV_RANDOM} for msync
 * mode, and {@code MADV_POPULATE_WRITE} to fault memory in ahead of its first write.
 *
 * <p>Why msync mode needs it: when Linux faults a mapped file in with read-ahead, it caches it in
 * large folios (up to 2 MiB), and msync writes back every dirty folio whole. A commit that dirtied
 * three pages of the log then wrote megabytes: on the 2-core machine of docs/benchmarks.md, an
 * msync of three appended pages took 1.5 to 2.5 ms past the first few tens of MB of a file, and
 * 0.15 to 0.24 ms with this advice, anywhere in the file. MADV_RANDOM turns read-ahead off for the
 * mapping, so each fault brings in one page and an msync writes the pages that changed.
 *
 * <p>Advice only: where it cannot be given (not Linux, native access not enabled for this module,
 * or the call fails) the mapping works as before, with costlier msyncs.
 */
final class PageAdvice {
    /** MADV_RANDOM: the same value on every Linux architecture. */
    private static final int MADV_RANDOM = 1;
    /** MADV_POPULATE_WRITE (Linux 5.14): fault pages in writable, as a write would, without writing. */
    private static final int MADV_POPULATE_WRITE = 23;
    private static final Optional<MethodHandle> MADVISE = find();

    private PageAdvice() {}

    /** Advises random access over {@code segment} (page-aligned, as a mapping is); whether it was taken. */
    static boolean random(MemorySegment segment) {
        return advise(segment, MADV_RANDOM);
    }

    /**
     * Faults {@code segment} (page-aligned) in writable, as a write to each page would, without
     * changing a byte; whether the kernel did. The kernel allocates and zeroes the pages a hole in
     * the file needs here, instead of in the thread that first writes them.
     */
    static boolean populateWrite(MemorySegment segment) {
        return advise(segment, MADV_POPULATE_WRITE);
    }

    /** {@code madvise(segment, advice)}; whether it returned 0. */
    private static boolean advise(MemorySegment segment, int advice) {
        if (MADVISE.isEmpty() || segment.byteSize() == 0) {
            return false;
        }
        try {
            return (int) MADVISE.get().invokeExact(segment, segment.byteSize(), advice) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    private static Optional<MethodHandle> find() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (!linux || !PageAdvice.class.getModule().isNativeAccessEnabled()) {
            return Optional.empty(); // calling without native access would print the JDK's warning
        }
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find("madvise").map(address -> linker.downcallHandle(address,
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT)));
    }
}
