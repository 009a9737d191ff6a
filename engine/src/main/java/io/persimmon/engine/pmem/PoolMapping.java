package io.persimmon.engine.pmem;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pool file, locked and mapped whole as one {@link MemorySegment}.
 *
 * <p>Every reference inside the pool is an offset from its start, so the pool maps anywhere. When
 * the pool grows, the file is extended and mapped again; earlier mappings stay valid (they share
 * the file's pages) until {@link #close()}, so a reader holding an old segment never faults.
 *
 * <p>The file lock refuses a second process; a set of open paths refuses a second open in this JVM.
 */
public final class PoolMapping implements AutoCloseable {
    private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final Path lockKey;
    private final FileChannel channel;
    private final FileLock lock;
    private volatile boolean syncMapping;
    /** Whether each mapping gets {@link PageAdvice#random} (msync mode), remaps after growth included. */
    private volatile boolean randomAccess;
    private final boolean deleteOnClose;
    private final List<Arena> arenas = new ArrayList<>();
    private volatile MemorySegment segment;
    private boolean closed;

    private PoolMapping(Path path, Path lockKey, FileChannel channel, FileLock lock,
                        boolean deleteOnClose) {
        this.path = path;
        this.lockKey = lockKey;
        this.channel = channel;
        this.lock = lock;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Opens (and locks) an existing pool file or creates a new one, without mapping it yet.
     * Nothing is written to an existing file here.
     */
    public static PoolMapping lock(Path path, boolean create, boolean deleteOnClose) {
        Path absolute = path.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new PersimmonException(ErrorCode.NOT_ACCESSIBLE, "cannot open pool " + absolute
                    + ": it is a directory");
        }
        boolean exists = Files.exists(absolute);
        if (!exists && !create) {
            throw new PersimmonException(ErrorCode.NOT_ACCESSIBLE, "cannot open pool " + absolute
                    + ": no such file");
        }
        if (exists && (!Files.isReadable(absolute) || !Files.isWritable(absolute))) {
            throw new PersimmonException(ErrorCode.NOT_ACCESSIBLE, "cannot open pool " + absolute
                    + ": the file is not " + (Files.isReadable(absolute) ? "writable" : "readable"));
        }
        FileChannel channel;
        try {
            channel = exists
                    ? FileChannel.open(absolute, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(absolute, StandardOpenOption.READ, StandardOpenOption.WRITE,
                            StandardOpenOption.CREATE_NEW);
        } catch (AccessDeniedException e) {
            throw new PersimmonException(ErrorCode.NOT_ACCESSIBLE, "cannot open pool " + absolute
                    + ": permission denied", e);
        } catch (NoSuchFileException e) {
            throw new PersimmonException(ErrorCode.NOT_ACCESSIBLE, "cannot create pool " + absolute
                    + ": its directory does not exist", e);
        } catch (IOException e) {
            throw new PersimmonException(ErrorCode.IO_ERROR, "cannot open pool " + absolute + ": " + e, e);
        }
        Path key = lockKey(absolute);
        if (!OPEN_IN_THIS_JVM.add(key)) {
            closeQuietly(channel);
            throw new PersimmonException(ErrorCode.ALREADY_OPEN, "pool " + absolute
                    + " is already open in this process; share the open database instead of opening it twice");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            OPEN_IN_THIS_JVM.remove(key);
            closeQuietly(channel);
            throw new PersimmonException(ErrorCode.LOCKED_BY_OTHER_PROCESS, "pool " + absolute
                    + " is open in another process (its file lock is held); close that process first");
        }
        return new PoolMapping(absolute, key, channel, lock, deleteOnClose);
    }

    private static Path lockKey(Path absolute) {
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }

    /** Size of the file in bytes, as it is now (0 for a new file). */
    public long fileSize() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new PersimmonException(ErrorCode.IO_ERROR, "cannot read the size of " + path + ": " + e, e);
        }
    }

    /** Reads {@code length} bytes at {@code position} through the channel, without mapping. */
    public ByteBuffer read(long position, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new PersimmonException(ErrorCode.IO_ERROR, "cannot read " + path + ": " + e, e);
        }
        return buffer.flip();
    }

    /**
     * Maps the file whole. With {@code sync}, asks for a MAP_SYNC mapping (persistent memory through
     * DAX) and fails with {@link ErrorCode#MODE_UNAVAILABLE} where the file system does not offer it.
     */
    public void map(boolean sync) {
        this.syncMapping = sync;
        remap(fileSize());
    }

    /** Extends the file to {@code newSize} bytes and maps it again if mapped; earlier segments stay valid. */
    public synchronized void grow(long newSize, boolean makeSizeDurable) {
        long current = fileSize();
        if (newSize <= current) {
            return;
        }
        try {
            channel.write(ByteBuffer.allocate(1), newSize - 1);
            if (makeSizeDurable) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new PersimmonException(ErrorCode.IO_ERROR, "cannot grow pool " + path + " to "
                    + newSize + " bytes: " + e, e);
        }
        if (segment != null) { // before the first map(), growth only sizes the file
            remap(newSize);
        }
    }

    private synchronized void remap(long size) {
        Arena arena = Arena.ofShared();
        try {
            FileChannel.MapMode mode = syncMapping
                    ? jdk.nio.mapmode.ExtendedMapMode.READ_WRITE_SYNC
                    : FileChannel.MapMode.READ_WRITE;
            MemorySegment mapped = channel.map(mode, 0, size, arena);
            if (randomAccess) {
                PageAdvice.random(mapped);
            }
            segment = mapped;
            arenas.add(arena);
        } catch (IOException | UnsupportedOperationException e) {
            arena.close();
            if (syncMapping) {
                throw new PersimmonException(ErrorCode.MODE_UNAVAILABLE, "cannot map " + path
                        + " with MAP_SYNC (persistent memory through DAX): " + e.getMessage(), e);
            }
            throw new PersimmonException(ErrorCode.IO_ERROR, "cannot map " + path + ": " + e, e);
        }
    }

    /**
     * Asks the kernel to cache this pool page by page, for this mapping and every later one, so
     * that an msync writes back the pages that changed rather than whole large folios
     * ({@link PageAdvice}). Returns whether the advice was taken.
     */
    public synchronized boolean adviseRandomAccess() {
        randomAccess = true;
        return PageAdvice.random(segment);
    }

    /**
     * Faults bytes [{@code from}, {@code to}) of the current mapping in writable without writing
     * them ({@link PageAdvice#populateWrite}), bounded by the mapping; whether the kernel did. Not
     * synchronized: it may take milliseconds, and growth must not wait for it (a growth meanwhile
     * leaves this populating the older mapping, which stays valid).
     */
    public boolean populate(long from, long to) {
        MemorySegment s = segment;
        long start = from & -PAGE;
        long end = Math.min(s.byteSize(), (to + PAGE - 1) & -PAGE);
        return start < end && PageAdvice.populateWrite(s.asSlice(start, end - start));
    }

    private static final long PAGE = 4096;

    /** The current mapping of the whole pool. Re-read it after a {@link #grow}. */
    public MemorySegment segment() {
        return segment;
    }

    /** Bytes mapped. */
    public long size() {
        return segment.byteSize();
    }

    /** The pool file. */
    public Path path() {
        return path;
    }

    /** Whether the mapping is MAP_SYNC (DAX). */
    public boolean syncMapping() {
        return syncMapping;
    }

    /** Name of the file system type holding the pool (for example {@code tmpfs}, {@code ext4}). */
    public String fileStoreType() {
        try {
            return Files.getFileStore(path).type();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Makes file metadata (its size) durable. */
    public void forceMetadata() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new PersimmonException(ErrorCode.IO_ERROR, "cannot sync " + path + ": " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (Arena arena : arenas) {
                arena.close();
            }
            arenas.clear();
            segment = null;
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it as well
            }
            closeQuietly(channel);
            if (deleteOnClose) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a volatile pool that cannot be deleted is left for the OS to clean
        } finally {
            OPEN_IN_THIS_JVM.remove(lockKey);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do: we are giving up on this file
        }
    }
}
