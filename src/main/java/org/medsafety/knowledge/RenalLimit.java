package org.medsafety.knowledge;

/**
 * What a label says to do below a renal-function threshold, in the measure the label uses.
 *
 * @param measure   "crcl" (Cockcroft–Gault, mL/min) or "egfr" (mL/min/1.73 m²)
 * @param below     the band applies when measure &lt; below
 * @param atOrAbove and measure ≥ atOrAbove (null: no lower bound)
 * @param action    "avoid", "avoid-initiation" or "max-daily"
 */
public record RenalLimit(String id, int ingredientId, String route, String measure, double below, Double atOrAbove,
                         String action, Double maxDailyMg, Severity severity, String note, Source source) {

    /** The patient's value of this limit's measure, or null when unknown. */
    public Double valueFor(Double crclMlMin, Double egfr) {
        return "crcl".equals(measure) ? crclMlMin : egfr;
    }

    public boolean applies(Double crclMlMin, Double egfr, String orderRoute) {
        Double value = valueFor(crclMlMin, egfr);
        if (value == null || (route != null && orderRoute != null && !route.equals(orderRoute))) {
            return false;
        }
        return value < below && (atOrAbove == null || value >= atOrAbove);
    }

    public boolean measureUnknown(Double crclMlMin, Double egfr) {
        return valueFor(crclMlMin, egfr) == null;
    }

    /** How the measure reads on a card. */
    public String measureLabel() {
        return "crcl".equals(measure) ? "CrCl" : "eGFR";
    }

    public String measureUnit() {
        return "crcl".equals(measure) ? "mL/min" : "mL/min/1.73 m²";
    }
}
