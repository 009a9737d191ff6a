package io.persimmon.tpcc;

import java.util.List;
import java.util.Map;

/**
 * The JSON form of a run ({@code engine}, {@code durability}, {@code warehouses}, {@code terminals},
 * {@code seconds}, {@code tpmC}, {@code txnPerSecond}, {@code perType}, {@code consistency}, and for
 * Persimmon {@code fencesPerTxn} and {@code flushedLinesPerTxn} per type) and of a comparison.
 */
public final class ResultJson {

    private ResultJson() {
    }

    /** One run as a JSON document. */
    public static String of(RunResult result) {
        JsonWriter json = new JsonWriter();
        write(json, result);
        return json.toString();
    }

    /** A comparison: the runs, the engines that could not run, and the ratios against the first run. */
    public static String comparison(List<RunResult> results, Map<String, String> unavailable, String command) {
        JsonWriter json = new JsonWriter().beginObject();
        json.name("command").value(command);
        json.name("machine").value(Machine.describe());
        json.name("baseline").value(results.isEmpty() ? null : results.getFirst().engine());
        json.name("runs").beginArray();
        for (RunResult result : results) {
            write(json, result);
        }
        json.endArray();
        json.name("ratios").beginObject();
        for (RunResult result : results) {
            json.name(result.engine()).value(result.txnPerSecond() / results.getFirst().txnPerSecond());
        }
        json.endObject();
        json.name("unavailable").beginObject();
        unavailable.forEach((engine, reason) -> json.name(engine).value(reason));
        json.endObject();
        return json.endObject().toString();
    }

    private static void write(JsonWriter json, RunResult result) {
        RunConfig config = result.config();
        json.beginObject();
        json.name("engine").value(result.engine());
        json.name("engineDescription").value(result.engineDescription());
        json.name("url").value(result.url());
        json.name("settings").value(result.settings());
        json.name("durability").beginObject()
                .name("survivesKill").value(result.durability().survivesKill())
                .name("survivesPowerLoss").value(result.durability().survivesPowerLoss())
                .name("summary").value(result.durability().summary())
                .endObject();
        json.name("warehouses").value(config.warehouses());
        json.name("terminals").value(config.terminals());
        json.name("warmupSeconds").value(config.warmupSeconds());
        json.name("seconds").value(result.seconds());
        json.name("mix").value(config.mix().toString());
        json.name("keyingTime").value(config.keyingTime());
        json.name("thinkTime").value(config.thinkTime());
        json.name("tpmC").value(result.tpmC());
        json.name("newOrderCommittedPerMinute").value(result.newOrderCommittedPerMinute());
        json.name("txnPerSecond").value(result.txnPerSecond());
        json.name("perType").beginObject();
        for (TransactionType type : TransactionType.values()) {
            TypeResult r = result.perType().get(type);
            json.name(type.label()).beginObject()
                    .name("count").value(r.count())
                    .name("committed").value(r.committed())
                    .name("txnPerSecond").value(r.txnPerSecond())
                    .name("p50Ms").value(r.p50Ms())
                    .name("p95Ms").value(r.p95Ms())
                    .name("p99Ms").value(r.p99Ms())
                    .name("maxMs").value(r.maxMs())
                    .name("meanMs").value(r.meanMs())
                    .name("aborts").value(r.aborts())
                    .name("retries").value(r.retries())
                    .name("errors").value(r.errors())
                    .endObject();
        }
        json.endObject();
        if (result.countersPresent()) {
            json.name("fencesPerTxn").beginObject();
            for (TransactionType type : TransactionType.values()) {
                json.name(type.label()).value(result.perType().get(type).fencesPerTxn());
            }
            json.endObject();
            json.name("flushedLinesPerTxn").beginObject();
            for (TransactionType type : TransactionType.values()) {
                json.name(type.label()).value(result.perType().get(type).flushedLinesPerTxn());
            }
            json.endObject();
        }
        json.name("retryReasons").beginObject();
        result.retryReasons().forEach((reason, count) -> json.name(reason).value(count.longValue()));
        json.endObject();
        json.name("errors").value(result.errors());
        json.name("firstError").value(result.firstError());
        json.name("skippedDeliveries").value(result.skippedDeliveries());
        json.name("consistency").value(result.consistency().summary());
        json.name("passed").value(result.passed());
        json.name("load").beginObject()
                .name("rows").value(result.loadedRows())
                .name("seconds").value(result.loadSeconds())
                .name("threads").value(config.loaderThreads())
                .endObject();
        json.name("throughputPerSecond").beginArray();
        for (long count : result.measuredThroughput()) {
            json.value(count);
        }
        json.endArray();
        json.name("cpu").beginObject()
                .name("msPerTxn").value(result.cpuMsPerTxn())
                .name("coresBusy").value(result.coresBusy())
                .name("loadAverage").value(result.loadAverage())
                .endObject();
        json.name("startedAt").value(result.startedAt().toString());
        json.name("machine").value(Machine.describe());
        json.endObject();
    }
}
