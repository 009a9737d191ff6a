package io.persimmon.engine.log;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.check.BlockOwner;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pmem.ZeroBytes;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.RootSlot;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32C;

import static io.persimmon.engine.log.LogLayout.*;

/**
 * The redo log of a pool: a fixed set of log areas named by a directory that each checkpoint
 * rewrites. A committer {@linkplain #lease() leases} an area, appends its record (one fence), and
 * gives the area back; records of one area are in timestamp order, and recovery merges the areas
 * by timestamp.
 */
public final class RedoLog {
    private final Pool pool;
    private final List<LogArea> areas;
    private final BlockingQueue<LogArea> free;
    private long directoryOffset;
    private long directorySize;
    private long checkpointTimestamp;

    private RedoLog(Pool pool, List<LogArea> areas, long directoryOffset, long directorySize, long timestamp) {
        this.pool = pool;
        this.areas = areas;
        this.free = new ArrayBlockingQueue<>(areas.size(), true, areas);
        this.directoryOffset = directoryOffset;
        this.directorySize = directorySize;
        this.checkpointTimestamp = timestamp;
    }

    /**
     * A new log of {@code count} areas of {@code areaSize} bytes. The areas are allocated now and
     * become durable with the checkpoint that writes the first directory.
     */
    public static RedoLog create(Pool pool, int count, long areaSize) {
        if (count < 1 || areaSize < 4096 || areaSize % RECORD_ALIGN != 0) {
            throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "a log needs at least one area of at least 4096 bytes, "
                    + "a multiple of 64 (asked: " + count + " of " + areaSize + ")");
        }
        List<LogArea> areas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long offset = pool.allocator().allocate(areaSize);
            areas.add(new LogArea(i, offset, areaSize, pool.segments(), pool.persistence(), 0, 1));
        }
        return new RedoLog(pool, areas, 0, 0, 0);
    }

    /** The log named by the header's LOG root; its records from the checkpoint on await {@link #recover()}. */
    public static RedoLog open(Pool pool) {
        long root = pool.header().root(RootSlot.LOG);
        MemorySegment s = pool.segment();
        Directory dir = Directory.read(s, root);
        List<LogArea> areas = new ArrayList<>();
        for (int i = 0; i < dir.count; i++) {
            areas.add(new LogArea(i, dir.offsets[i], dir.sizes[i], pool.segments(), pool.persistence(),
                    dir.starts[i], dir.sequences[i]));
        }
        return new RedoLog(pool, areas, root, directorySize(dir.count), dir.timestamp);
    }

    /** The timestamp of the newest transaction applied before the checkpoint this log was opened from. */
    public long checkpointTimestamp() {
        return checkpointTimestamp;
    }

    /**
     * Every valid record after the checkpoint, of every area, in commit-timestamp order; each
     * area then appends after its last valid record.
     */
    public List<LogRecord> recover() {
        List<LogRecord> all = new ArrayList<>();
        for (LogArea area : areas) {
            List<LogRecord> records = area.scan();
            area.resumeAfter(records);
            all.addAll(records);
        }
        all.sort(BY_TIMESTAMP);
        return all;
    }

    /**
     * Orders records by timestamp. A class, not a lambda or {@code Comparator.comparingLong}:
     * recovery runs first thing in a restarted JVM, where each first use of those costs a
     * bootstrap and a generated class.
     */
    private static final Comparator<LogRecord> BY_TIMESTAMP = new Comparator<>() {
        @Override
        public int compare(LogRecord a, LogRecord b) {
            return Long.compare(a.timestamp(), b.timestamp());
        }
    };

    /** The records of {@code recovered} that {@code area} holds, in their order. */
    private static List<LogRecord> recordsOf(List<LogRecord> recovered, LogArea area) {
        List<LogRecord> mine = new ArrayList<>();
        for (LogRecord r : recovered) {
            if (r.area() == area.index) {
                mine.add(r);
            }
        }
        return mine;
    }

    /**
     * Where an area's valid records end at a record that is not valid although a valid record
     * with the next sequence follows it: a group commit torn by a crash (C6; its records were
     * never acknowledged), or a damaged record. The log alone cannot tell which; what the records
     * after it left in the pool can (R2, {@code txn.LogDamage}), and {@code check} reports it.
     *
     * @param area       index of the area
     * @param invalidAt  pool offset where the first record recovery does not take should be
     * @param validAt    pool offset of the valid record after it
     * @param sequence   the sequence number of that valid record
     */
    public record Gap(int area, long invalidAt, long validAt, long sequence) {}

    /** The {@link Gap}s after {@code recovered}, what {@link #recover()} returned. Reads only. */
    public List<Gap> gaps(List<LogRecord> recovered) {
        List<Gap> gaps = new ArrayList<>();
        for (LogArea area : areas) {
            List<LogRecord> mine = recordsOf(recovered, area);
            LogRecord next = area.validSuccessorPastTheEnd(mine, new ZeroBytes.Seen());
            if (next != null) {
                long end = area.scanEnd(mine);
                gaps.add(new Gap(area.index, area.physical(end), area.physical(next.position()), next.sequence()));
            }
        }
        return gaps;
    }

    /**
     * What lies past the end of an area's valid records, for telling damage from a torn tail (R2).
     *
     * @param area      index of the area
     * @param endOffset pool offset where the first record recovery does not take would be
     * @param regions   the bytes a record after the valid ones could occupy: from that offset, and
     *                  from the start of the next lap, as much as one record may span (half the
     *                  area), and the bodies of the valid records that follow with the next
     *                  sequence numbers; untrusted bytes, never replayed
     */
    public record Tail(int area, long endOffset, List<MemorySegment> regions) {}

    /**
     * The {@link Tail} of every area after {@code recovered}, what {@link #recover()} returned.
     * Reads only; at most one area's size of bytes per area. {@code seen} keeps the chunks the
     * reads found zero, for a caller that looks at the tails' bytes again.
     */
    public List<Tail> tails(List<LogRecord> recovered, ZeroBytes.Seen seen) {
        List<Tail> tails = new ArrayList<>();
        for (LogArea area : areas) {
            List<LogRecord> mine = recordsOf(recovered, area);
            tails.add(new Tail(area.index, area.physical(area.scanEnd(mine)),
                    area.pastTheEnd(mine, pool.header().sequence(), seen)));
        }
        return tails;
    }

    /** Whether the range [offset, offset + length) of the pool overlaps a log area. */
    public boolean overlapsArea(long offset, long length) {
        for (LogArea area : areas) {
            if (offset < area.offset + area.size && area.offset < offset + length) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets the generation of the records written from now on (C6): the sequence of the header copy
     * that began this session (R1), which is greater than that of any record in the log.
     */
    public void setGeneration(long generation) {
        for (LogArea area : areas) {
            area.setGeneration(generation);
        }
    }

    /** The largest body a record may have. */
    public long maxRecordBody() {
        return areas.get(0).maxBody();
    }

    /** Takes an area for one commit; waits while every area is in use. */
    public Appender lease() {
        try {
            return new Appender(free.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PersimmonException(ErrorCode.CANCELLED, "interrupted while waiting for a log area");
        }
    }

    /** One committer's use of one area. */
    public final class Appender implements AutoCloseable {
        private final LogArea area;
        private boolean released;

        private Appender(LogArea area) {
            this.area = area;
        }

        /**
         * Appends and makes durable a record (one fence); returns where it went, or null when the
         * area is full until the next checkpoint (the caller checkpoints and tries again).
         */
        public Appended append(long timestamp, byte[] body, int length) {
            if (length > area.maxBody()) {
                throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "a transaction's redo record of " + length
                        + " bytes exceeds the log's limit of " + area.maxBody() + " bytes; commit in smaller steps");
            }
            return area.append(timestamp, body, length);
        }

        /**
         * Writes and flushes a record without fencing; null when the area is full. The caller
         * fences, and treats the record as committed only when it and every record appended
         * before it in this area are fenced.
         */
        public Appended appendUnfenced(long timestamp, byte[] body, int length) {
            if (length > area.maxBody()) {
                throw new PersimmonException(ErrorCode.INVALID_ARGUMENT, "a transaction's redo record of " + length
                        + " bytes exceeds the log's limit of " + area.maxBody() + " bytes; commit in smaller steps");
            }
            return area.appendUnfenced(timestamp, body, length);
        }

        /** The area's index (to report what was applied). */
        public int area() {
            return area.index;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                free.add(area);
            }
        }
    }

    /** The record has been applied to the pool's structures: a checkpoint may start after it. */
    public void applied(Appended record) {
        areas.get(record.area()).applied(record.end(), record.sequence() + 1);
    }

    /** A replayed record has been applied. */
    public void applied(LogRecord record) {
        areas.get(record.area()).applied(record.end(), record.sequence() + 1);
    }

    /** Bytes written and not yet released by checkpoints, over all areas. */
    public long unreleasedBytes() {
        long total = 0;
        for (LogArea area : areas) {
            total += area.used();
        }
        return total;
    }

    /** Whether some area is more than half full: time for a checkpoint. */
    public boolean wantsCheckpoint() {
        for (LogArea area : areas) {
            if (area.used() > area.size / 2) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where each area's applied records end, and the timestamp of the last of them: where the
     * log of a checkpoint that covers exactly those records starts.
     */
    public record Mark(long[] positions, long[] sequences, long timestamp) {}

    /** The {@link Mark} of the records applied so far (the caller keeps records from being applied meanwhile). */
    public Mark mark(long appliedTimestamp) {
        int n = areas.size();
        long[] positions = new long[n];
        long[] sequences = new long[n];
        for (int i = 0; i < n; i++) {
            positions[i] = areas.get(i).appliedPosition();
            sequences[i] = areas.get(i).appliedSequence();
        }
        return new Mark(positions, sequences, appliedTimestamp);
    }

    /** {@link #prepareCheckpoint(long, Mark)} at the records applied so far. */
    public Plan prepareCheckpoint(long sequence, long appliedTimestamp) {
        return prepareCheckpoint(sequence, mark(appliedTimestamp));
    }

    /**
     * Writes the directory for checkpoint {@code sequence}: each area's start is the position past
     * the last record applied when {@code mark} was taken (records applied since stay in the log
     * for recovery to replay). Frees the previous directory first (A3). Flushed, not fenced.
     * Returns the plan the caller passes to {@link #checkpointDurable}.
     */
    public Plan prepareCheckpoint(long sequence, Mark mark) {
        int n = areas.size();
        long size = directorySize(n);
        long offset = pool.allocator().allocate(size);
        long[] starts = mark.positions().clone();
        long[] sequences = mark.sequences();
        long appliedTimestamp = mark.timestamp();
        MemorySegment s = pool.segment();
        s.asSlice(offset, size).fill((byte) 0);
        s.set(PoolLayouts.LONG, offset, DIRECTORY_MAGIC);
        s.set(PoolLayouts.INT, offset + DIR_COUNT_OFFSET, n);
        s.set(PoolLayouts.LONG, offset + DIR_SEQUENCE_OFFSET, sequence);
        s.set(PoolLayouts.LONG, offset + DIR_TIMESTAMP_OFFSET, appliedTimestamp);
        for (int i = 0; i < n; i++) {
            long at = offset + DIR_AREAS_OFFSET + (long) DIR_AREA_SIZE * i;
            LogArea area = areas.get(i);
            s.set(PoolLayouts.LONG, at + AREA_OFFSET, area.offset);
            s.set(PoolLayouts.LONG, at + AREA_SIZE, area.size);
            s.set(PoolLayouts.LONG, at + AREA_START_POSITION, starts[i]);
            s.set(PoolLayouts.LONG, at + AREA_START_SEQUENCE, sequences[i]);
        }
        s.set(PoolLayouts.INT, offset + DIR_CRC_OFFSET, Directory.crc(s, offset, n));
        // H1: flushed here, fenced by the checkpoint before the header names it.
        pool.persistence().flush(offset, size);
        if (directoryOffset != 0) {
            pool.allocator().free(directoryOffset, directorySize); // A3
        }
        long oldOffset = directoryOffset;
        long oldSize = directorySize;
        directoryOffset = offset;
        directorySize = size;
        return new Plan(offset, starts, oldOffset, oldSize, appliedTimestamp);
    }

    /** What {@link #prepareCheckpoint} wrote. */
    public record Plan(long directoryOffset, long[] starts, long previousOffset, long previousSize, long timestamp) {}

    /** The header naming {@code plan}'s directory is durable: space before the older start may be reused. */
    public void checkpointDurable(Plan plan) {
        for (int i = 0; i < areas.size(); i++) {
            areas.get(i).checkpointDurable(plan.starts()[i]);
        }
        checkpointTimestamp = plan.timestamp();
    }

    /** The owner of the directory and the areas, for {@code check}. */
    public static BlockOwner owner() {
        return new BlockOwner() {
            @Override
            public String name() {
                return "redo log";
            }

            @Override
            public void forEachBlock(MemorySegment s, long[] roots, BlockVisitor visitor) {
                long root = roots[RootSlot.LOG.index()];
                if (root == 0) {
                    return;
                }
                Directory dir = Directory.read(s, root);
                visitor.block(root, directorySize(dir.count), "log directory");
                for (int i = 0; i < dir.count; i++) {
                    visitor.block(dir.offsets[i], dir.sizes[i], "log area " + i);
                }
            }
        };
    }

    /** A decoded directory. */
    private record Directory(int count, long timestamp, long[] offsets, long[] sizes, long[] starts, long[] sequences) {
        static Directory read(MemorySegment s, long root) {
            if (root <= 0 || root + DIR_AREAS_OFFSET > s.byteSize() || s.get(PoolLayouts.LONG, root) != DIRECTORY_MAGIC) {
                throw PersimmonException.corrupt(root, "the log directory has no magic");
            }
            int n = s.get(PoolLayouts.INT, root + DIR_COUNT_OFFSET);
            if (n < 1 || n > 4096 || root + directorySize(n) > s.byteSize()) {
                throw PersimmonException.corrupt(root, "the log directory lists " + n + " areas");
            }
            if (s.get(PoolLayouts.INT, root + DIR_CRC_OFFSET) != crc(s, root, n)) {
                throw PersimmonException.corrupt(root, "the log directory fails its checksum");
            }
            long[] offsets = new long[n];
            long[] sizes = new long[n];
            long[] starts = new long[n];
            long[] sequences = new long[n];
            for (int i = 0; i < n; i++) {
                long at = root + DIR_AREAS_OFFSET + (long) DIR_AREA_SIZE * i;
                offsets[i] = s.get(PoolLayouts.LONG, at + AREA_OFFSET);
                sizes[i] = s.get(PoolLayouts.LONG, at + AREA_SIZE);
                starts[i] = s.get(PoolLayouts.LONG, at + AREA_START_POSITION);
                sequences[i] = s.get(PoolLayouts.LONG, at + AREA_START_SEQUENCE);
                if (offsets[i] <= 0 || sizes[i] <= 0 || offsets[i] + sizes[i] > s.byteSize()) {
                    throw PersimmonException.corrupt(at, "log area " + i + " lies outside the pool");
                }
            }
            return new Directory(n, s.get(PoolLayouts.LONG, root + DIR_TIMESTAMP_OFFSET), offsets, sizes, starts, sequences);
        }

        static int crc(MemorySegment s, long root, int n) {
            CRC32C crc = new CRC32C();
            crc.update(s.asSlice(root, DIR_CRC_OFFSET).asByteBuffer());
            crc.update(s.asSlice(root + DIR_SEQUENCE_OFFSET, directorySize(n) - DIR_SEQUENCE_OFFSET).asByteBuffer());
            return (int) crc.getValue();
        }
    }
}
