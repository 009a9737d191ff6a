package io.persimmon.tpcc;

/** A one-line description of the machine and JVM a result was measured on. */
public final class Machine {

    private Machine() {
    }

    /** For example "2 cores, Linux 6.8 amd64, Java 25.0.1 (Eclipse Adoptium)". */
    public static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }
}
