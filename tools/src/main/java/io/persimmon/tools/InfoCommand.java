package io.persimmon.tools;

import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code persimmon info <pool> [--json]}: what a pool is and durably holds. Opens the pool (which
 * writes nothing) and reads the checkpoint its header names plus the log after it; it does not
 * open a database, whose recovery would write. Row counts are those of the checkpoint; the log
 * line says how many committed records a reopening would replay on top.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a pool without changing it: format, space, mode, tables, indexes, version chains, log.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the pool file")
    Path pool;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Override
    public Integer call() {
        try (Pool p = Pool.open(pool, PoolOptions.defaults().withCreate(false))) {
            PoolInspection inspection = PoolInspection.of(p);
            if (json) {
                System.out.println(Json.write(inspection.toMap()));
            } else {
                print(inspection, System.out);
            }
            return 0;
        } catch (PersimmonException e) {
            System.err.println("persimmon info: " + e.getMessage());
            return 2;
        }
    }

    /** Prints the summary of an open pool (also used by {@code demo}). */
    static void print(Pool p) {
        print(PoolInspection.of(p), System.out);
    }

    static void print(PoolInspection i, PrintStream out) {
        Pool p = i.pool;
        out.println("pool          " + p.path());
        out.println("format        " + i.header.version() + ", uuid " + i.header.uuid());
        out.println("created       " + Instant.ofEpochMilli(i.header.createdMillis()));
        out.println("mode          " + p.persistence().mode().optionName() + " (survives "
                + p.persistence().mode().survives() + ")");
        out.println("checkpoint    sequence " + i.header.sequence() + ", header copy " + i.header.copyIndex()
                + "; other copy " + i.otherCopy());
        out.println("page size     " + i.header.pageSize() + " bytes");
        out.printf("size          %,d bytes (maximum %,d)%n", p.size(), p.options().maxSize());
        out.printf("space         %,d allocated, %,d free of %,d%n", i.allocated, i.free, i.capacity);
        if (i.catalogProblem != null) {
            out.println("catalog       UNREADABLE: " + i.catalogProblem + " (run persimmon check)");
        } else {
            printTables(i, out);
        }
        if (i.log != null) {
            PoolInspection.LogInfo log = i.log;
            out.printf("log           %d area(s); %,d record(s), %,d bytes after the checkpoint (timestamp %d)%s%n",
                    log.areas().size(), log.records(), log.bytes(), log.checkpointTimestamp(),
                    log.records() == 0 ? "" : ": opening the database replays them, up to timestamp "
                            + log.newestTimestamp());
            for (PoolInspection.AreaInfo a : log.areas()) {
                out.printf("  area %-3d    offset %,d, %,d bytes; %,d record(s), %,d bytes after the checkpoint%n",
                        a.index(), a.offset(), a.size(), a.records(), a.bytes());
            }
        } else if (i.logProblem != null) {
            out.println("log           UNREADABLE: " + i.logProblem + " (run persimmon check)");
        } else {
            out.println("log           none (no database has been opened in this pool)");
        }
    }

    private static void printTables(PoolInspection i, PrintStream out) {
        out.println("tables        " + i.tables.size() + " (row counts as of the checkpoint)");
        for (PoolInspection.TableInfo t : i.tables) {
            VersionChains.Stats c = t.chains();
            out.printf("  %-20s %,d rows; primary key %s; %d slot page(s); versions per row mean %.2f, max %d%n",
                    t.name(), t.rowCount(), tree(t.primary()), t.slotPages(), c.mean(), c.longest());
            for (String problem : c.problems()) {
                out.println("    damaged: " + problem);
            }
        }
        out.println("indexes       " + i.indexes.size());
        for (PoolInspection.IndexInfo x : i.indexes) {
            out.printf("  %-20s on %s%s%s; %s%n", x.name(), x.table(), x.unique() ? ", unique" : "",
                    x.ready() ? "" : ", being built", tree(x.tree()));
        }
    }

    private static String tree(PoolInspection.TreeSize t) {
        String text = String.format("%,d node(s) (%,d bytes), %,d entries, height %d", t.nodes(), t.bytes(),
                t.entries(), t.height());
        return t.problems().isEmpty() ? text : text + ", " + t.problems().size() + " problem(s): " + t.problems().get(0);
    }
}
