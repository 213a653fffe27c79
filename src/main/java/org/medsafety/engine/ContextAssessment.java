package org.medsafety.engine;

import org.medsafety.engine.InteractionContext.Judged;
import org.medsafety.engine.InteractionContext.Standing;
import org.medsafety.knowledge.InteractionModifier;
import org.medsafety.knowledge.InteractionModifier.Effect;
import org.medsafety.knowledge.Severity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an interaction's modifiers make of it for one patient: whether it applies at all, its severity, and the card
 * text that says which factors applied. The rules, in this order:
 * <ol>
 *   <li>a {@code require} factor known not to apply means no card (unknown: the card is shown, saying so);</li>
 *   <li>the first {@code set} factor that applies fixes the severity;</li>
 *   <li>otherwise one step up when every raise group has a factor that applies, one step down when a lower factor
 *       applies (both: unchanged).</li>
 * </ol>
 */
record ContextAssessment(boolean suppressed, Severity base, Severity severity, String detail, String change) {

    static ContextAssessment of(Severity base, List<Judged> judged) {
        if (judged.isEmpty()) {
            return new ContextAssessment(false, base, base, null, null);
        }
        boolean suppressed = judged.stream().anyMatch(j -> j.modifier().effect() == Effect.REQUIRE
                && j.standing() == Standing.DOES_NOT_APPLY);
        List<Judged> applied = judged.stream().filter(j -> j.standing() == Standing.APPLIES).toList();
        Judged set = applied.stream().filter(j -> j.modifier().effect() == Effect.SET).findFirst().orElse(null);
        Set<String> groups = new LinkedHashSet<>();
        Set<String> metGroups = new LinkedHashSet<>();
        for (Judged j : judged) {
            if (j.modifier().effect() == Effect.RAISE && j.standing() != Standing.NOT_RELEVANT) {
                groups.add(j.modifier().group());
                if (j.standing() == Standing.APPLIES) {
                    metGroups.add(j.modifier().group());
                }
            }
        }
        boolean raise = set == null && !groups.isEmpty() && metGroups.containsAll(groups);
        boolean lower = set == null && applied.stream().anyMatch(j -> j.modifier().effect() == Effect.LOWER);
        Severity severity = set != null ? set.modifier().severity()
                : raise && !lower ? step(base, -1) : lower && !raise ? step(base, 1) : base;
        List<Judged> changing = set != null ? List.of(set) : applied.stream().filter(j -> (raise && !lower
                && j.modifier().effect() == Effect.RAISE) || (lower && !raise && j.modifier().effect() == Effect.LOWER))
                .toList();
        String change = severity == base ? null : (severity.ordinal() < base.ordinal() ? "raised: " : "lowered: ")
                + String.join(", ", changing.stream().map(Judged::brief).toList());
        return new ContextAssessment(suppressed, base, severity, detail(base, severity, judged, applied, groups,
                metGroups, set), change);
    }

    /** Severity one step towards contraindicated (-1) or minor (+1), within the scale. */
    private static Severity step(Severity s, int direction) {
        int i = Math.max(0, Math.min(Severity.values().length - 1, s.ordinal() + direction));
        return Severity.values()[i];
    }

    private static String detail(Severity base, Severity severity, List<Judged> judged, List<Judged> applied,
                                 Set<String> groups, Set<String> metGroups, Judged set) {
        List<String> unknown = judged.stream().filter(j -> j.standing() == Standing.UNKNOWN).map(Judged::what)
                .distinct().toList();
        if (applied.isEmpty() && unknown.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("**Patient context** (interaction-modifiers.csv):\n\n");
        for (Judged j : applied) {
            InteractionModifier m = j.modifier();
            sb.append("- ").append(CardText.capitalise(j.what())).append(": ").append(role(m)).append(". ")
                    .append(m.note()).append(" (").append(m.source().citation()).append(")\n");
        }
        if (!unknown.isEmpty()) {
            sb.append("- Not known, so not taken into account: ").append(String.join("; ", unknown)).append(".\n");
        }
        sb.append('\n');
        if (severity != base) {
            sb.append("Severity ").append(severity.ordinal() < base.ordinal() ? "raised" : "lowered").append(" from ")
                    .append(base.label()).append(" to ").append(severity.label())
                    .append(set != null ? " by the first factor above that sets it." : groups.size() > 1
                            ? ": a factor of each kind the source combines is present (" + String.join(", ", groups)
                            + ")." : ".");
        } else if (!metGroups.isEmpty() && !metGroups.containsAll(groups)) {
            List<String> missing = groups.stream().filter(g -> !metGroups.contains(g)).toList();
            sb.append("Severity unchanged (").append(base.label()).append("): the source raises it only when the "
                    + "patient also has a ").append(String.join(" and a ", missing)).append('.');
        } else {
            sb.append("Severity unchanged (").append(base.label()).append(").");
        }
        return sb.toString();
    }

    private static String role(InteractionModifier m) {
        return switch (m.effect()) {
            case REQUIRE -> "the warning is about these patients";
            case SET -> "sets the severity to " + m.severity().label();
            case RAISE -> m.group();
            case LOWER -> "lowers the severity";
            case NOTE -> "risk factor named by the source";
        };
    }

    /** Whether the finding must change at all: a new severity, or something to say. */
    boolean changesCard() {
        return detail != null || severity != base;
    }
}
