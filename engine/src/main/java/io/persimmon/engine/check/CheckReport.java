package io.persimmon.engine.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The result of a check: one entry per step, in order. */
public final class CheckReport {
    /** What one step found: a summary line, and every breach of an invariant. */
    public record Step(String name, String summary, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private final List<Step> steps = new ArrayList<>();

    public void add(Step step) {
        steps.add(step);
    }

    public List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }

    /** Whether every step passed. */
    public boolean passed() {
        return steps.stream().allMatch(Step::passed);
    }

    /** Every problem of every step, prefixed by the step's name. */
    public List<String> problems() {
        List<String> all = new ArrayList<>();
        for (Step step : steps) {
            for (String problem : step.problems()) {
                all.add(step.name() + ": " + problem);
            }
        }
        return all;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Step step : steps) {
            text.append(step.passed() ? "ok   " : "FAIL ").append(step.name()).append(": ").append(step.summary())
                    .append('\n');
            for (String problem : step.problems()) {
                text.append("       - ").append(problem).append('\n');
            }
        }
        text.append(passed() ? "consistent" : "NOT consistent: " + problems().size() + " problem(s)");
        return text.toString();
    }
}
