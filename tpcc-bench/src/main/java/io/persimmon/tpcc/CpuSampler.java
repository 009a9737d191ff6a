package io.persimmon.tpcc;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The CPU time this process used over the measurement interval, and the system load average: on a
 * machine shared with other work they tell whether the engine had the cores to itself.
 */
final class CpuSampler {

    private long markNanos = -1;
    private double maxLoad = Double.NaN;

    /** Remembers the process CPU time now. */
    void mark() {
        markNanos = processCpuNanos();
    }

    /** Process CPU seconds since {@link #mark()}, or NaN when unknown. */
    double sinceMark() {
        long now = processCpuNanos();
        return markNanos < 0 || now < 0 ? Double.NaN : (now - markNanos) / 1e9;
    }

    /** Samples the load average; {@link #maxLoadAverage()} returns the highest sample. */
    void sampleLoad() {
        double load = loadAverage();
        if (!Double.isNaN(load) && (Double.isNaN(maxLoad) || load > maxLoad)) {
            maxLoad = load;
        }
    }

    /** The highest one-minute load average sampled, or NaN. */
    double maxLoadAverage() {
        return maxLoad;
    }

    /** The system's one-minute load average, or NaN when unknown. */
    static double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : load;
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        if (bean instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
