package org.medsafety.knowledge;

import java.util.Locale;
import java.util.Set;

/**
 * Condition codes a modifier looks for (condition-value-sets.csv), each as its source value set lists it.
 *
 * @param codes    "system|code" pairs
 * @param displays the listed display names in lower case, for records that name the condition without a code
 */
public record ConditionValueSet(String id, Set<String> codes, Set<String> displays, Source source) {

    public ConditionValueSet {
        codes = Set.copyOf(codes);
        displays = Set.copyOf(displays);
    }

    public boolean contains(String system, String code) {
        return system != null && code != null && codes.contains(system + "|" + code.trim());
    }

    public boolean names(String text) {
        return text != null && displays.contains(text.trim().toLowerCase(Locale.ROOT));
    }
}
