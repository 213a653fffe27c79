package org.medsafety.scenario;

import org.medsafety.engine.Finding;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** One expected alert of a scenario; only the keys that were written are compared (null = any). */
public record Expectation(String check, String severity, String indicator, String rule, String id, Set<String> drugs) {

    public boolean matches(Finding f) {
        return (check == null || check.equals(f.check()))
                && (severity == null || (f.severity() != null && severity.equals(f.severity().label())))
                && (indicator == null || indicator.equals(f.indicator()))
                && (rule == null || rule.equals(f.ruleId()))
                && (id == null || id.equals(f.knowledgeId()))
                && (drugs == null || drugs.equals(lower(f)));
    }

    private static Set<String> lower(Finding f) {
        Set<String> names = new TreeSet<>();
        f.drugs().forEach(d -> names.add(d.toLowerCase(Locale.ROOT)));
        return names;
    }

    /** How a finding reads in a failure message: the keys a scenario can expect. */
    public static String describe(Finding f) {
        return "{check: " + f.check() + ", severity: " + (f.severity() == null ? "-" : f.severity().label())
                + ", indicator: " + f.indicator() + ", rule: " + f.ruleId()
                + (f.knowledgeId() == null ? "" : ", id: " + f.knowledgeId()) + ", drugs: " + lower(f) + "}";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        append(sb, "check", check);
        append(sb, "severity", severity);
        append(sb, "indicator", indicator);
        append(sb, "rule", rule);
        append(sb, "id", id);
        append(sb, "drugs", drugs == null ? null : drugs.toString());
        return sb.append('}').toString();
    }

    private static void append(StringBuilder sb, String key, String value) {
        if (value != null) {
            sb.append(sb.length() > 1 ? ", " : "").append(key).append(": ").append(value);
        }
    }
}
