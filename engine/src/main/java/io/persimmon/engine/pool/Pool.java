package io.persimmon.engine.pool;

import io.persimmon.engine.EngineLog;
import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.alloc.Allocator;
import io.persimmon.engine.alloc.BitmapDirectory;
import io.persimmon.engine.alloc.CheckpointPlan;
import io.persimmon.engine.pmem.Persistence;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pmem.Persistences;
import io.persimmon.engine.pmem.PoolMapping;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/**
 * An open pool: the mapped file, its persistence, its allocator and its newest durable header.
 *
 * <p>A checkpoint ({@link #checkpoint}) publishes a new set of roots: the allocator writes its
 * bitmap, one fence makes every block the new roots name durable, then the other header copy is
 * written and fenced. Until that last fence the previous header, and everything it names, stays
 * intact (docs/crash-consistency.md, H1–H3).
 */
public final class Pool implements AutoCloseable {
    private final PoolMapping mapping;
    private final Persistence persistence;
    private final PoolOptions options;
    private final Allocator allocator;
    private final PoolHeader.Decoded otherCopyAtOpen;
    private volatile PoolHeader header;
    private volatile RuntimeException failure;
    private boolean closed;

    private Pool(PoolMapping mapping, Persistence persistence, PoolOptions options, HeaderChoice choice) {
        this.mapping = mapping;
        this.persistence = persistence;
        this.options = options;
        this.header = choice.header();
        this.otherCopyAtOpen = choice.otherCopy();
        long root = header.root(RootSlot.ALLOCATOR);
        BitmapDirectory directory = root == 0 ? null : BitmapDirectory.read(mapping.segment(), root);
        this.allocator = Allocator.open(new PoolSpace(), persistence, mapping.size(), directory,
                header.sequence(), HeaderLayout.REGION_SIZE);
    }

    /**
     * Opens the pool at {@code path}, creating it first when it is missing and
     * {@link PoolOptions#create()} allows. Refusals (not a pool, damaged, too new or too old, open
     * elsewhere, not accessible) leave the file untouched.
     */
    public static Pool open(Path path, PoolOptions options) {
        io.persimmon.engine.pmem.AccessWarmUp.start();
        if (!Files.exists(path)) {
            if (!options.create()) {
                throw new PersimmonException(ErrorCode.NOT_ACCESSIBLE, "pool " + path.toAbsolutePath()
                        + " does not exist (and creating it was not asked for)");
            }
            createAtomically(path, options);
        }
        PoolMapping mapping = PoolMapping.lock(path, false, options.deleteOnClose());
        Persistence persistence = null;
        try {
            HeaderChoice choice = HeaderChoice.choose(mapping.path(),
                    mapping.read(0, HeaderLayout.REGION_SIZE));
            persistence = Persistences.open(mapping, options.mode(), options.emulation());
            Pool pool = new Pool(mapping, persistence, options, choice);
            pool.warnOfDamagedCopy();
            return pool;
        } catch (RuntimeException e) {
            if (persistence != null) {
                persistence.close();
            }
            mapping.close();
            throw e;
        }
    }

    /**
     * Builds a new pool beside {@code path} and links it into place, so that a crash while
     * creating leaves either no pool or a complete one (never a file that is not a pool). The
     * temporary file is locked while it is built; a second creator waits for the first.
     */
    private static void createAtomically(Path path, PoolOptions options) {
        Path absolute = path.toAbsolutePath().normalize();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".creating");
        PoolMapping mapping = lockTemporary(absolute, temporary);
        if (mapping == null) {
            return; // another creator finished it
        }
        Persistence persistence = null;
        try {
            mapping.grow(options.initialSize(), false);
            persistence = Persistences.open(mapping, options.mode(), options.emulation());
            PoolHeader first = PoolHeader.fresh(options.pageSize(), UUID.randomUUID(), System.currentTimeMillis());
            first.writeTo(mapping.segment());
            persistence.persist(0, HeaderLayout.REGION_SIZE);
            Pool pool = new Pool(mapping, persistence, options, new HeaderChoice(first, new PoolHeader.Decoded.NoMagic()));
            pool.checkpoint(Map.of());
            if (persistence.growthNeedsMetadataSync()) {
                mapping.forceMetadata();
            }
            publish(temporary, absolute);
        } finally {
            if (persistence != null) {
                persistence.close();
            }
            mapping.close();
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // best effort: the next creation removes it
            }
        }
    }

    /** Locks a fresh temporary file; null when another process created the pool meanwhile. */
    private static PoolMapping lockTemporary(Path absolute, Path temporary) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            if (Files.exists(absolute)) {
                return null;
            }
            try {
                if (Files.exists(temporary)) {
                    // Left by a creation that crashed (then its lock is free), or being built now.
                    PoolMapping stale = PoolMapping.lock(temporary, false, false);
                    stale.close();
                    Files.deleteIfExists(temporary);
                }
                return PoolMapping.lock(temporary, true, false);
            } catch (PersimmonException e) {
                if (e.code() != ErrorCode.LOCKED_BY_OTHER_PROCESS && e.code() != ErrorCode.IO_ERROR) {
                    throw e;
                }
            } catch (IOException e) {
                throw new PersimmonException(ErrorCode.IO_ERROR, "cannot remove " + temporary + ": " + e, e);
            }
            if (System.nanoTime() > deadline) {
                throw new PersimmonException(ErrorCode.LOCKED_BY_OTHER_PROCESS, "pool " + absolute
                        + " is being created by another process that has not finished in 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PersimmonException(ErrorCode.CANCELLED, "interrupted while waiting to create " + absolute);
            }
        }
    }

    /** Makes the finished pool visible under its name; never replaces a pool that is there. */
    private static void publish(Path temporary, Path absolute) {
        try {
            try {
                Files.createLink(absolute, temporary); // fails if the name exists: never replaces a pool
            } catch (UnsupportedOperationException e) {
                Files.move(temporary, absolute); // no REPLACE_EXISTING: fails if the name exists
            }
            syncDirectory(absolute.getParent());
        } catch (FileAlreadyExistsException e) {
            // Another process created it meanwhile: ours is dropped and theirs opened.
        } catch (IOException e) {
            throw new PersimmonException(ErrorCode.IO_ERROR, "cannot create pool " + absolute + ": " + e, e);
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not every file system can sync a directory; the rename is then as durable as it gets.
        }
    }

    /**
     * Opening writes nothing (R1: recovery must claim the log's blocks before anything allocates).
     * A damaged copy is the one the next header goes to (the copies alternate), and the owner of
     * the pool writes one as soon as recovery ends ({@link #beginSession}), which repairs it.
     */
    private void warnOfDamagedCopy() {
        if (otherCopyAtOpen instanceof PoolHeader.Decoded.Damaged damaged) {
            EngineLog.warning("io.persimmon.engine.pool", "pool {0}: header copy {1} is damaged ({2}); opened from copy {3}; "
                    + "the next header written rewrites the damaged one", mapping.path(), 1 - header.copyIndex(),
                    damaged.why(), header.copyIndex());
        }
    }

    /**
     * Publishes a checkpoint: the roots in {@code changedRoots} replace the current ones, the
     * allocator's bitmap is written, and the next header copy names them all. The blocks the new
     * roots name must have been flushed by this thread already: the first fence here covers them.
     */
    public synchronized PoolHeader checkpoint(Map<RootSlot, Long> changedRoots) {
        checkUsable();
        PoolHeader current = header;
        long[] roots = current.roots().clone();
        for (Map.Entry<RootSlot, Long> e : changedRoots.entrySet()) {
            roots[e.getKey().index()] = e.getValue();
        }
        return publish(current, roots, allocator.prepareCheckpoint(current.sequence() + 1));
    }

    /**
     * Begins a session on this pool without a checkpoint: a header copy with the next sequence
     * that names the same state as the header the pool was opened from (every root the same, the
     * allocator's the same bitmap pages under a new directory carrying the new sequence; see
     * {@link Allocator#prepareSession}). What recovery replayed and claimed is not in it: it stays
     * in the log, after the start this header names, for the session's first checkpoint. Its
     * sequence is the generation of the session's records (C6), and it rewrites the copy a crash
     * tore or damage hit (H3). Two fences.
     */
    public synchronized PoolHeader beginSession() {
        checkUsable();
        PoolHeader current = header;
        return publish(current, current.roots().clone(), allocator.prepareSession(current.sequence() + 1));
    }

    private PoolHeader publish(PoolHeader current, long[] roots, CheckpointPlan plan) {
        roots[RootSlot.ALLOCATOR.index()] = plan.directoryOffset();
        PoolHeader next = current.next(roots);
        try {
            // H1: everything the new header names (the caller's blocks, the bitmap) is durable
            // before the header is written; a crash up to here leaves the old header in charge.
            persistence.fence();
            next.writeTo(mapping.segment());
            // H2: the header copy is the publish point. A crash before this fence completes leaves
            // the copy torn (it fails its checksum) or whole; either way one valid copy names an
            // intact state, because nothing the older copy names is reused until this one is durable.
            persistence.persist(HeaderLayout.copyOffset(next.copyIndex()), HeaderLayout.COPY_SIZE);
        } catch (RuntimeException e) {
            failure = e;
            allocator.checkpointAbandoned(plan);
            throw new PersimmonException(ErrorCode.IO_ERROR, "checkpoint of " + mapping.path()
                    + " failed; the pool refuses further writes until reopened: " + e.getMessage(), e);
        }
        header = next;
        allocator.checkpointDurable(plan);
        return next;
    }

    private void checkUsable() {
        if (closed) {
            throw new PersimmonException(ErrorCode.CLOSED, "pool " + mapping.path() + " is closed");
        }
        if (failure != null) {
            throw new PersimmonException(ErrorCode.IO_ERROR, "pool " + mapping.path()
                    + " refuses writes after an earlier failure: " + failure.getMessage(), failure);
        }
    }

    /** Bytes above the allocator's frontier that {@link #prefaultAhead} keeps faulted in. */
    public static final long PREFAULT_AHEAD = 32L << 20;
    /** The mapping {@link #prefaultAhead} last populated, and where it got to in it. */
    private MemorySegment prefaulted;
    private long prefaultedTo;

    /**
     * Faults in the memory just above the allocator's frontier, where the next blocks will be
     * written, up to {@link #PREFAULT_AHEAD} past it ({@link PoolMapping#populate}). For the
     * background thread, the only caller. Nothing is written and nothing persists: a crash here
     * leaves the pool as it was.
     *
     * <p>Why: a commit applies its versions into freshly allocated blocks, and the first write to
     * a page of the file that was never written faults; the kernel then allocates and zeroes the
     * page (with read-ahead, a large folio of them) in the committing thread. In a ten-row insert
     * of {@code EngineVsH2Benchmark} that was a fifth of the commit thread's time (perf, kernel
     * {@code memset} under {@code filemap_fault}); here it is the background thread's.
     */
    public void prefaultAhead() {
        if (persistence.mode() == PersistenceMode.MSYNC) {
            // Not in msync mode: a populated page is dirty, and the next msync whose span covers it
            // would write its zeros to the disk before the data that later lands there.
            return;
        }
        MemorySegment current = mapping.segment();
        if (current == null) {
            return; // closed under a database that was not (a test's simulated crash): nothing to fault in
        }
        if (current != prefaulted) {
            prefaulted = current; // a new mapping after growth: its page tables start empty
            prefaultedTo = 0;
        }
        long frontier = allocator.frontierBytes();
        long from = Math.max(prefaultedTo, frontier);
        long to = Math.min(current.byteSize(), frontier + PREFAULT_AHEAD);
        if (from < to) {
            mapping.populate(from, to);
            prefaultedTo = to; // not retried when refused (an older kernel): the commit faults as before
        }
    }

    /** The mapping of the whole pool; re-read after growth (older segments stay valid). */
    public MemorySegment segment() {
        return mapping.segment();
    }

    /**
     * {@link #segment()} as a supplier, for structures that must see the pool after it grows. An
     * object of its own, not {@code pool::segment}: every open makes the log's and the tables'
     * suppliers, first thing in a restarted JVM, where each method reference's first use costs an
     * invokedynamic bootstrap and a generated class.
     */
    public java.util.function.Supplier<MemorySegment> segments() {
        return segments;
    }

    private final java.util.function.Supplier<MemorySegment> segments = new java.util.function.Supplier<>() {
        @Override
        public MemorySegment get() {
            return mapping.segment();
        }
    };

    public Persistence persistence() {
        return persistence;
    }

    public Allocator allocator() {
        return allocator;
    }

    /** The newest durable header. */
    public PoolHeader header() {
        return header;
    }

    /** What the header copy not chosen at open held. */
    public PoolHeader.Decoded otherCopyAtOpen() {
        return otherCopyAtOpen;
    }

    public PoolOptions options() {
        return options;
    }

    public Path path() {
        return mapping.path();
    }

    /** Bytes mapped now. */
    public long size() {
        return mapping.size();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            persistence.close();
        } finally {
            mapping.close();
        }
    }

    /** Growth on the allocator's demand: doubling, in whole chunks, up to the maximum size. */
    private final class PoolSpace implements Allocator.Space {
        @Override
        public MemorySegment segment() {
            return mapping.segment();
        }

        @Override
        public long grow(long minimumBytes) {
            long max = options.maxSize();
            if (minimumBytes > max) {
                throw new PersimmonException(ErrorCode.POOL_FULL, "pool " + mapping.path()
                        + " is full: it has reached its maximum size of " + max
                        + " bytes (raise the maxSize option)");
            }
            long target = Math.min(max, PoolOptions.roundToChunk(Math.max(minimumBytes, mapping.size() * 2)));
            mapping.grow(target, persistence.growthNeedsMetadataSync());
            persistence.mappingGrown(target);
            return mapping.size();
        }

        @Override
        public long maxBytes() {
            return options.maxSize();
        }
    }
}
