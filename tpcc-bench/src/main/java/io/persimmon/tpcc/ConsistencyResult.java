package io.persimmon.tpcc;

import java.util.List;

/**
 * The outcome of the consistency check: the list of violated conditions, empty when all passed.
 *
 * @param failures one line per violation, each starting with "condition N"
 */
public record ConsistencyResult(List<String> failures) {

    /** At most this many violations are spelled out in {@link #summary()}. */
    private static final int SHOWN = 3;

    public ConsistencyResult {
        failures = List.copyOf(failures);
    }

    /** Whether conditions 1 to 4 all hold. */
    public boolean passed() {
        return failures.isEmpty();
    }

    /** "passed", or "failed: condition 2 (...) ..." naming the violated conditions. */
    public String summary() {
        if (passed()) {
            return "passed";
        }
        StringBuilder out = new StringBuilder("failed: ");
        for (int i = 0; i < Math.min(SHOWN, failures.size()); i++) {
            out.append(i == 0 ? "" : "; ").append(failures.get(i));
        }
        if (failures.size() > SHOWN) {
            out.append("; and ").append(failures.size() - SHOWN).append(" more");
        }
        return out.toString();
    }
}
