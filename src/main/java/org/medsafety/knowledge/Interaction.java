package org.medsafety.knowledge;

import java.util.Set;

/**
 * A drug–drug interaction between two ingredients or classes ({@code object} and {@code precipitant} as written in
 * the table: an RxCUI, an ingredient name, or {@code class:<id>}).
 *
 * @param objectIds         ingredient ids the object reference expands to, to tell which side of a pair is the object
 * @param objectMaxDailyMg  the object's labelled daily cap with this precipitant, or null: at or under it, no alert
 */
public record Interaction(String id, String title, String object, String precipitant, Severity severity,
                          InteractionList list, Double objectMaxDailyMg, String mechanism, String clinicalEffect,
                          String management, String documentation, Source source, Set<Integer> objectIds) {

    public Interaction {
        objectIds = Set.copyOf(objectIds);
    }

    /** An ONC high-priority pair: never suppressed or lowered. */
    public boolean isOncHighPriority() {
        return list == InteractionList.ONC_HIGH_PRIORITY;
    }

    public boolean isObject(int ingredientId) {
        return objectIds.contains(ingredientId);
    }

    /**
     * Whether the pair is a problem at the object's daily dose: always, unless the table gives a cap and the dose is
     * known to be within it.
     */
    public boolean appliesAtObjectDose(Double objectMgPerDay) {
        return objectMaxDailyMg == null || objectMgPerDay == null || objectMgPerDay > objectMaxDailyMg + 1e-6;
    }

    /** As {@link #appliesAtObjectDose}, for a pair (a, b) with their daily doses, whichever of them is the object. */
    public boolean appliesAtDoses(int a, Double mgPerDayOfA, Double mgPerDayOfB) {
        return objectMaxDailyMg == null || appliesAtObjectDose(isObject(a) ? mgPerDayOfA : mgPerDayOfB);
    }
}
