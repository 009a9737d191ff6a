package io.persimmon.engine.log;

import io.persimmon.engine.pmem.Persistence;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pmem.ZeroBytes;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.CRC32C;

import static io.persimmon.engine.log.LogLayout.*;

/**
 * One ring of records in the pool. Positions are logical (they only grow); the physical offset in
 * the ring is the position modulo its size, and a record never straddles the end: one that would
 * is written at the start of the next lap. One committer writes at a time (see
 * {@link RedoLog#lease()}); space is reused only behind the position that both header copies'
 * checkpoints have passed.
 */
final class LogArea {
    final int index;
    final long offset;
    final long size;
    /** The zeros after a record's body up to its {@link LogLayout#RECORD_ALIGN}-byte end. */
    private static final byte[] PADDING = new byte[(int) RECORD_ALIGN];
    private final Supplier<MemorySegment> pool;
    private final Persistence persistence;

    /** Where the next record goes, and its sequence. Guarded by the lease. */
    private long head;
    private long nextSequence;
    /** Start named by the older durable checkpoint: nothing at or after it may be overwritten. */
    private volatile long reusableBefore;
    /** Start named by the newest durable checkpoint. */
    private long durableStart;
    /** The generation new records carry (C6). */
    private volatile long generation;
    /** Position and sequence just past the last record applied to the pool's structures. */
    private long appliedPosition;
    private long appliedSequence;

    LogArea(int index, long offset, long size, Supplier<MemorySegment> pool, Persistence persistence,
            long start, long startSequence) {
        this.index = index;
        this.offset = offset;
        this.size = size;
        this.pool = pool;
        this.persistence = persistence;
        this.head = start;
        this.nextSequence = startSequence;
        this.reusableBefore = start;
        this.durableStart = start;
        this.appliedPosition = start;
        this.appliedSequence = startSequence;
    }

    /** The largest body a record of this area can carry. */
    long maxBody() {
        return size / 2 - RECORD_HEADER;
    }

    /**
     * Appends a record and makes it durable: one flush of one contiguous run and one fence.
     * Returns where it went, or null when the ring has no room until a checkpoint.
     */
    Appended append(long timestamp, byte[] body, int length) {
        Appended where = appendUnfenced(timestamp, body, length);
        if (where != null) {
            persistence.fence();
        }
        return where;
    }

    /** Generation of the records written from now on: the sequence of the header copy that began the session. */
    void setGeneration(long g) {
        generation = g;
    }

    /**
     * Writes and flushes a record without the fence: the caller fences (so that concurrent
     * committers share one), and the record counts as committed only once that fence and the
     * fences of every record before it in this area have returned.
     */
    Appended appendUnfenced(long timestamp, byte[] body, int length) {
        long span = recordSpan(length);
        long position = head;
        if (position % size + span > size) {
            position = nextLap(position);
        }
        if (position + span - reusableBefore > size) {
            return null;
        }
        // The header is built on the heap and the body copied from the caller's array: no copy of
        // the whole record. The bytes written, padding zeros included, are those of one record.
        byte[] header = new byte[RECORD_HEADER];
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(RECORD_SEQUENCE_OFFSET, nextSequence);
        b.putInt(RECORD_LENGTH_OFFSET, RECORD_HEADER + length);
        b.putLong(RECORD_TIMESTAMP_OFFSET, timestamp);
        b.putLong(RECORD_GENERATION_OFFSET, generation);
        b.putInt(RECORD_CRC_OFFSET, crc(header, body, length));
        long physical = offset + position % size;
        MemorySegment target = pool.get();
        MemorySegment.copy(header, 0, target, ValueLayout.JAVA_BYTE, physical, RECORD_HEADER);
        MemorySegment.copy(body, 0, target, ValueLayout.JAVA_BYTE, physical + RECORD_HEADER, length);
        MemorySegment.copy(PADDING, 0, target, ValueLayout.JAVA_BYTE, physical + RECORD_HEADER + length,
                (int) (span - RECORD_HEADER - length));
        // C1: the record is one contiguous run; once this fence returns it is durable, and its
        // CRC and sequence make it valid on its own: the transaction is committed. A crash
        // before leaves it torn (its CRC fails) or absent, and recovery stops before it.
        persistence.flush(physical, span);
        head = position + span;
        return new Appended(index, position, head, nextSequence++);
    }

    private long nextLap(long position) {
        return (position / size + 1) * size;
    }

    /** Every valid record from the durable start on, in order (recovery). */
    List<LogRecord> scan() {
        List<LogRecord> records = new ArrayList<>();
        long position = durableStart;
        long sequence = appliedSequence;
        long minimumGeneration = 0;
        Window window = new Window(SCAN_WINDOW);
        while (true) {
            LogRecord record = read(position, sequence, minimumGeneration, window);
            if (record == null && position % size != 0) {
                record = read(nextLap(position), sequence, minimumGeneration, window);
            }
            if (record == null) {
                break;
            }
            minimumGeneration = record.generation();
            records.add(record);
            position = record.end();
            sequence++;
        }
        return records;
    }

    /**
     * After {@link #scan()} returned {@code records}: a valid record carrying the sequence after
     * the one expected where the scan ended, at a record boundary within half a ring past that
     * point (the longest record's span) or at the start of the next lap; null when there is none.
     * Such a record means the scan stopped at a record that is not valid although its successor
     * is: a torn group commit (C6) or a damaged record. Reads only; {@code seen} holds what
     * earlier reads found zero.
     */
    LogRecord validSuccessorPastTheEnd(List<LogRecord> records, ZeroBytes.Seen seen) {
        long end = scanEnd(records);
        long expected = records.isEmpty() ? appliedSequence : records.get(records.size() - 1).sequence() + 1;
        MemorySegment s = pool.get();
        long inRing = end % size;
        long boundaries = size / 2 / RECORD_ALIGN; // the boundaries in (end, end + size / 2]
        long[] words = new long[(int) (CHUNK / Long.BYTES)];
        for (long checked = 0; checked < boundaries; ) {
            inRing += RECORD_ALIGN;
            if (inRing == size) {
                inRing = 0;
            }
            // One 64 KiB stretch of boundaries at a time, skipped at once where it is all zero
            // (a ring's never-written part), else copied in one piece and each boundary's sequence
            // word read from the copy in a plain loop (a segment read per boundary cost a cold JVM
            // tens of milliseconds where earlier laps left the ring full): a record is read (and
            // its CRC computed) only where that word is the one sought.
            long stretch = Math.min(boundaries - checked, Math.min(CHUNK, size - inRing) / RECORD_ALIGN);
            long stop = inRing + stretch * RECORD_ALIGN;
            if (ZeroBytes.firstNonZero(s, offset + inRing, offset + stop, seen) < offset + stop) {
                MemorySegment.copy(s, PoolLayouts.LONG, offset + inRing, words, 0, (int) (stretch * RECORD_ALIGN / Long.BYTES));
                for (long at = inRing; at < stop; at += RECORD_ALIGN) {
                    if (words[(int) ((at - inRing + RECORD_SEQUENCE_OFFSET) / Long.BYTES)] == expected + 1) {
                        LogRecord r = read(end + RECORD_ALIGN + (checked + (at - inRing) / RECORD_ALIGN) * RECORD_ALIGN,
                                expected + 1, 0);
                        if (r != null) {
                            return r;
                        }
                    }
                }
            }
            checked += stretch;
            inRing = stop - RECORD_ALIGN;
        }
        return end % size == 0 ? null : read(nextLap(end), expected + 1, 0);
    }

    /** Bytes of ring looked at in one piece when searching for a record boundary. */
    private static final long CHUNK = 1 << 16;

    /**
     * The first record boundary in [{@code inRing}, {@code stop}) (in-ring positions, {@code inRing}
     * a boundary) whose 64 bytes are not all zero, or {@code stop}. No record begins where they are:
     * its sequence and length are positive. A ring's never-written part is zero, and half a ring is
     * 8 MiB by default: checking each boundary there was most of the time an open took.
     */
    private long firstPossibleHeader(long inRing, long stop, ZeroBytes.Seen seen) {
        long nonZero = ZeroBytes.firstNonZero(pool.get(), offset + inRing, offset + stop, seen) - offset;
        return nonZero >= stop ? stop : Math.max(inRing, nonZero - nonZero % RECORD_ALIGN);
    }

    /**
     * After {@link #scan()} returned {@code records}: the bytes in which a record after them could
     * lie, for telling a damaged record from a torn tail (R2). Reads only, and no more than the ring:
     * from where the scan stopped up to the next whole record in the ring (a record that had been
     * applied was durable, so it was written whole and damaged in place: it ends before any whole
     * record that follows it, stale or not), at most the longest span a record may have (about half
     * the ring, up to the end of the lap); the same at the start of the next lap when less than that
     * is left of this one (a record that does not fit goes there); and
     * the bodies of the valid records that carry the following sequence numbers, one after another
     * ({@link #validSuccessorPastTheEnd}; the chain ends at a record whose generation falls, C6).
     * The bytes are views of the pool or copies of bodies; what they hold is not trusted.
     * {@code seen} keeps what the reads found zero, for the caller's look at the same bytes.
     */
    List<MemorySegment> pastTheEnd(List<LogRecord> records, long maxGeneration, ZeroBytes.Seen seen) {
        long end = scanEnd(records);
        long inRing = end % size;
        MemorySegment s = pool.get();
        List<MemorySegment> regions = new ArrayList<>();
        long longest = recordSpan(maxBody());
        regions.add(s.asSlice(offset + inRing, spanBeforeWholeRecord(inRing, longest, maxGeneration, seen)));
        if (size - inRing < longest) {
            // a record longer than what is left of the lap went to the next
            regions.add(s.asSlice(offset, spanBeforeWholeRecord(0, longest, maxGeneration, seen)));
        }
        for (LogRecord r = validSuccessorPastTheEnd(records, seen); r != null && r.end() <= end + size; ) {
            regions.add(MemorySegment.ofArray(r.body()));
            LogRecord next = read(r.end(), r.sequence() + 1, r.generation());
            if (next == null && r.end() % size != 0) {
                next = read(nextLap(r.end()), r.sequence() + 1, r.generation());
            }
            r = next;
        }
        return regions;
    }

    /**
     * Bytes from {@code inRing} to the first record boundary after it, within {@code limit} bytes
     * and this lap, where a whole record begins (one that passes its checksum, whatever its
     * sequence: the next one, or a stale one of an earlier lap); {@code limit} (or the rest of the
     * lap) when there is none. After a clean close that is usually a record's length or less, so
     * opening does not read half the ring.
     */
    private long spanBeforeWholeRecord(long inRing, long limit, long maxGeneration, ZeroBytes.Seen seen) {
        long max = Math.min(limit, size - inRing);
        for (long d = RECORD_ALIGN; d < max; d += RECORD_ALIGN) {
            d = firstPossibleHeader(inRing + d, inRing + max, seen) - inRing;
            if (d < max && wholeRecordAt(inRing + d, maxGeneration)) {
                return d;
            }
        }
        return max;
    }

    /**
     * Whether a record that passes its checksum begins at {@code inRing} (any sequence, any
     * generation up to {@code maxGeneration}). Its header is checked first, as every record's
     * is: a positive sequence, a length that fits, a timestamp and a generation that are not
     * negative and a generation no newer than the header the pool opened from; only then is its
     * CRC computed, on the pool's bytes (no copy). In a ring that has wrapped, a boundary in the
     * middle of a stale record often holds a plausible length, and checking each such one
     * copied and summed up to megabytes (one third of a second to open a 1 GB database whose
     * ring had wrapped many times). Refusing more here only makes the region R2 looks at longer.
     */
    private boolean wholeRecordAt(long inRing, long maxGeneration) {
        if (inRing + RECORD_HEADER > size) {
            return false;
        }
        MemorySegment s = pool.get();
        long at = offset + inRing;
        int length = s.get(PoolLayouts.INT, at + RECORD_LENGTH_OFFSET);
        if (length < RECORD_HEADER || length > RECORD_HEADER + maxBody() || inRing + length > size) {
            return false;
        }
        long sequence = s.get(PoolLayouts.LONG, at + RECORD_SEQUENCE_OFFSET);
        long timestamp = s.get(PoolLayouts.LONG, at + RECORD_TIMESTAMP_OFFSET);
        long generation = s.get(PoolLayouts.LONG, at + RECORD_GENERATION_OFFSET);
        if (sequence <= 0 || timestamp < 0 || generation < 0 || generation > maxGeneration) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(s.asSlice(at, RECORD_CRC_OFFSET).asByteBuffer());
        crc.update(s.asSlice(at + RECORD_CRC_OFFSET + 4, length - RECORD_CRC_OFFSET - 4).asByteBuffer());
        return s.get(PoolLayouts.INT, at + RECORD_CRC_OFFSET) == (int) crc.getValue();
    }

    /** The logical position where {@link #scan()}, having returned {@code records}, stopped. */
    long scanEnd(List<LogRecord> records) {
        return records.isEmpty() ? durableStart : records.get(records.size() - 1).end();
    }

    /** Pool offset of the logical position {@code position}. */
    long physical(long position) {
        return offset + position % size;
    }

    private LogRecord read(long position, long sequence, long minimumGeneration) {
        return read(position, sequence, minimumGeneration, new Window(0));
    }

    /**
     * The valid record at {@code position} with {@code sequence} and a generation of at least
     * {@code minimumGeneration}, or null; read from {@code window}'s copy of the ring, which it
     * refills as needed.
     */
    private LogRecord read(long position, long sequence, long minimumGeneration, Window window) {
        long physicalInRing = position % size;
        if (physicalInRing + RECORD_HEADER > size) {
            return null;
        }
        long at = offset + physicalInRing;
        byte[] b = window.cover(at, RECORD_HEADER);
        int i = (int) (at - window.from);
        if (Window.long8(b, i + RECORD_SEQUENCE_OFFSET) != sequence) {
            return null;
        }
        int length = Window.int4(b, i + RECORD_LENGTH_OFFSET);
        if (length < RECORD_HEADER || physicalInRing + length > size) {
            return null;
        }
        b = window.cover(at, length);
        i = (int) (at - window.from);
        if (Window.int4(b, i + RECORD_CRC_OFFSET) != crc(b, i, length)) {
            return null;
        }
        long timestamp = Window.long8(b, i + RECORD_TIMESTAMP_OFFSET);
        long recordGeneration = Window.long8(b, i + RECORD_GENERATION_OFFSET);
        if (recordGeneration < minimumGeneration) {
            return null; // C6: left by a crashed session after a record a later session replaced
        }
        byte[] body = java.util.Arrays.copyOfRange(b, i + RECORD_HEADER, i + length);
        return new LogRecord(index, position, recordSpan(length - RECORD_HEADER), sequence, timestamp, recordGeneration, body);
    }

    /** Bytes of the ring {@link #scan()} copies to the heap at a time. */
    private static final int SCAN_WINDOW = 1 << 18;

    /**
     * A copy on the heap of a stretch of this ring, from which records are read with plain array
     * loads. Recovery reads every record after the checkpoint in a JVM that has just started, where
     * each segment access and each copy costs its calls through the FFM API in the interpreter: a
     * copy of up to {@link #SCAN_WINDOW} bytes at a time for the scan, which reads records one
     * after another, and of just the record for a single read.
     */
    private final class Window {
        private final int span;
        private byte[] bytes = new byte[0];
        /** Pool offset of bytes[0]; bytes.length bytes are valid (never past the ring's end). */
        private long from;
        private int valid;

        Window(int span) {
            this.span = span;
        }

        /** The copy, holding the {@code n} bytes at pool offset {@code at} (within the ring); refilled from {@code at} if it does not. */
        byte[] cover(long at, int n) {
            if (at >= from && at + n <= from + valid) {
                return bytes;
            }
            int length = (int) Math.max(n, Math.min(span, offset + size - at));
            if (bytes.length < length) {
                bytes = new byte[length];
            }
            MemorySegment.copy(pool.get(), PoolLayouts.BYTE, at, bytes, 0, length);
            from = at;
            valid = length;
            return bytes;
        }

        static long long8(byte[] b, int i) {
            return (int4(b, i) & 0xFFFF_FFFFL) | ((long) int4(b, i + 4) << 32);
        }

        static int int4(byte[] b, int i) {
            return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
        }
    }

    /** The CRC of a record whose header is {@code header} and body the first {@code length} bytes of {@code body}. */
    private static int crc(byte[] header, byte[] body, int length) {
        CRC32C crc = new CRC32C();
        crc.update(header, 0, RECORD_CRC_OFFSET);
        crc.update(header, RECORD_CRC_OFFSET + 4, RECORD_HEADER - RECORD_CRC_OFFSET - 4);
        crc.update(body, 0, length);
        return (int) crc.getValue();
    }

    /** The CRC of the record of {@code length} bytes at {@code from} in {@code b}. */
    private static int crc(byte[] b, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(b, from, RECORD_CRC_OFFSET);
        crc.update(b, from + RECORD_CRC_OFFSET + 4, length - RECORD_CRC_OFFSET - 4);
        return (int) crc.getValue();
    }

    /** After recovery read {@code records}: new records go after them. */
    void resumeAfter(List<LogRecord> records) {
        if (!records.isEmpty()) {
            LogRecord last = records.get(records.size() - 1);
            head = last.end();
            nextSequence = last.sequence() + 1;
        }
    }

    /** The record at {@code end} with sequence {@code sequence - 1} has been applied. */
    synchronized void applied(long end, long nextSequenceToApply) {
        if (end > appliedPosition) {
            appliedPosition = end;
            appliedSequence = nextSequenceToApply;
        }
    }

    synchronized long appliedPosition() {
        return appliedPosition;
    }

    synchronized long appliedSequence() {
        return appliedSequence;
    }

    /** A checkpoint naming {@code start} is durable: the older start becomes the reuse bound. */
    void checkpointDurable(long start) {
        reusableBefore = durableStart;
        durableStart = start;
    }

    /** Bytes written since the oldest start a header names (what a checkpoint would let go). */
    long used() {
        return head - reusableBefore;
    }
}
