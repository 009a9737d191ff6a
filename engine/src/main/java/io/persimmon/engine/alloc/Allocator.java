package io.persimmon.engine.alloc;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pmem.Persistence;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;

import static io.persimmon.engine.alloc.AllocatorLayout.*;

/**
 * Hands out blocks of 64-byte lines: small blocks (up to 4 KiB) from chunks of one size class,
 * large ones as runs of whole chunks. Allocation never writes to the pool and never fences.
 *
 * <p>Three volatile bitmaps of lines:
 * <ul>
 *   <li>{@code live}: not available for allocation (allocated, allocator metadata, or freed but
 *       not yet safe to reuse);</li>
 *   <li>{@code committed}: allocated in the state that the next checkpoint will write;</li>
 *   <li>{@code checkpointed}: allocated in the state that the newest durable header names.</li>
 * </ul>
 *
 * <p>Reuse rules (docs/crash-consistency.md, A1–A4): a block freed after checkpoint n is free in
 * the bitmap of checkpoint n+1, and it is reused only once both header copies stop naming it,
 * that is once header n+2 is durable (or at once if no durable checkpoint ever held it), and once
 * no reader may still see it ({@link ReuseGate}). So either header copy always names an intact
 * state, and a crash can never find a reachable block overwritten.
 */
public final class Allocator {
    /** The pool as the allocator sees it: its bytes, and a way to grow. */
    public interface Space {
        MemorySegment segment();

        /** Grows the pool to at least {@code minimumBytes}; returns the new size, or throws POOL_FULL. */
        long grow(long minimumBytes);

        /** The size the pool may grow to. */
        long maxBytes();
    }

    /** Tells when no reader can still see a block freed at some epoch (see the MVCC layer). */
    public interface ReuseGate {
        /** The epoch to record with a block freed now. */
        long currentEpoch();

        /** Whether no reader can still see what was freed at {@code epoch}. */
        boolean quiescent(long epoch);

        /**
         * The bound below which every epoch is quiescent now: {@code quiescent(e)} is {@code e < bound},
         * computed once for a batch of blocks (readers entering later are in a later epoch).
         */
        long quiescentBelow();

        /** A gate for a pool without concurrent readers: always quiescent. */
        ReuseGate ALWAYS = new ReuseGate() {
            @Override
            public long currentEpoch() {
                return 0;
            }

            @Override
            public boolean quiescent(long epoch) {
                return true;
            }

            @Override
            public long quiescentBelow() {
                return Long.MAX_VALUE;
            }
        };
    }

    /** Line counts of the small size classes: 64 B to 4 KiB. */
    private static final int[] CLASSES = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64};
    private static final int LARGE = -1;
    private static final int NONE = 0;

    private final Space space;
    private final Persistence persistence;
    private final LineBitmap live;
    private final LineBitmap committed;
    private final LineBitmap checkpointed;
    private long capacityLines;
    private int[] chunkClass;
    private int[] chunkUsedLines;
    private int[] chunkSlotHint;
    /**
     * One past the highest chunk that has held a live block since the pool was opened: above it
     * the pool has not been written in this process (read by the background thread that faults
     * the pool in ahead of allocation, hence volatile).
     */
    private volatile int frontierChunk;
    private final BitSet emptyChunks = new BitSet();
    private final BitSet unassignedChunks = new BitSet();
    /** Chunks of each size class with free slots: [0] for data, [1] for checkpoint metadata. */
    private final ChunkSet[][] partialChunks = new ChunkSet[2][CLASSES.length];
    /** Chunks that serve checkpoint metadata: data never takes a slot in them (A5). */
    private final BitSet metadataChunks = new BitSet();
    private final BitSet dirtyPages = new BitSet();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private BitmapDirectory durable;
    private long durableSequence;
    /** Sequence of a checkpoint prepared but not yet durable or abandoned; 0 when none. */
    private long preparingSequence;
    private ReuseGate gate = ReuseGate.ALWAYS;
    /**
     * The directory the pool was opened from, whose bitmap pages the volatile state learns lazily
     * ({@link #ensureLoaded}); null once every page is loaded (and for a new pool).
     */
    private BitmapDirectory source;
    /** Bitmap pages (2 MiB of pool each) not loaded yet: their chunks are in no chunk set. */
    private final BitSet unloadedPages = new BitSet();
    /**
     * The blocks of the open's checkpoint metadata (its directory and its bitmap pages): live from
     * the open on, marked so as their pages load. Block i is lines [metadataLine[i], + metadataLines[i]);
     * the blocks within bitmap page p are a chain from metadataHead[p] through metadataNext (-1 ends it).
     */
    private long[] metadataLine;
    private long[] metadataLines;
    private int[] metadataNext;
    private int[] metadataHead;
    /** One past the last line of the open's metadata (0 for a new pool). */
    private long metadataEndLine;
    /** Whether {@link #frontierChunk} is what an open that loaded every page would have found. */
    private volatile boolean frontierKnown = true;

    private record Pending(long line, long lines, long reusableAfterSequence, long epoch) {}

    /** Bitmap words per 64 KiB chunk (its lines are a whole number of words). */
    private static final int WORDS_PER_CHUNK = LINES_PER_CHUNK / Long.SIZE;

    /** Chunks per bitmap page. */
    private static final int CHUNKS_PER_PAGE = WORDS_PER_BITMAP_PAGE / WORDS_PER_CHUNK;
    /** Lines per bitmap page. */
    private static final long LINES_PER_BITMAP_PAGE = (long) WORDS_PER_BITMAP_PAGE * Long.SIZE;

    /**
     * An allocator of {@code poolBytes} whose durable state is {@code source}'s bitmap (null: all
     * free). Nothing of the bitmap is read here: each bitmap page is loaded when a block of its
     * 2 MiB is first touched, when allocation needs more chunks, or by the background thread
     * ({@link #loadRemaining}), so opening costs the same whatever the pool's size.
     */
    private Allocator(Space space, Persistence persistence, long poolBytes, BitmapDirectory source) {
        this.space = space;
        this.persistence = persistence;
        this.capacityLines = (poolBytes / CHUNK) * LINES_PER_CHUNK;
        this.live = new LineBitmap(capacityLines);
        this.committed = new LineBitmap(capacityLines);
        this.checkpointed = new LineBitmap(capacityLines);
        for (int i = 0; i < CLASSES.length; i++) {
            partialChunks[0][i] = new ChunkSet();
            partialChunks[1][i] = new ChunkSet();
        }
        int chunks = (int) (capacityLines / LINES_PER_CHUNK);
        chunkClass = new int[chunks];
        chunkUsedLines = new int[chunks];
        chunkSlotHint = new int[chunks];
        if (source == null) {
            emptyChunks.set(0, chunks);
        } else {
            this.source = source;
            unloadedPages.set(0, bitmapPages(capacityLines * LINE));
        }
    }

    // ---------------------------------------------------------------- lazy loading of the bitmap

    /*
     * Why loading late is exact: until page p is loaded, nothing has read or changed a line of
     * its 2 MiB (every operation on a block loads the pages of its lines first, and allocation
     * takes only chunks of loaded pages, which are the only ones in the chunk sets). So when it is
     * loaded, the committed and checkpointed state of its lines is still the open's durable state,
     * which is what the page holds: every checkpoint since wrote it unchanged (a page not dirty
     * keeps its block, and that block stays live), so loading it from the open's directory
     * gives what loading everything at open would have given, plus nothing. A page that fails its
     * CRC is refused as corrupt when it is loaded, and stays unloaded.
     */

    /** Loads the pages of lines [line, line + lines) that are not loaded yet. */
    private void ensureLoaded(long line, long lines) {
        if (source == null || lines <= 0) {
            return;
        }
        int first = (int) (line / LINES_PER_BITMAP_PAGE);
        int last = (int) ((line + lines - 1) / LINES_PER_BITMAP_PAGE);
        for (int p = unloadedPages.nextSetBit(first); p >= 0 && p <= last; p = unloadedPages.nextSetBit(p + 1)) {
            loadPage(p);
        }
    }

    /**
     * Reserves the checkpoint metadata of {@code directory}, the state the pool opened from. Its
     * bitmap pages lie wherever the checkpoints that wrote them found room, hundreds of 2 MiB
     * pages apart in a large pool: marking them live here would load most of the bitmap, so each
     * is marked when its page loads, before anything can allocate from that page.
     */
    private void reserveOpeningMetadata(BitmapDirectory directory) {
        long[] offsets = directory.pageOffsets();
        long dirLines = linesCeil(directory.size());
        long dirLine = directory.offset() / LINE;
        int dirPages = (int) ((dirLine + dirLines - 1) / LINES_PER_BITMAP_PAGE - dirLine / LINES_PER_BITMAP_PAGE) + 1;
        int capacity = offsets.length + dirPages; // a block is chained once per page it touches
        metadataLine = new long[capacity];
        metadataLines = new long[capacity];
        metadataNext = new int[capacity];
        metadataHead = new int[bitmapPages(capacityLines * LINE)];
        java.util.Arrays.fill(metadataHead, -1);
        int n = chainMetadata(0, dirLine, dirLines);
        for (long page : offsets) {
            if (page != 0) {
                n = chainMetadata(n, page / LINE, BITMAP_PAGE / LINE);
            }
        }
    }

    private int chainMetadata(int n, long line, long lines) {
        metadataEndLine = Math.max(metadataEndLine, line + lines);
        long lastPage = (line + lines - 1) / LINES_PER_BITMAP_PAGE;
        for (long p = line / LINES_PER_BITMAP_PAGE; p <= lastPage && p < metadataHead.length; p++) {
            metadataLine[n] = line;
            metadataLines[n] = lines;
            metadataNext[n] = metadataHead[(int) p];
            metadataHead[(int) p] = n++;
        }
        return n;
    }

    /** Marks live the lines of the opening metadata that lie in page {@code p} (which is loading). */
    private void markOpeningMetadata(int p) {
        if (metadataHead == null || p >= metadataHead.length) {
            return;
        }
        long from = p * LINES_PER_BITMAP_PAGE;
        long to = from + LINES_PER_BITMAP_PAGE;
        for (int i = metadataHead[p]; i >= 0; i = metadataNext[i]) {
            long start = Math.max(from, metadataLine[i]);
            long end = Math.min(to, metadataLine[i] + metadataLines[i]);
            if (start < end) {
                // As markLive: a chunk of metadata only is then in no chunk set, so no data lands
                // in it until its metadata is freed and it is empty again.
                live.set(start, end - start);
                adjustChunks(start, end - start, +1);
            }
        }
    }

    /** Loads one more page for an allocation that found nothing in the loaded ones; false when all are. */
    private boolean loadAnotherPage(boolean metadata) {
        if (source == null) {
            return false;
        }
        // Data from the bottom, as it would have been placed with everything loaded; checkpoint
        // metadata from the top, where a grown pool has its empty chunks, so that the open's one
        // allocation (the session's directory) does not load the whole bitmap of a full pool.
        loadPage(metadata ? unloadedPages.previousSetBit(unloadedPages.length()) : unloadedPages.nextSetBit(0));
        return true;
    }

    private void loadAll() {
        while (source != null) {
            loadPage(unloadedPages.nextSetBit(0));
        }
    }

    private void loadPage(int p) {
        long[] words = source.loadPage(space.segment(), p); // CORRUPT if it fails its CRC: left unloaded
        if (words != null) {
            live.putPage(p, words);
            committed.putPage(p, words);
            checkpointed.putPage(p, words);
        }
        unloadedPages.clear(p);
        if (unloadedPages.isEmpty()) {
            source = null;
        }
        int end = Math.min(chunkClass.length, (p + 1) * CHUNKS_PER_PAGE);
        for (int c = p * CHUNKS_PER_PAGE; c < end; c++) {
            chunkUsedLines[c] = live.countSetInWords(c * WORDS_PER_CHUNK, WORDS_PER_CHUNK);
            (chunkUsedLines[c] == 0 ? emptyChunks : unassignedChunks).set(c);
            if (chunkUsedLines[c] != 0 && c >= frontierChunk) {
                frontierChunk = c + 1;
            }
        }
        markOpeningMetadata(p); // after the chunks of the bitmap, as the open marked them before
    }

    /**
     * Loads every bitmap page not loaded yet, one page per hold of the lock, so that commits go
     * on meanwhile. For the background thread, just after the open.
     */
    public void loadRemaining() {
        while (true) {
            synchronized (this) {
                if (source == null) {
                    return;
                }
                loadPage(unloadedPages.nextSetBit(0));
            }
        }
    }

    /** Bitmap pages not loaded yet (for tests). */
    synchronized int unloadedPages() {
        return unloadedPages.cardinality();
    }

    /**
     * The allocator of a new pool of {@code poolBytes}: everything free but the first
     * {@code reservedBytes} (the header), which are allocated for good.
     */
    public static Allocator create(Space space, Persistence persistence, long poolBytes, long reservedBytes) {
        Allocator allocator = new Allocator(space, persistence, poolBytes, null);
        long lines = linesCeil(reservedBytes);
        allocator.markLive(0, lines);
        allocator.committed.set(0, lines);
        allocator.dirtyPages.set(0);
        return allocator;
    }

    /**
     * The allocator of an existing pool, from the durable state of header {@code sequence}
     * ({@code directory} null for a pool that never checkpointed its allocator: then only the
     * first {@code reservedBytes} are allocated). The checkpoint's own metadata is reserved.
     */
    public static Allocator open(Space space, Persistence persistence, long poolBytes,
                                 BitmapDirectory directory, long sequence, long reservedBytes) {
        if (directory == null) {
            Allocator fresh = create(space, persistence, poolBytes, reservedBytes);
            fresh.durableSequence = sequence;
            return fresh;
        }
        Allocator allocator = new Allocator(space, persistence, poolBytes, directory);
        allocator.durable = directory;
        allocator.durableSequence = sequence;
        allocator.reserveOpeningMetadata(directory);
        allocator.frontierKnown = false;
        return allocator;
    }

    private static long linesCeil(long bytes) {
        return (bytes + LINE - 1) / LINE;
    }

    /** Installs the gate that tells when readers are done with freed blocks. */
    public synchronized void setReuseGate(ReuseGate gate) {
        this.gate = gate;
    }

    // ---------------------------------------------------------------- allocation

    /**
     * The pool offset below which every block allocated since the pool was opened lies (a whole
     * number of chunks). Allocation takes the lowest free chunk first, so fresh memory is taken
     * just above it. Any thread may read it.
     */
    public long frontierBytes() {
        if (!frontierKnown) {
            learnFrontier();
        }
        return (long) frontierChunk * CHUNK;
    }

    /**
     * Raises the frontier to what loading every page would have made it, loading one page: the
     * highest the open's directory stores (pages above it are all free), and counting the open's
     * metadata, which is marked as its pages load.
     */
    private synchronized void learnFrontier() {
        if (frontierKnown) {
            return;
        }
        if (source != null) {
            long[] offsets = source.pageOffsets();
            int top = offsets.length - 1;
            while (top >= 0 && offsets[top] == 0) {
                top--;
            }
            if (top >= 0 && unloadedPages.get(top)) {
                loadPage(top);
            }
        }
        if (metadataEndLine > 0) {
            frontierChunk = (int) Math.max(frontierChunk, (metadataEndLine + LINES_PER_CHUNK - 1) / LINES_PER_CHUNK);
        }
        frontierKnown = true;
    }

    /**
     * Allocates a block of at least {@code bytes} (rounded up to lines) and returns its pool offset.
     * A small block sits at a multiple of its size class within its 64 KiB chunk, so blocks of 4,
     * 8, 16, 32 and 64 lines are aligned to their size (256 B to 4 KiB); large blocks start a chunk.
     * Throws {@link ErrorCode#POOL_FULL} when the pool cannot grow enough; nothing changes then.
     */
    public synchronized long allocate(long bytes) {
        long lines = linesFor(bytes);
        long line = allocateLines(lines, false);
        committed.set(line, lines);
        markDirty(line, lines);
        return line * LINE;
    }

    /** Returns a block allocated since the newest durable checkpoint that nothing ever referenced. */
    public synchronized void release(long offset, long bytes) {
        long line = offset / LINE;
        long lines = linesFor(bytes);
        requireAllocated(offset, bytes);
        committed.clear(line, lines);
        markDirty(line, lines);
        if (checkpointed.isClear(line, lines)) {
            unmarkLive(line, lines);
        } else {
            pending.add(new Pending(line, lines, durableSequence + 2, gate.currentEpoch()));
        }
    }

    /**
     * Frees a block of the committed state. It is free in the next checkpoint; it is reused once
     * no header copy and no reader can reach it.
     */
    public synchronized void free(long offset, long bytes) {
        long line = offset / LINE;
        long lines = linesFor(bytes);
        requireAllocated(offset, bytes);
        committed.clear(line, lines);
        markDirty(line, lines);
        long epoch = gate.currentEpoch();
        if (preparingSequence != 0) {
            // A2 during a checkpoint: the bitmap being published may list the block, and that
            // header stays a fallback until two more checkpoints are durable.
            pending.add(new Pending(line, lines, preparingSequence + 2, epoch));
        } else if (!checkpointed.isClear(line, lines)) {
            pending.add(new Pending(line, lines, durableSequence + 2, epoch));
        } else if (gate.quiescent(epoch)) {
            unmarkLive(line, lines); // no header ever named it and no reader can see it: reuse now
        } else {
            pending.add(new Pending(line, lines, durableSequence, epoch));
        }
    }

    /**
     * Frees a block whose freeing a redo record carries. It is never reused before the A2 bound,
     * even if no checkpoint ever held it: then no replay range (which starts at either header
     * copy's checkpoint) can hold both its free and a new allocation of it.
     */
    public synchronized void freeLogged(long offset, long bytes) {
        long line = offset / LINE;
        long lines = linesFor(bytes);
        requireAllocated(offset, bytes);
        committed.clear(line, lines);
        markDirty(line, lines);
        long after = (preparingSequence != 0 ? preparingSequence : durableSequence) + 2;
        pending.add(new Pending(line, lines, after, gate.currentEpoch()));
    }

    /**
     * Recovery, pass 2: frees a block whose freeing a replayed record carries. It waits as a
     * logged free does at run time (A2 for logged frees), counted from the header the session
     * begins with ({@code Database}, R1): that header keeps the log's start before the record, so
     * the first checkpoint whose start passes it is the one after it, and the session's header,
     * whose replay range holds the free, stays the fallback copy until one more checkpoint is
     * durable. Until then a crash replays the record again, with whatever writes into the block the
     * records before it made (a version written, then collected): the block must not have been
     * handed to a new owner.
     *
     * <p>A block already free in the committed state (its free is in the checkpoint's bitmap) is
     * held out of use all the same. The engine's records do not leave that case (every record
     * that frees commits under the checkpoint lock, so it lies either before a checkpoint's start
     * or after the bitmap that checkpoint wrote), but a replay range holding the free would make
     * such a block as unsafe to reuse as the others. Recovery allocates nothing before the session
     * begins, so the hold comes before any allocation.
     */
    public synchronized void freeReplayed(long offset, long bytes) {
        long line = offset / LINE;
        long lines = linesFor(bytes);
        if (offset < 0 || offset % LINE != 0 || line + lines > capacityLines) {
            return; // not a block of this pool: nothing to free (check reports what names it)
        }
        ensureLoaded(line, lines);
        if (committed.isSet(line, lines)) {
            committed.clear(line, lines);
            markDirty(line, lines);
        } else if (committed.isClear(line, lines) && live.isClear(line, lines)) {
            markLive(line, lines);
        } else {
            return; // held already, or partly another block's: left as it is
        }
        pending.add(new Pending(line, lines, replayedFreesReusableAfter(), gate.currentEpoch()));
    }

    /**
     * The header sequence after which blocks that replayed records free may be reused: the
     * pool opened from header n, the session begins with header n + 1 naming the same log
     * start, its first checkpoint n + 2 starts past the replayed records, and n + 3 replaces
     * the copy n + 1 whose replay range still holds them.
     */
    private long replayedFreesReusableAfter() {
        return durableSequence + 3;
    }

    /** Recovery: marks a block allocated by a replayed record (idempotent). */
    public synchronized void claimForReplay(long offset, long bytes) {
        long line = offset / LINE;
        long lines = linesFor(bytes);
        checkInside(offset, bytes);
        ensureLoaded(line, lines);
        if (committed.isSet(line, lines)) {
            return;
        }
        if (!live.isClear(line, lines)) {
            throw PersimmonException.corrupt(offset, "a replayed allocation of " + bytes
                    + " bytes overlaps a block in use");
        }
        markLive(line, lines);
        committed.set(line, lines);
        markDirty(line, lines);
    }

    /** Whether every line of the block is allocated in the committed state. */
    public synchronized boolean isAllocated(long offset, long bytes) {
        long line = offset / LINE;
        long lines = linesFor(bytes);
        if (offset < 0 || line + lines > capacityLines) {
            return false;
        }
        ensureLoaded(line, lines);
        return committed.isSet(line, lines);
    }

    private void requireAllocated(long offset, long bytes) {
        checkInside(offset, bytes);
        ensureLoaded(offset / LINE, linesFor(bytes));
        if (!committed.isSet(offset / LINE, linesFor(bytes))) {
            throw new PersimmonException(ErrorCode.INTERNAL, "free of a block that is not allocated: offset "
                    + offset + ", " + bytes + " bytes");
        }
    }

    private void checkInside(long offset, long bytes) {
        if (offset < 0 || offset % LINE != 0 || bytes <= 0 || (offset + bytes + LINE - 1) / LINE > capacityLines) {
            throw PersimmonException.corrupt(offset, "block of " + bytes + " bytes is not inside the pool");
        }
    }

    static long linesFor(long bytes) {
        if (bytes <= 0) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "cannot allocate " + bytes + " bytes");
        }
        return (bytes + LINE - 1) / LINE;
    }

    /**
     * Finds and marks live a run of {@code lines}. Data allocations leave untouched the empty
     * chunks that the next checkpoint's metadata may need ({@link #reserveChunks}): so a pool that
     * is full can still checkpoint, and so free space again (A5).
     */
    private long allocateLines(long lines, boolean metadata) {
        int classIndex = classIndexFor(lines);
        while (true) {
            long line = classIndex >= 0 ? trySmall(classIndex, metadata) : tryLarge(lines, metadata);
            if (line >= 0) {
                markLive(line, lines);
                return line;
            }
            if (loadAnotherPage(metadata)) {
                continue;
            }
            if (!reclaimPending()) {
                growFor(classIndex >= 0 ? CHUNK : (lines + LINES_PER_CHUNK - 1) / LINES_PER_CHUNK * CHUNK);
            }
        }
    }

    private static int classIndexFor(long lines) {
        for (int i = 0; i < CLASSES.length; i++) {
            if (lines <= CLASSES[i]) {
                return i;
            }
        }
        return -1;
    }

    /** A free slot of a chunk of the class, taking a new chunk when needed; -1 when there is none. */
    private long trySmall(int classIndex, boolean metadata) {
        int k = CLASSES[classIndex];
        ChunkSet partial = partialChunks[metadata ? 1 : 0][classIndex];
        for (int c = partial.first(); c >= 0; c = partial.next(c + 1)) {
            long line = findSlot(c, k);
            if (line >= 0) {
                return line;
            }
            partial.remove(c);
        }
        for (BitSet source : new BitSet[] {emptyChunks, unassignedChunks}) {
            if (source == emptyChunks && !metadata && !mayTakeEmptyChunks(1)) {
                continue;
            }
            for (int c = source.nextSetBit(0); c >= 0; c = source.nextSetBit(c + 1)) {
                source.clear(c);
                chunkClass[c] = k;
                chunkSlotHint[c] = 0;
                metadataChunks.set(c, metadata);
                long line = findSlot(c, k);
                if (line >= 0) {
                    partial.add(c);
                    return line;
                }
            }
        }
        return -1;
    }

    private long findSlot(int chunk, int k) {
        if (LINES_PER_CHUNK - chunkUsedLines[chunk] < k) {
            return -1; // full: without this, each chunk's last allocation tried every slot once more
        }
        int slots = LINES_PER_CHUNK / k;
        long base = (long) chunk * LINES_PER_CHUNK;
        int hint = chunkSlotHint[chunk];
        for (int i = 0; i < slots; i++) {
            int slot = (hint + i) % slots;
            long line = base + (long) slot * k;
            if (live.isClear(line, k)) {
                chunkSlotHint[chunk] = slot + 1;
                return line;
            }
        }
        return -1;
    }

    /** A run of empty chunks for a large block; -1 when there is none. */
    private long tryLarge(long lines, boolean metadata) {
        int chunksNeeded = (int) ((lines + LINES_PER_CHUNK - 1) / LINES_PER_CHUNK);
        if (!metadata && !mayTakeEmptyChunks(chunksNeeded)) {
            return -1;
        }
        int from = 0;
        while (true) {
            int start = emptyChunks.nextSetBit(from);
            if (start < 0) {
                return -1;
            }
            int end = emptyChunks.nextClearBit(start);
            if (end - start >= chunksNeeded) {
                for (int c = start; c < start + chunksNeeded; c++) {
                    emptyChunks.clear(c);
                    chunkClass[c] = LARGE;
                }
                return (long) start * LINES_PER_CHUNK;
            }
            from = end;
        }
    }

    /** Whether data may take {@code n} empty chunks and still leave the checkpoint reserve. */
    private boolean mayTakeEmptyChunks(int n) {
        long growthChunks = Math.max(0, (space.maxBytes() - capacityLines * LINE) / CHUNK);
        return emptyChunks.cardinality() + growthChunks - n >= reserveChunks();
    }

    /** Chunks checkpoints need at most: every bitmap page of the largest pool, and a directory, twice. */
    private long reserveChunks() {
        int pages = bitmapPages(space.maxBytes());
        long bytes = (long) pages * BITMAP_PAGE + directorySize(pages);
        // Two sets: the metadata of the previous checkpoint is still held while the next is written.
        return 2 * ((bytes + CHUNK - 1) / CHUNK) + 1;
    }

    private void growFor(long extraBytes) {
        loadAll(); // the new chunks are empty; the pages of the old ones are loaded first
        long oldBytes = capacityLines * LINE;
        long newBytes = space.grow(oldBytes + extraBytes);
        long newLines = (newBytes / CHUNK) * LINES_PER_CHUNK;
        if (newLines <= capacityLines) {
            throw new PersimmonException(ErrorCode.POOL_FULL, "the pool is full");
        }
        int oldChunks = chunkClass.length;
        int newChunks = (int) (newLines / LINES_PER_CHUNK);
        live.grow(newLines);
        committed.grow(newLines);
        checkpointed.grow(newLines);
        chunkClass = java.util.Arrays.copyOf(chunkClass, newChunks);
        chunkUsedLines = java.util.Arrays.copyOf(chunkUsedLines, newChunks);
        chunkSlotHint = java.util.Arrays.copyOf(chunkSlotHint, newChunks);
        emptyChunks.set(oldChunks, newChunks);
        capacityLines = newLines;
    }

    private void markLive(long line, long lines) {
        ensureLoaded(line, lines);
        live.set(line, lines);
        adjustChunks(line, lines, +1);
    }

    private void unmarkLive(long line, long lines) {
        ensureLoaded(line, lines);
        live.clear(line, lines);
        adjustChunks(line, lines, -1);
    }

    private void adjustChunks(long line, long lines, int sign) {
        long end = line + lines;
        while (line < end) {
            int c = (int) (line / LINES_PER_CHUNK);
            long chunkEnd = (long) (c + 1) * LINES_PER_CHUNK;
            int n = (int) (Math.min(end, chunkEnd) - line);
            chunkUsedLines[c] += sign * n;
            if (sign < 0) {
                onLinesFreed(c);
            } else {
                emptyChunks.clear(c);
                if (c >= frontierChunk) {
                    frontierChunk = c + 1;
                }
            }
            line += n;
        }
    }

    private void onLinesFreed(int c) {
        if (chunkUsedLines[c] == 0) {
            int cls = chunkClass[c];
            if (cls > 0) {
                partialChunks[metadataChunks.get(c) ? 1 : 0][classIndexFor(cls)].remove(c);
            }
            unassignedChunks.clear(c);
            metadataChunks.clear(c);
            chunkClass[c] = NONE;
            emptyChunks.set(c);
        } else if (chunkClass[c] > 0) {
            partialChunks[metadataChunks.get(c) ? 1 : 0][classIndexFor(chunkClass[c])].add(c);
        }
    }

    private void markDirty(long line, long lines) {
        int first = (int) (line / ((long) BITMAP_PAGE * 8));
        int last = (int) ((line + lines - 1) / ((long) BITMAP_PAGE * 8));
        if (first == last) {
            dirtyPages.set(first); // the common case, without BitSet's range arithmetic
        } else {
            dirtyPages.set(first, last + 1);
        }
    }

    /** Makes reusable every pending block whose conditions hold; whether any was. */
    private boolean reclaimPending() {
        boolean any = false;
        long quiescentBelow = gate.quiescentBelow(); // once: asking per block scanned every reader slot per block
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.reusableAfterSequence <= durableSequence && p.epoch < quiescentBelow) {
                it.remove();
                unmarkLive(p.line, p.lines);
                any = true;
            }
        }
        return any;
    }

    /** Makes reusable what can be reused now (the MVCC layer calls this when readers move on). */
    public synchronized void reclaim() {
        reclaimPending();
    }

    // ---------------------------------------------------------------- checkpoint

    /**
     * Writes the committed bitmap for checkpoint {@code sequence}: each changed bitmap page to a
     * fresh block, then a fresh directory; flushes them without fencing. The caller fences, writes
     * the header naming {@link CheckpointPlan#directoryOffset()}, fences, then calls
     * {@link #checkpointDurable} (or {@link #checkpointAbandoned} if that failed).
     */
    public synchronized CheckpointPlan prepareCheckpoint(long sequence) {
        List<long[]> newMetadata = new ArrayList<>();
        try {
            CheckpointPlan plan = writeCheckpoint(sequence, newMetadata);
            preparingSequence = sequence;
            return plan;
        } catch (RuntimeException e) {
            for (long[] block : newMetadata) {
                unmarkLive(block[0] / LINE, linesFor(block[1]));
            }
            throw e;
        }
    }

    private CheckpointPlan writeCheckpoint(long sequence, List<long[]> newMetadata) {
        // Each allocation below may grow the pool and remap it, so the segment is fetched
        // afresh after it rather than held across the loop.
        long coveredBytes = capacityLines * LINE;
        int pages = bitmapPages(coveredBytes);
        long[] oldOffsets = durable == null ? new long[0] : durable.pageOffsets();
        int[] oldCrcs = durable == null ? new int[0] : durable.pageCrcs();
        long[] offsets = new long[pages];
        int[] crcs = new int[pages];
        List<long[]> replacedMetadata = new ArrayList<>();
        List<long[]> writtenPages = new ArrayList<>();
        BitSet written = new BitSet();
        for (int p = 0; p < pages; p++) {
            boolean known = p < oldOffsets.length;
            if (known && !dirtyPages.get(p)) {
                offsets[p] = oldOffsets[p];
                crcs[p] = oldCrcs[p];
                continue;
            }
            // A page not dirty but past the old directory may be unloaded: all free then, and in
            // that case its copy is all zero, as the page that was never stored.
            long[] words = committed.copyPage(p);
            writtenPages.add(words);
            written.set(p);
            if (known && oldOffsets[p] != 0) {
                replacedMetadata.add(new long[] {oldOffsets[p], BITMAP_PAGE});
            }
            if (isZero(words)) {
                continue;
            }
            long page = allocateLines(BITMAP_PAGE / LINE, true) * LINE;
            newMetadata.add(new long[] {page, BITMAP_PAGE});
            crcs[p] = BitmapDirectory.writePage(space.segment(), page, words);
            offsets[p] = page;
            // A1: bitmap pages are flushed with the directory and fenced before the header names them.
            persistence.flush(page, BITMAP_PAGE);
        }
        long dirSize = directorySize(pages);
        long dirOffset = allocateLines(linesFor(dirSize), true) * LINE;
        newMetadata.add(new long[] {dirOffset, dirSize});
        BitmapDirectory directory = BitmapDirectory.write(space.segment(), dirOffset, coveredBytes, sequence, offsets, crcs);
        persistence.flush(dirOffset, dirSize);
        if (durable != null) {
            replacedMetadata.add(new long[] {durable.offset(), durable.size()});
        }
        dirtyPages.clear();
        return new CheckpointPlan(sequence, directory, written, writtenPages, newMetadata, replacedMetadata);
    }

    /**
     * Begins a session without a checkpoint (recovery, R1): writes, for header {@code sequence},
     * a new directory that names exactly the bitmap pages of the durable one (the same blocks,
     * the same CRCs, the same covered bytes), and flushes it without fencing. The header that
     * names it therefore names the bitmap of the checkpoint the pool was opened from, with none of
     * what recovery claimed or freed since: those stay in the committed state, their pages dirty,
     * for the next checkpoint. Only the directory is new, so that it carries the header's
     * sequence. The caller fences, writes the header, fences, then calls {@link #checkpointDurable}
     * (or {@link #checkpointAbandoned}); the directory replaced waits as a checkpoint's does (A2).
     */
    public synchronized CheckpointPlan prepareSession(long sequence) {
        if (durable == null) {
            throw new PersimmonException(ErrorCode.INTERNAL, "a session begins on a pool whose allocator was checkpointed");
        }
        long dirSize = durable.size();
        long dirOffset = allocateLines(linesFor(dirSize), true) * LINE;
        BitmapDirectory directory;
        try {
            directory = BitmapDirectory.write(space.segment(), dirOffset, durable.coveredBytes(), sequence,
                    durable.pageOffsets(), durable.pageCrcs());
        } catch (RuntimeException e) {
            unmarkLive(dirOffset / LINE, linesFor(dirSize));
            throw e;
        }
        // H1: flushed here, fenced by the caller before the header names it.
        persistence.flush(dirOffset, dirSize);
        preparingSequence = sequence;
        return new CheckpointPlan(sequence, directory, new BitSet(), List.of(),
                List.of(new long[] {dirOffset, dirSize}), List.of(new long[] {durable.offset(), durable.size()}));
    }

    private static boolean isZero(long[] words) {
        for (long w : words) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    /** The header of {@code plan} is durable: its bitmap becomes the checkpointed state. */
    public synchronized void checkpointDurable(CheckpointPlan plan) {
        int i = 0;
        for (int p = plan.writtenPages().nextSetBit(0); p >= 0; p = plan.writtenPages().nextSetBit(p + 1)) {
            checkpointed.putPage(p, plan.pageWords().get(i++));
        }
        durable = plan.directory();
        durableSequence = plan.sequence();
        preparingSequence = 0;
        // A2: the replaced metadata is still named by the other header copy until header sequence+1.
        for (long[] block : plan.replacedMetadata()) {
            pending.add(new Pending(block[0] / LINE, linesFor(block[1]), plan.sequence() + 1, gate.currentEpoch()));
        }
        reclaimPending();
    }

    /** Writing the header of {@code plan} failed: its new metadata is returned, its pages dirty again. */
    public synchronized void checkpointAbandoned(CheckpointPlan plan) {
        preparingSequence = 0;
        for (long[] block : plan.newMetadata()) {
            unmarkLive(block[0] / LINE, linesFor(block[1]));
        }
        dirtyPages.or(plan.writtenPages());
    }

    // ---------------------------------------------------------------- figures

    /** Bytes the allocator manages (the pool size, rounded down to chunks). */
    public synchronized long capacityBytes() {
        return capacityLines * LINE;
    }

    /** Bytes allocated in the committed state. */
    public synchronized long allocatedBytes() {
        loadAll();
        return committed.countSet(0, capacityLines) * LINE;
    }

    /** Bytes unavailable for allocation: allocated, metadata, or freed and awaiting reuse. */
    public synchronized long inUseBytes() {
        loadAll();
        return live.countSet(0, capacityLines) * LINE;
    }

    /** Blocks freed and awaiting safe reuse. */
    public synchronized int pendingReuse() {
        return pending.size();
    }

    /** The sequence of the newest durable header, as the allocator knows it. */
    public synchronized long durableSequence() {
        return durableSequence;
    }

    /** The durable directory (null before the first checkpoint). */
    public synchronized BitmapDirectory durableDirectory() {
        return durable;
    }
}
