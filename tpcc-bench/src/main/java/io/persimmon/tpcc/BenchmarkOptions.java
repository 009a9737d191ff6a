package io.persimmon.tpcc;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code run} and {@code compare} share. */
public final class BenchmarkOptions {

    @Option(names = {"-w", "--warehouses"}, defaultValue = "1", description = "Warehouses W (default: ${DEFAULT-VALUE}).")
    int warehouses;

    @Option(names = {"-t", "--terminals"}, defaultValue = "4",
            description = "Concurrent terminals, one connection each; terminal i works on warehouse (i mod W)+1 "
                    + "(default: ${DEFAULT-VALUE}).")
    int terminals;

    @Option(names = "--warmup", defaultValue = "10", paramLabel = "S",
            description = "Seconds run before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--duration", defaultValue = "30", paramLabel = "S",
            description = "Seconds measured (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--mix", defaultValue = "45,43,4,4,4", paramLabel = "NO,P,OS,D,SL",
            description = "Weights of New-Order, Payment, Order-Status, Delivery, Stock-Level (default: ${DEFAULT-VALUE}).")
    String mix;

    @Option(names = "--keying-time", description = "Wait the TPC-C keying time before each transaction (off by default).")
    boolean keyingTime;

    @Option(names = "--think-time", description = "Wait the TPC-C think time after each transaction (off by default).")
    boolean thinkTime;

    @Option(names = "--seed", defaultValue = "20260101", paramLabel = "N", description = "Seed of the data and input generators.")
    long seed;

    @Option(names = "--loader-threads", defaultValue = "0", paramLabel = "N",
            description = "Loader threads (default: one per warehouse plus one for ITEM, at most the number of cores).")
    int loaderThreads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar or progress lines.")
    boolean quiet;

    @Option(names = "--out", defaultValue = "tpcc-out", paramLabel = "DIR",
            description = "Folder for the Markdown report, the PNG chart and the JSON result (default: ${DEFAULT-VALUE}).")
    Path out;

    /** The run settings these options describe. */
    RunConfig toConfig() {
        return new RunConfig(warehouses, terminals, warmup, duration, Mix.parse(mix), keyingTime, thinkTime, seed,
                loaderThreads > 0 ? loaderThreads : TpccLoader.defaultThreads(warehouses), quiet);
    }
}
