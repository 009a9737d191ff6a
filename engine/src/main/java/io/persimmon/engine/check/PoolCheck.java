package io.persimmon.engine.check;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.alloc.AllocatorLayout;
import io.persimmon.engine.alloc.BitmapDirectory;
import io.persimmon.engine.pool.HeaderLayout;
import io.persimmon.engine.pool.PoolHeader;
import io.persimmon.engine.pool.RootSlot;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Checks the durable state of a pool: the state its newest valid header names. Steps, in order:
 * <ol>
 *   <li>{@code header copies}: at least one copy valid; the other valid or named as damaged;</li>
 *   <li>{@code allocator bitmap}: the directory and every bitmap page pass their checksums and
 *       lie inside the pool;</li>
 *   <li>{@code allocator accounting}: free + allocated + metadata = capacity; metadata does not
 *       overlap allocated lines; the header region is allocated;</li>
 *   <li>{@code block ownership}: every block an owner reaches is allocated, no line is owned
 *       twice, and every allocated line is owned (nothing leaks).</li>
 * </ol>
 */
public final class PoolCheck {
    private static final int LINE = AllocatorLayout.LINE;

    private PoolCheck() {}

    /** Checks {@code pool} (a mapping of the whole file) against the given owners. */
    public static CheckReport run(MemorySegment pool, List<BlockOwner> owners) {
        CheckReport report = new CheckReport();
        PoolHeader header = checkHeaders(pool, report);
        if (header == null) {
            return report;
        }
        long capacityLines = pool.byteSize() / AllocatorLayout.CHUNK * AllocatorLayout.LINES_PER_CHUNK;
        BitSet allocated = new BitSet();
        BitSet metadata = new BitSet();
        if (!checkBitmap(pool, header, allocated, metadata, report)) {
            return report;
        }
        checkAccounting(header, capacityLines, allocated, metadata, report);
        checkOwnership(pool, header, capacityLines, allocated, owners, report);
        return report;
    }

    private static PoolHeader checkHeaders(MemorySegment pool, CheckReport report) {
        List<String> problems = new ArrayList<>();
        if (pool.byteSize() < HeaderLayout.REGION_SIZE) {
            problems.add("the pool has " + pool.byteSize() + " bytes, less than its header");
            report.add(new CheckReport.Step("header copies", "no header", problems));
            return null;
        }
        PoolHeader.Decoded a = PoolHeader.read(pool, 0);
        PoolHeader.Decoded b = PoolHeader.read(pool, 1);
        PoolHeader ha = a instanceof PoolHeader.Decoded.Valid v ? v.header() : null;
        PoolHeader hb = b instanceof PoolHeader.Decoded.Valid v ? v.header() : null;
        PoolHeader chosen = hb == null || (ha != null && ha.sequence() > hb.sequence()) ? ha : hb;
        if (chosen == null) {
            problems.add("both header copies are damaged or missing");
        }
        String note = "";
        for (int i = 0; i < 2; i++) {
            PoolHeader.Decoded copy = i == 0 ? a : b;
            if (copy instanceof PoolHeader.Decoded.Damaged d && chosen != null) {
                // A crash while a checkpoint wrote this copy tears it (H2): expected until the next
                // checkpoint rewrites it, so it is noted, not counted as a breach.
                note = "; copy " + i + " fails its checksum (" + d.why() + "): torn by a crash or damaged, "
                        + "the next checkpoint rewrites it";
            } else if (copy instanceof PoolHeader.Decoded.NoMagic && chosen != null) {
                problems.add("header copy " + i + " at offset " + HeaderLayout.copyOffset(i) + " is damaged: no magic");
            }
        }
        String summary = chosen == null ? "no valid copy"
                : "newest valid copy " + chosen.copyIndex() + ", sequence " + chosen.sequence() + ", format "
                        + chosen.version() + ", uuid " + chosen.uuid() + note;
        report.add(new CheckReport.Step("header copies", summary, problems));
        return chosen;
    }

    private static boolean checkBitmap(MemorySegment pool, PoolHeader header, BitSet allocated, BitSet metadata,
                                       CheckReport report) {
        List<String> problems = new ArrayList<>();
        long root = header.root(RootSlot.ALLOCATOR);
        String summary;
        if (root == 0) {
            allocated.set(0, HeaderLayout.REGION_SIZE / LINE);
            summary = "no bitmap checkpointed yet: only the header is allocated";
        } else {
            try {
                BitmapDirectory dir = BitmapDirectory.read(pool, root);
                long[] words = dir.loadWords(pool);
                BitSet bits = BitSet.valueOf(words);
                allocated.or(bits);
                metadata.set((int) (dir.offset() / LINE), (int) ((dir.offset() + dir.size() + LINE - 1) / LINE));
                int stored = 0;
                for (long page : dir.pageOffsets()) {
                    if (page != 0) {
                        metadata.set((int) (page / LINE), (int) ((page + AllocatorLayout.BITMAP_PAGE) / LINE));
                        stored++;
                    }
                }
                if (dir.sequence() != header.sequence()) {
                    problems.add("the bitmap directory was written by checkpoint " + dir.sequence()
                            + " but the header is sequence " + header.sequence());
                }
                summary = "directory at " + root + ", " + dir.pageOffsets().length + " bitmap pages (" + stored
                        + " stored), covering " + dir.coveredBytes() + " bytes";
            } catch (PersimmonException e) {
                problems.add(e.getMessage());
                summary = "unreadable";
            }
        }
        report.add(new CheckReport.Step("allocator bitmap", summary, problems));
        return problems.isEmpty();
    }

    private static void checkAccounting(PoolHeader header, long capacityLines, BitSet allocated, BitSet metadata,
                                        CheckReport report) {
        List<String> problems = new ArrayList<>();
        int headerLines = HeaderLayout.REGION_SIZE / LINE;
        if (allocated.nextClearBit(0) < headerLines) {
            problems.add("the header region is not allocated");
        }
        BitSet overlap = (BitSet) allocated.clone();
        overlap.and(metadata);
        if (!overlap.isEmpty()) {
            problems.add(overlap.cardinality() + " line(s) are both allocated and allocator metadata, first at offset "
                    + (long) overlap.nextSetBit(0) * LINE);
        }
        if (allocated.length() > capacityLines || metadata.length() > capacityLines) {
            problems.add("lines past the end of the pool are in use");
        }
        long used = allocated.cardinality();
        long meta = metadata.cardinality();
        long free = capacityLines - used - meta + overlap.cardinality();
        if (used + meta - overlap.cardinality() + free != capacityLines || free < 0) {
            problems.add("free + allocated + metadata != capacity");
        }
        report.add(new CheckReport.Step("allocator accounting", "capacity " + capacityLines * LINE + " bytes: allocated "
                + used * LINE + ", metadata " + meta * LINE + ", free " + free * LINE, problems));
    }

    private static void checkOwnership(MemorySegment pool, PoolHeader header, long capacityLines, BitSet allocated,
                                       List<BlockOwner> owners, CheckReport report) {
        List<String> problems = new ArrayList<>();
        BitSet owned = new BitSet();
        owned.set(0, HeaderLayout.REGION_SIZE / LINE);
        long blocks = 0;
        for (BlockOwner owner : owners) {
            try {
                long[] count = {0};
                owner.forEachBlock(pool, header.roots(), (offset, bytes, what) -> {
                    count[0]++;
                    claim(owner.name(), offset, bytes, what, capacityLines, allocated, owned, problems);
                });
                blocks += count[0];
            } catch (PersimmonException | IndexOutOfBoundsException e) {
                problems.add(owner.name() + ": cannot walk its blocks: " + e.getMessage());
            }
        }
        BitSet leaked = (BitSet) allocated.clone();
        leaked.andNot(owned);
        if (!leaked.isEmpty()) {
            problems.add(leaked.cardinality() + " allocated line(s) are owned by nothing (leaked), first at offset "
                    + (long) leaked.nextSetBit(0) * LINE);
        }
        report.add(new CheckReport.Step("block ownership", blocks + " blocks of " + owners.size() + " owner(s), "
                + owned.cardinality() * LINE + " bytes owned", problems));
    }

    private static void claim(String owner, long offset, long bytes, String what, long capacityLines,
                              BitSet allocated, BitSet owned, List<String> problems) {
        if (offset <= 0 || offset % LINE != 0 || bytes <= 0 || (offset + bytes + LINE - 1) / LINE > capacityLines) {
            problems.add(owner + ": " + what + " at offset " + offset + " (" + bytes + " bytes) is not a block of the pool");
            return;
        }
        int from = (int) (offset / LINE);
        int to = (int) ((offset + bytes + LINE - 1) / LINE);
        if (allocated.nextClearBit(from) < to) {
            problems.add(owner + ": " + what + " at offset " + offset + " is reachable but free in the bitmap");
        }
        if (owned.nextSetBit(from) >= 0 && owned.nextSetBit(from) < to) {
            problems.add(owner + ": " + what + " at offset " + offset + " is owned twice");
        }
        owned.set(from, to);
    }
}
