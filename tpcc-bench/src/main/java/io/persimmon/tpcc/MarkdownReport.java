package io.persimmon.tpcc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Markdown reports: one per run, and the comparison table of several engines with ratios against the
 * first. Both state each engine's durability, and the comparison warns when the engines compared do not
 * give the same guarantees.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /** The report of one run; {@code chartFile} is the PNG's name next to it, or null. */
    public static String run(RunResult result, String chartFile) {
        RunConfig config = result.config();
        StringBuilder md = new StringBuilder();
        md.append("# TPC-C run: ").append(result.engine()).append("\n\n");
        md.append("- Engine: ").append(result.engineDescription()).append("\n");
        md.append("- URL: `").append(result.url()).append("`\n");
        md.append("- Settings: ").append(result.settings()).append("\n");
        md.append("- Durability: **").append(result.durability().label()).append("**. ")
                .append(result.durability().summary()).append("\n");
        md.append("- Warehouses: ").append(config.warehouses()).append(", terminals: ").append(config.terminals())
                .append(", warm-up: ").append(config.warmupSeconds()).append(" s, measured: ")
                .append(fmt(result.seconds(), 0)).append(" s, mix: ").append(config.mix())
                .append(", keying time: ").append(onOff(config.keyingTime()))
                .append(", think time: ").append(onOff(config.thinkTime())).append("\n");
        md.append("- Load: ").append(String.format(Locale.ROOT, "%,d", result.loadedRows())).append(" rows in ")
                .append(fmt(result.loadSeconds(), 1)).append(" s (").append(config.loaderThreads())
                .append(" threads)\n");
        md.append("- Machine: ").append(Machine.describe()).append("\n");
        md.append("- Started: ").append(result.startedAt()).append("\n\n");

        md.append("## Results\n\n");
        md.append("**").append(fmt(result.tpmC(), 0)).append(" tpmC** (New-Order transactions completed per minute, "
                + "including the 1% rolled back by design; ").append(fmt(result.newOrderCommittedPerMinute(), 0))
                .append(" committed), **").append(fmt(result.txnPerSecond(), 0)).append(" transactions per second** "
                + "in total.\n\n");
        md.append(typeTable(result)).append("\n");
        md.append("CPU: the process kept ").append(fmt(result.coresBusy(), 2)).append(" of ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores busy (")
                .append(fmt(result.cpuMsPerTxn(), 3)).append(" ms of CPU per transaction, all threads); highest system "
                        + "load average during the measurement: ").append(fmt(result.loadAverage(), 2))
                .append(". A load average well above the cores the benchmark used means other processes competed for "
                        + "the CPU.\n\n");
        md.append("Latencies include retries. Aborts are New-Order's expected rollbacks (unused item id). ");
        md.append("Delivery found ").append(result.skippedDeliveries()).append(" district(s) without an undelivered order.\n\n");
        if (!result.retryReasons().isEmpty()) {
            md.append("Retries by reason (whole run): ");
            List<String> parts = new ArrayList<>();
            result.retryReasons().forEach((reason, count) -> parts.add(reason + ": " + count));
            md.append(String.join(", ", parts)).append(".\n\n");
        }
        if (result.errors() > 0) {
            md.append("**").append(result.errors()).append(" transactions failed with errors.** First: `")
                    .append(result.firstError()).append("`\n\n");
        }
        md.append("## Consistency\n\n");
        md.append("TPC-C consistency conditions 1 to 4 (clause 3.3.2): **").append(result.consistency().summary())
                .append("**\n\n");
        for (String failure : result.consistency().failures()) {
            md.append("- ").append(failure).append("\n");
        }
        if (chartFile != null) {
            md.append("## Chart\n\n![Throughput over time and latency per transaction type](").append(chartFile)
                    .append(")\n");
        }
        return md.toString();
    }

    /**
     * The comparison of {@code results} (ratios against the first), with the engines that could not run
     * and the command that produced it.
     */
    public static String comparison(List<RunResult> results, Map<String, String> unavailable, String command,
                                    String chartFile) {
        StringBuilder md = new StringBuilder("# TPC-C comparison\n\n");
        if (!results.isEmpty()) {
            RunConfig config = results.getFirst().config();
            md.append("W=").append(config.warehouses()).append(", ").append(config.terminals()).append(" terminals, ")
                    .append(config.warmupSeconds()).append(" s warm-up, ").append(config.durationSeconds())
                    .append(" s measured, mix ").append(config.mix()).append(", keying/think times ")
                    .append(onOff(config.keyingTime() || config.thinkTime())).append(". Machine: ")
                    .append(Machine.describe()).append(".\n\n");
        }
        md.append("Command: `").append(command).append("`\n\n");
        md.append(comparisonTable(results)).append("\n");
        if (!results.isEmpty()) {
            md.append("tpmC counts New-Orders completed per minute (the 1% rolled back by design included). ")
                    .append("Ratios are total transactions per second against ").append(results.getFirst().engine())
                    .append(" (the first engine that ran)")
                    .append(". p95 latencies in milliseconds, including retries. CPU ms/txn is the benchmark "
                            + "process's CPU time (all threads) per transaction; Max load is the highest one-minute load "
                            + "average of the machine sampled during the measurement (well above the benchmark's own "
                            + "busy cores, other work competed for the CPU).\n\n");
        }
        md.append(durabilityNotes(results));
        if (!unavailable.isEmpty()) {
            md.append("\nNot run:\n\n");
            unavailable.forEach((engine, reason) -> md.append("- ").append(engine).append(": ").append(reason).append("\n"));
        }
        if (chartFile != null && !results.isEmpty()) {
            md.append("\n![Throughput over time per engine](").append(chartFile).append(")\n");
        }
        return md.toString();
    }

    /** The comparison table alone (one row per engine). */
    public static String comparisonTable(List<RunResult> results) {
        StringBuilder md = new StringBuilder();
        md.append("| Engine | Survives kill -9 | Survives power loss | tpmC | txn/s | Ratio | NewOrder p50 / p95 / p99 ms "
                + "| Payment p95 | OrderStatus p95 | Delivery p95 | StockLevel p95 | Aborts | Retries | CPU ms/txn | Max load "
                + "| Consistency |\n");
        md.append("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        if (results.isEmpty()) {
            return md.toString();
        }
        RunResult baseline = results.getFirst();
        for (RunResult result : results) {
            Map<TransactionType, TypeResult> t = result.perType();
            TypeResult newOrder = t.get(TransactionType.NEW_ORDER);
            long aborts = 0;
            long retries = 0;
            for (TypeResult r : t.values()) {
                aborts += r.aborts();
                retries += r.retries();
            }
            boolean sameDurability = result.durability().sameGuaranteesAs(baseline.durability());
            md.append("| ").append(result.engine())
                    .append(" | ").append(Durability.yesNo(result.durability().survivesKill()))
                    .append(" | ").append(Durability.yesNo(result.durability().survivesPowerLoss()))
                    .append(" | ").append(fmt(result.tpmC(), 0))
                    .append(" | ").append(fmt(result.txnPerSecond(), 0))
                    .append(" | ").append(fmt(result.txnPerSecond() / baseline.txnPerSecond(), 2))
                    .append(sameDurability || result == baseline ? "" : " †")
                    .append(" | ").append(fmt(newOrder.p50Ms(), 2)).append(" / ").append(fmt(newOrder.p95Ms(), 2))
                    .append(" / ").append(fmt(newOrder.p99Ms(), 2))
                    .append(" | ").append(fmt(t.get(TransactionType.PAYMENT).p95Ms(), 2))
                    .append(" | ").append(fmt(t.get(TransactionType.ORDER_STATUS).p95Ms(), 2))
                    .append(" | ").append(fmt(t.get(TransactionType.DELIVERY).p95Ms(), 2))
                    .append(" | ").append(fmt(t.get(TransactionType.STOCK_LEVEL).p95Ms(), 2))
                    .append(" | ").append(aborts)
                    .append(" | ").append(retries)
                    .append(" | ").append(fmt(result.cpuMsPerTxn(), 3))
                    .append(" | ").append(fmt(result.loadAverage(), 1))
                    .append(" | ").append(result.passed() ? "passed" : String.join("; ", result.failures()))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** The durability of every engine, and a warning when they differ. */
    static String durabilityNotes(List<RunResult> results) {
        StringBuilder md = new StringBuilder("Durability of each engine as configured:\n\n");
        for (RunResult result : results) {
            md.append("- **").append(result.engine()).append("** (").append(result.durability().label()).append("): ")
                    .append(result.durability().summary()).append("\n");
        }
        if (results.size() > 1) {
            RunResult baseline = results.getFirst();
            List<String> different = new ArrayList<>();
            for (RunResult result : results) {
                if (!result.durability().sameGuaranteesAs(baseline.durability())) {
                    different.add(result.engine());
                }
            }
            if (!different.isEmpty()) {
                md.append("\n**† Not like for like:** ").append(String.join(", ", different))
                        .append(different.size() == 1 ? " does" : " do")
                        .append(" not give the same guarantees as ").append(baseline.engine())
                        .append(" (").append(baseline.durability().label())
                        .append("). Their ratios compare different durability, not only speed.\n");
            }
        }
        return md.toString();
    }

    private static String typeTable(RunResult result) {
        boolean counters = result.countersPresent();
        StringBuilder md = new StringBuilder("| Type | Count | txn/s | p50 ms | p95 ms | p99 ms | max ms | Aborts | Retries | Errors |");
        md.append(counters ? " Fences/txn | Flushed lines/txn |\n" : "\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|").append(counters ? "--:|--:|\n" : "\n");
        for (TransactionType type : TransactionType.values()) {
            TypeResult r = result.perType().get(type);
            md.append("| ").append(type.label())
                    .append(" | ").append(r.count())
                    .append(" | ").append(fmt(r.txnPerSecond(), 1))
                    .append(" | ").append(fmt(r.p50Ms(), 2))
                    .append(" | ").append(fmt(r.p95Ms(), 2))
                    .append(" | ").append(fmt(r.p99Ms(), 2))
                    .append(" | ").append(fmt(r.maxMs(), 2))
                    .append(" | ").append(r.aborts())
                    .append(" | ").append(r.retries())
                    .append(" | ").append(r.errors())
                    .append(" |");
            if (counters) {
                md.append(' ').append(r.fencesPerTxn() == null ? "n/a" : fmt(r.fencesPerTxn(), 1))
                        .append(" | ").append(r.flushedLinesPerTxn() == null ? "n/a" : fmt(r.flushedLinesPerTxn(), 1))
                        .append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
