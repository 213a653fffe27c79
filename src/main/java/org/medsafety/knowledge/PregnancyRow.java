package org.medsafety.knowledge;

/**
 * What one FDA label says about using a drug in a pregnant patient (knowledge-base/pregnancy.csv), with the label's
 * own words. A row may hold only for part of the pregnancy (the NSAIDs from about 20 and about 30 weeks, nitrofurantoin
 * at term) or for one route (a topical label).
 *
 * @param drug        the drug column as written: an RxCUI, an ingredient name or "class:&lt;id&gt;"
 * @param fromWeeks   the row applies from this gestational age in weeks (null: from conception)
 * @param beforeWeeks and below this one (null: to the end of the pregnancy)
 * @param route       the label's route when it is for one route only (null: any route)
 * @param exception   the label's exceptions or conditions in words (mechanical heart valves, the indication), or null
 * @param labelText   the label's sentences, verbatim; " … " joins two quoted passages
 */
public record PregnancyRow(String id, String drug, String title, Severity severity, Double fromWeeks,
                           Double beforeWeeks, String route, String exception, String labelText, String section,
                           Source source) {

    /** A row whose use depends on how far the pregnancy has gone. */
    public boolean isGestationDependent() {
        return fromWeeks != null || beforeWeeks != null;
    }

    /** The row names the drug itself rather than a class it belongs to; its own label wins over a class statement. */
    public boolean isClassRow() {
        return drug.startsWith("class:");
    }

    /** Whether the row holds for an order by this route (an unknown route is not taken to be a different one). */
    public boolean appliesToRoute(String orderRoute) {
        return route == null || orderRoute == null || route.equals(orderRoute);
    }

    /** Whether the row holds at this gestational age; an unknown age only for rows that hold throughout. */
    public boolean appliesAt(Double gestationalWeeks) {
        if (!isGestationDependent()) {
            return true;
        }
        return gestationalWeeks != null && (fromWeeks == null || gestationalWeeks >= fromWeeks)
                && (beforeWeeks == null || gestationalWeeks < beforeWeeks);
    }

    /** "throughout pregnancy", "from about 20 to 30 weeks of gestation", "from 38 weeks of gestation". */
    public String describeWhen() {
        if (!isGestationDependent()) {
            return "throughout pregnancy";
        }
        if (beforeWeeks == null) {
            return "from " + weeks(fromWeeks) + " weeks of gestation";
        }
        if (fromWeeks == null) {
            return "before " + weeks(beforeWeeks) + " weeks of gestation";
        }
        return "from " + weeks(fromWeeks) + " to before " + weeks(beforeWeeks) + " weeks of gestation";
    }

    private static String weeks(double w) {
        return w == Math.rint(w) ? String.valueOf((long) w) : String.valueOf(w);
    }
}
