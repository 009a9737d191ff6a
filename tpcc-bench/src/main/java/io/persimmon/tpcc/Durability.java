package io.persimmon.tpcc;

/**
 * What an engine, as configured by its profile, guarantees about committed transactions: whether they
 * survive a killed process ({@code kill -9}) and whether they survive a power loss or kernel crash.
 * {@code null} means unknown. Every report prints this next to the engine's numbers.
 *
 * @param survivesKill      committed transactions survive {@code kill -9} of the process
 * @param survivesPowerLoss committed transactions survive a power loss
 * @param summary           one or two sentences saying what is actually guaranteed, and why
 */
public record Durability(Boolean survivesKill, Boolean survivesPowerLoss, String summary) {

    /** "yes", "no" or "unknown", for tables. */
    public static String yesNo(Boolean value) {
        return value == null ? "unknown" : value ? "yes" : "no";
    }

    /** Whether two engines give the same guarantees (both known and equal). */
    public boolean sameGuaranteesAs(Durability other) {
        return survivesKill != null && survivesPowerLoss != null
                && survivesKill.equals(other.survivesKill) && survivesPowerLoss.equals(other.survivesPowerLoss);
    }

    /** A short label such as "kill -9: yes, power loss: no". */
    public String label() {
        return "kill -9: " + yesNo(survivesKill) + ", power loss: " + yesNo(survivesPowerLoss);
    }
}
