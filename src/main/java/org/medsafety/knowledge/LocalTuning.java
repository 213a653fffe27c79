package org.medsafety.knowledge;

import java.util.Map;

/**
 * This site's deliberate departures from the shipped knowledge, each with a mandatory reason: a rule or knowledge
 * row disabled, or a knowledge row's severity lowered. Kept in knowledge-base/local-tuning.csv, so every change is
 * a new ruleset version with its author and reason. ONC high-priority interactions can be neither.
 */
public final class LocalTuning {

    /**
     * One tuning decision. {@code severity} is the lowered severity, or null for "disable"; {@code knowledgeRow} says
     * whether the target is a knowledge row id (else it must be a rule name).
     */
    public record Entry(String target, boolean knowledgeRow, boolean disable, Severity severity, String reason,
                        String author, String date) {
    }

    public static final LocalTuning NONE = new LocalTuning(Map.of());

    private final Map<String, Entry> byTarget;

    LocalTuning(Map<String, Entry> byTarget) {
        this.byTarget = Map.copyOf(byTarget);
    }

    /** The decision about a rule id or knowledge row id, or null. */
    public Entry about(String target) {
        return target == null ? null : byTarget.get(target);
    }

    public Map<String, Entry> entries() {
        return byTarget;
    }

    public boolean isEmpty() {
        return byTarget.isEmpty();
    }
}
