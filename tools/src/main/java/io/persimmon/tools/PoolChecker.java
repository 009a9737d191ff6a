package io.persimmon.tools;

import io.persimmon.engine.catalog.CatalogBlock;
import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.check.PoolCheck;
import io.persimmon.engine.db.Database;
import io.persimmon.engine.db.DatabaseCheck;
import io.persimmon.engine.db.DatabaseOptions;
import io.persimmon.engine.pmem.PersistenceMode;
import io.persimmon.engine.pool.PoolOptions;
import io.persimmon.engine.log.LogRecord;
import io.persimmon.engine.log.RedoLog;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.RootSlot;
import io.persimmon.engine.txn.LogDamage;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The steps of {@code persimmon check}, in order, on the durable state of an open pool. None
 * writes to the pool. The first three are the tool's own and read what the engine's check trusts:
 * <ol>
 *   <li>{@code redo log}: the log directory, and the committed records after the checkpoint (which
 *       opening the database would replay; see {@link #run} for how they are checked); fails when
 *       the log is damaged where an applied record would be dropped (R2), as opening does;</li>
 *   <li>{@code catalog}: the catalog block passes its checksum and decodes;</li>
 *   <li>{@code version chains}: every chain lies in the pool, ends, and has decreasing
 *       timestamps (the engine's ownership walk follows chains without a bound);</li>
 * </ol>
 * then the engine's {@link DatabaseCheck}: header copies, allocator bitmap, allocator accounting,
 * block ownership, B+trees, rows and indexes. A step that throws on damage it did not expect is
 * reported as a failed step with the exception's message, never as a crash of the tool.
 */
final class PoolChecker {
    private PoolChecker() {}

    /**
     * Checks the pool. When the log holds committed records after the checkpoint, the structures
     * the checkpoint names are not the whole truth: applying a commit swings slots in checkpointed
     * slot pages in place (C2) and the log alone makes the blocks it allocated and freed count. Then
     * the checkpoint's own metadata (header copies, bitmap, accounting) is checked in the pool, and
     * the structures in a scratch copy of the file after the replay that opening would do; the
     * pool itself is never written. The copy is checkpointed after the replay (opening leaves the
     * replayed records in the log, R1), so the structures checked are those the checkpoint names.
     */
    static CheckReport run(Pool pool, Path scratchDirectory) {
        return run(pool, scratchDirectory, step -> { });
    }

    /** {@link #run(Pool, Path)}, telling {@code progress} the name of each step as it starts. */
    static CheckReport run(Pool pool, Path scratchDirectory, Consumer<String> progress) {
        CheckReport report = new CheckReport();
        List<LogRecord> records = new ArrayList<>();
        progress.accept("redo log");
        report.add(logStep(pool, records));
        if (records.isEmpty()) {
            structures(pool, report, "", progress);
            return report;
        }
        progress.accept("catalog");
        catalogStep(pool.segment(), pool.header().root(RootSlot.CATALOG), report);
        addAll(report, spaceOnly(pool.segment()));
        Path copy = null;
        try {
            progress.accept("replay (copying the pool to " + scratchDirectory + " and replaying its log)");
            copy = Files.createTempFile(scratchDirectory, "persimmon-check-", ".pool");
            Files.copy(pool.path(), copy, StandardCopyOption.REPLACE_EXISTING);
            DatabaseOptions options = DatabaseOptions.defaults().withPool(PoolOptions.defaults().withCreate(false)
                    .withMode(PersistenceMode.PROCESS));
            try (Pool scratch = Pool.open(copy, options.pool())) {
                try (Database db = Database.attach(scratch, options)) {
                    // Opening leaves the replayed records in the log (R1); the steps below read a
                    // checkpoint, so the scratch copy is checkpointed (the pool itself never is).
                    db.checkpoint();
                    report.add(new CheckReport.Step("replay", records.size() + " record(s) replayed into the scratch copy "
                            + copy + "; the next steps check that copy", List.of()));
                    structures(scratch, report, " (after replay)", progress);
                }
            }
        } catch (IOException e) {
            report.add(new CheckReport.Step("replay", "cannot copy the pool to " + scratchDirectory,
                    List.of(e.toString() + "; give another place with --scratch")));
        } catch (RuntimeException | StackOverflowError e) {
            report.add(failed("replay", e));
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a scratch file in the temporary directory
                }
            }
        }
        return report;
    }

    /** The catalog, the version chains, then the engine's check of every structure. */
    private static void structures(Pool pool, CheckReport report, String suffix, Consumer<String> progress) {
        MemorySegment s = pool.segment();
        CheckReport mine = new CheckReport();
        progress.accept("catalog" + suffix);
        CatalogBlock.Image image = catalogStep(s, pool.header().root(RootSlot.CATALOG), mine);
        if (image != null) {
            progress.accept("version chains" + suffix);
            mine.add(chainStep(s, image));
        }
        CheckReport engine;
        if (!mine.passed()) {
            // The engine's walk would follow the damage (a looping chain for ever): check only the
            // space the header and bitmap describe, then stop.
            engine = spaceOnly(s);
        } else {
            try {
                engine = DatabaseCheck.run(pool, what -> progress.accept(what + suffix));
            } catch (RuntimeException | StackOverflowError e) {
                engine = spaceOnly(s);
                engine.add(failed("rows and indexes", e));
            }
        }
        for (CheckReport.Step step : mine.steps()) {
            report.add(renamed(step, suffix));
        }
        for (CheckReport.Step step : engine.steps()) {
            report.add(renamed(step, suffix));
        }
    }

    private static CheckReport.Step renamed(CheckReport.Step step, String suffix) {
        return suffix.isEmpty() ? step : new CheckReport.Step(step.name() + suffix, step.summary(), step.problems());
    }

    private static CatalogBlock.Image catalogStep(MemorySegment s, long root, CheckReport report) {
        try {
            CatalogBlock.Image image = CatalogBlock.read(s, root);
            report.add(new CheckReport.Step("catalog", image.tables().size() + " table(s), " + image.indexes().size()
                    + " index(es)", List.of()));
            return image;
        } catch (RuntimeException e) {
            report.add(failed("catalog", e));
            return null;
        }
    }

    /** The log step; {@code records} receives the committed records after the checkpoint. */
    private static CheckReport.Step logStep(Pool pool, List<LogRecord> found) {
        if (pool.header().root(RootSlot.LOG) == 0) {
            return new CheckReport.Step("redo log", "none: no database has been opened in this pool", List.of());
        }
        try {
            RedoLog log = RedoLog.open(pool);
            List<LogRecord> records = log.recover(); // reads; replays nothing
            found.addAll(records);
            String gaps = gaps(log.gaps(records));
            // R2: a record past the end of an area's valid ones had been applied: damage, which
            // opening refuses; a torn tail, which a crash leaves, is only said.
            List<String> damage = LogDamage.find(pool.segment(), log, records, log.checkpointTimestamp())
                    .map(damaged -> List.of(damaged.exception().getMessage())).orElse(List.of());
            if (records.isEmpty()) {
                return new CheckReport.Step("redo log", "no committed records after the checkpoint (timestamp "
                        + log.checkpointTimestamp() + ")" + gaps, damage);
            }
            long bytes = records.stream().mapToLong(LogRecord::span).sum();
            return new CheckReport.Step("redo log", records.size() + " committed record(s) (" + bytes
                    + " bytes) after the checkpoint, timestamps " + records.getFirst().timestamp() + " to "
                    + records.getLast().timestamp() + ": opening the database would replay them on top of the checkpoint (timestamp "
                    + log.checkpointTimestamp() + ")" + gaps, damage);
        } catch (RuntimeException e) {
            return failed("redo log", e);
        }
    }

    /**
     * Where an area's records end before a valid record: said, not failed, since a crash in a
     * group commit leaves the same (C6). Damage there is a failure of the step when a record from
     * there on had been applied (R2, {@link LogDamage}); damage that left no trace in the pool
     * cannot be told from a torn tail.
     */
    private static String gaps(List<RedoLog.Gap> gaps) {
        StringBuilder b = new StringBuilder();
        for (RedoLog.Gap g : gaps) {
            b.append("; area ").append(g.area()).append(": the record at offset ").append(g.invalidAt())
                    .append(" is not valid but record ").append(g.sequence()).append(" at offset ").append(g.validAt())
                    .append(" is: a group commit torn by a crash (C6), or damage that left no applied record behind it (R2); neither it nor the later records of its area are replayed");
        }
        return b.toString();
    }

    private static CheckReport.Step chainStep(MemorySegment s, CatalogBlock.Image image) {
        List<String> problems = new ArrayList<>();
        long chains = 0;
        long versions = 0;
        try {
            for (CatalogBlock.TableEntry t : image.tables()) {
                VersionChains.Stats stats = VersionChains.walk(s, t);
                chains += stats.slots();
                versions += stats.versions();
                problems.addAll(stats.problems());
            }
        } catch (RuntimeException e) {
            problems.add(PoolInspection.message(e));
        }
        return new CheckReport.Step("version chains", chains + " chain(s), " + versions + " version(s)", problems);
    }

    /** The engine's space steps (header copies, bitmap, accounting) without walking the owners. */
    private static CheckReport spaceOnly(MemorySegment s) {
        try {
            CheckReport space = PoolCheck.run(s, List.of());
            CheckReport kept = new CheckReport();
            for (CheckReport.Step step : space.steps()) {
                if (!step.name().equals("block ownership")) {
                    kept.add(step);
                }
            }
            return kept;
        } catch (RuntimeException e) {
            CheckReport r = new CheckReport();
            r.add(failed("allocator", e));
            return r;
        }
    }

    private static void addAll(CheckReport to, CheckReport from) {
        from.steps().forEach(to::add);
    }

    private static CheckReport.Step failed(String step, Throwable e) {
        return new CheckReport.Step(step, "unreadable", List.of(PoolInspection.message(e)));
    }
}
