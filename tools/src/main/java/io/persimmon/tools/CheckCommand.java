package io.persimmon.tools;

import io.persimmon.engine.ErrorCode;
import io.persimmon.engine.PersimmonException;
import io.persimmon.engine.check.CheckReport;
import io.persimmon.engine.pool.Pool;
import io.persimmon.engine.pool.PoolOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code persimmon check <pool>}: every invariant of the durable state, as numbered steps each
 * saying what it found. Exit 0 when consistent, 1 when not (or the pool cannot be opened because
 * it is damaged), 2 when it could not be checked (missing, locked by another process). Never
 * writes: it opens the pool, which writes nothing, and not the database, whose recovery would
 * (a pool with records after its checkpoint is replayed in a scratch copy, see {@link PoolChecker}).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a pool's durable state without changing it; exit 0 when consistent, 1 when not, 2 when it cannot be checked.")
final class CheckCommand implements Callable<Integer> {
    static final int CONSISTENT = 0;
    static final int INCONSISTENT = 1;
    static final int CANNOT_CHECK = 2;

    /** Refusals at open that mean the pool is damaged, not merely unavailable. */
    private static final Set<ErrorCode> DAMAGE = EnumSet.of(ErrorCode.NOT_A_POOL, ErrorCode.HEADER_CORRUPT,
            ErrorCode.CORRUPT);

    @Parameters(index = "0", description = "the pool file")
    Path pool;

    @Option(names = "--scratch", description = "where to replay a copy of a pool whose log holds records after "
            + "its checkpoint (default: the system's temporary directory)")
    Path scratch = Path.of(System.getProperty("java.io.tmpdir"));

    @Option(names = "--quiet", description = "no progress on standard error (shown for pools of "
            + LARGE_POOL_MIB + " MiB or more)")
    boolean quiet;

    @Option(names = "--progress", description = "name each step on standard error as it starts, whatever the pool's size")
    boolean progress;

    /** Pools at least this large show the step that runs on standard error: their check takes a while. */
    static final long LARGE_POOL_MIB = 256;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Pool p;
        try {
            p = Pool.open(pool, PoolOptions.defaults().withCreate(false));
        } catch (PersimmonException e) {
            if (DAMAGE.contains(e.code())) {
                out.println("FAIL open: " + e.getMessage());
                out.println("NOT consistent: the pool cannot be opened");
                return INCONSISTENT;
            }
            System.err.println("persimmon check: " + e.getMessage());
            return CANNOT_CHECK;
        } catch (RuntimeException e) {
            out.println("FAIL open: " + PoolInspection.message(e));
            out.println("NOT consistent: the pool cannot be opened");
            return INCONSISTENT;
        }
        try (p) {
            out.println("checking " + p.path() + ": the durable state named by header " + p.header().sequence());
            boolean show = !quiet && (progress || p.size() >= LARGE_POOL_MIB << 20);
            Progress steps = show ? Progress.onStandardError() : Progress.NONE;
            CheckReport report = PoolChecker.run(p, scratch, step -> steps.step("check: " + step + " ..."));
            steps.done();
            print(report, out);
            return report.passed() ? CONSISTENT : INCONSISTENT;
        }
    }

    static void print(CheckReport report, PrintStream out) {
        int n = 0;
        for (CheckReport.Step step : report.steps()) {
            out.printf("%2d. %s %s: %s%n", ++n, step.passed() ? "ok  " : "FAIL", step.name(), step.summary());
            for (String problem : step.problems()) {
                out.println("         - " + problem);
            }
        }
        out.println(report.passed() ? "consistent" : "NOT consistent: " + report.problems().size() + " problem(s)");
    }
}
