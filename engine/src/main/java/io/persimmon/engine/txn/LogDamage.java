package io.persimmon.engine.txn;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.log.LogRecord;
import io.persimmon.engine.log.RedoLog;
import io.persimmon.engine.mvcc.VersionLayout;
import io.persimmon.engine.mvcc.Versions;
import io.persimmon.engine.pmem.PoolLayouts;
import io.persimmon.engine.pmem.ZeroBytes;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/**
 * Rule R2 (docs/crash-consistency.md): tells a damaged redo record from the torn tail of a crash.
 *
 * <p>Recovery takes each area's records up to the first one that is not valid (C1, C6). A crash
 * can leave an invalid record there, even one followed by a valid record, but then none of them
 * had been applied: a record is applied only once it and every record before it are durable (C2,
 * C6), and durable records stay valid (C5). So in any state a crash leaves, every record that had
 * been applied is one recovery takes, and since only apply writes version images, each with its
 * record's timestamp, no version in the pool is newer than the newest record recovery takes (the
 * <em>recovered clock</em>). Power loss only takes stores away, never adds any, so it keeps this
 * true. A whole version image newer than the recovered clock in its block therefore proves that
 * an applied, hence durable and acknowledged, record was dropped: the log is damaged, and
 * opening would show some of the dropped transactions' effects and not others.
 *
 * <p>Where to look, at a cost bounded by the log and not by the pool: the records past the end of
 * each area's valid ones ({@link RedoLog#tails}); if one of them had been applied, its WRITE
 * operations name its version images. Those bytes are not trusted (they are damaged, torn or
 * stale), so every byte position is tried as the start of a WRITE (or of a BODY, whose block of a
 * large transaction's operations is then looked at the same way), and only the pool decides: a
 * candidate counts when its target lies in the pool outside the log areas, its bytes are a whole
 * version image (by the version's own checksum) newer than the recovered clock, and the pool
 * holds exactly those bytes there (but for the previous-version word, which garbage collection
 * may have rewritten since).
 *
 * <p>What this cannot see: a dropped record that wrote no version (DDL, an index build, garbage
 * collection) when no later applied record of its area did either; and one whose versions power
 * loss took from the pool before a checkpoint flushed them. Recovery then ends the area there as
 * it would a torn tail.
 */
public final class LogDamage {
    /** Bytes of a WRITE operation before its data: code, offset, length. */
    private static final int WRITE_HEADER = 1 + 8 + 4;

    private LogDamage() {}

    /**
     * Damage found.
     *
     * @param area          index of the log area
     * @param recordOffset  pool offset where recovery would end the area: the damaged record
     * @param versionOffset pool offset of the version that a record from there on applied
     * @param timestamp     that version's timestamp
     * @param clock         the recovered clock: the newest timestamp the checkpoint and the records recovery takes hold
     */
    public record Found(int area, long recordOffset, long versionOffset, long timestamp, long clock) {
        /** What a person reads: where, and why it cannot be a crash. */
        public String describe() {
            return "log area " + area + ": the record here is damaged, not torn by a crash: recovery would end the area"
                    + " here, but a record from here on had been applied (the pool holds its version at offset "
                    + versionOffset + ", timestamp " + timestamp + ", newer than the last record recovery can read,"
                    + " timestamp " + clock + "), so it was durable and committed (R2)";
        }

        /** CORRUPT, naming the record's offset. */
        public PersimmonException exception() {
            return PersimmonException.corrupt(recordOffset, describe());
        }
    }

    /**
     * Looks past the end of each area of {@code log}, after {@link RedoLog#recover()} returned
     * {@code recovered}, for a record that had been applied. {@code checkpointClock} is the
     * timestamp of the checkpoint the log was opened from. Reads only.
     */
    public static Optional<Found> find(MemorySegment pool, RedoLog log, List<LogRecord> recovered, long checkpointClock) {
        long clock = checkpointClock;
        for (LogRecord r : recovered) {
            clock = Math.max(clock, r.timestamp());
        }
        // The tails are read twice, by the log and here, with nothing written in between: the
        // zero chunks the log saw (most of a ring's never-written half) are not read again.
        ZeroBytes.Seen seen = new ZeroBytes.Seen();
        for (RedoLog.Tail tail : log.tails(recovered, seen)) {
            for (MemorySegment region : tail.regions()) {
                long version = appliedVersion(pool, log, region, clock, seen);
                if (version != 0) {
                    return Optional.of(new Found(tail.area(), tail.endOffset(), version,
                            Versions.timestamp(pool, version), clock));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The pool offset of a version newer than {@code clock} that a WRITE found anywhere in
     * {@code region} put in the pool, or 0. The region is read in chunks through a heap array,
     * where a plain loop finds the WRITE code bytes; only those positions are looked at further.
     */
    private static long appliedVersion(MemorySegment pool, RedoLog log, MemorySegment region, long clock, ZeroBytes.Seen seen) {
        long starts = region.byteSize() - Math.min(BODY_SIZE, WRITE_HEADER + VersionLayout.ROW_OFFSET) + 1; // positions an operation may start at
        byte[] chunk = new byte[(int) Math.max(0, Math.min(CHUNK, starts))];
        for (long base = 0; base < starts; base += CHUNK) {
            int n = (int) Math.min(CHUNK, starts - base);
            if (ZeroBytes.firstNonZero(region, base, base + n, seen) == base + n) {
                continue; // never written: no WRITE starts here (its code is not zero)
            }
            MemorySegment.copy(region, PoolLayouts.BYTE, base, chunk, 0, n);
            for (int j = 0; j < n; j++) {
                long version = chunk[j] == RedoOps.WRITE ? appliedVersionAt(pool, log, region, base + j, clock)
                        : chunk[j] == RedoOps.BODY ? appliedVersionInBody(pool, log, region, base + j, clock, seen)
                        : 0;
                if (version != 0) {
                    return version;
                }
            }
        }
        return 0;
    }

    private static final int CHUNK = 1 << 16;

    /** Bytes of a BODY operation: code, offset, length, CRC. */
    private static final int BODY_SIZE = 1 + 8 + 8 + 4;

    /**
     * {@link #appliedVersion} for a BODY at {@code at} of {@code region} (C7): the operations of a
     * large transaction lie in a block the BODY names, so they are looked at there, once the block
     * is in the pool, outside the log, and its bytes pass the CRC the BODY carries (a BODY read
     * from damaged or stale bytes rarely names a block that does; its bytes are untrusted all the
     * same, and only the pool decides, as for a WRITE in the log).
     */
    private static long appliedVersionInBody(MemorySegment pool, RedoLog log, MemorySegment region, long at, long clock,
                                             ZeroBytes.Seen seen) {
        if (region.byteSize() - at < BODY_SIZE) {
            return 0;
        }
        long offset = region.get(PoolLayouts.LONG_UNALIGNED, at + 1);
        long length = region.get(PoolLayouts.LONG_UNALIGNED, at + 9);
        int crc = region.get(PoolLayouts.INT_UNALIGNED, at + 17);
        if (offset <= 0 || offset % 64 != 0 || length <= 0 || length > pool.byteSize() - offset
                || log.overlapsArea(offset, length)) {
            return 0;
        }
        MemorySegment body = pool.asSlice(offset, length);
        java.util.zip.CRC32C check = new java.util.zip.CRC32C();
        check.update(body.asByteBuffer());
        return (int) check.getValue() == crc ? appliedVersion(pool, log, body, clock, seen) : 0;
    }

    /** {@link #appliedVersion} for a WRITE at {@code at} of {@code region}. */
    private static long appliedVersionAt(MemorySegment pool, RedoLog log, MemorySegment region, long at, long clock) {
        long target = region.get(PoolLayouts.LONG_UNALIGNED, at + 1);
        int length = region.get(PoolLayouts.INT_UNALIGNED, at + 9);
        long data = at + WRITE_HEADER;
        if (length < VersionLayout.ROW_OFFSET || length > region.byteSize() - data || target <= 0
                || target % 64 != 0 || target > pool.byteSize() - length) {
            return 0;
        }
        if (region.get(PoolLayouts.LONG_UNALIGNED, data + VersionLayout.TIMESTAMP_OFFSET) <= clock
                || log.overlapsArea(target, length)) {
            return 0;
        }
        boolean same = MemorySegment.mismatch(region, data, data + VersionLayout.PREVIOUS_OFFSET,
                pool, target, target + VersionLayout.PREVIOUS_OFFSET) < 0
                && MemorySegment.mismatch(region, data + VersionLayout.FLAGS_OFFSET, data + length,
                pool, target + VersionLayout.FLAGS_OFFSET, target + length) < 0;
        // The pool's bytes are the WRITE's, so this also turns away a WRITE that is not a version:
        // a slot page's header, whose first word, its magic, is larger than any clock.
        return same && Versions.isWhole(pool, target, length) ? target : 0;
    }
}
