package io.persimmon.tpcc;

/**
 * The settings of one benchmark run, identical for every engine of a comparison.
 *
 * @param warehouses      W
 * @param terminals       concurrent terminals (threads, one connection each)
 * @param warmupSeconds   seconds run before measuring
 * @param durationSeconds seconds measured
 * @param mix             transaction weights
 * @param keyingTime      wait the keying times of clause 5.2.5.7 before each transaction
 * @param thinkTime       wait the think times of clause 5.2.5.7 after each transaction
 * @param seed            base seed of all random generators
 * @param loaderThreads   threads of the loader
 * @param quiet           no progress output
 */
public record RunConfig(int warehouses, int terminals, int warmupSeconds, int durationSeconds, Mix mix,
                        boolean keyingTime, boolean thinkTime, long seed, int loaderThreads, boolean quiet) {

    public RunConfig {
        if (warehouses < 1) {
            throw new IllegalArgumentException("--warehouses must be at least 1");
        }
        if (terminals < 1) {
            throw new IllegalArgumentException("--terminals must be at least 1");
        }
        if (warmupSeconds < 0 || durationSeconds < 1) {
            throw new IllegalArgumentException("--warmup must be >= 0 and --duration >= 1");
        }
    }
}
