package org.medsafety.knowledge;

import java.util.Set;

/**
 * What a label says to do below a renal-function threshold, in the measure the label uses.
 *
 * @param measure   "crcl" (Cockcroft–Gault, mL/min; the eGFR stands in when CrCl cannot be calculated, see
 *                  {@link #egfrStandsIn}), "egfr" (mL/min/1.73 m²), or "crcl-or-egfr" where the label
 *                  states the band in both ("CLcr 15 to 29 mL/min or eGFR 15 to 29 mL/min/1.73 m²"): the band then
 *                  applies when either known value is in it, and renal function is unknown only when neither is
 * @param below     the band applies when measure &lt; below
 * @param atOrAbove and measure ≥ atOrAbove (null: no lower bound)
 * @param action    "avoid", "avoid-initiation" or "max-daily"
 */
public record RenalLimit(String id, int ingredientId, String route, String measure, double below, Double atOrAbove,
                         String action, Double maxDailyMg, Severity severity, String note, Source source) {

    static final Set<String> MEASURES = Set.of("crcl", "egfr", "crcl-or-egfr");

    /**
     * The patient's value that decides this limit, or null when unknown: for a row stated in both measures, the one
     * in the band (CrCl first), else the one known (CrCl first).
     */
    public Double valueFor(Double crclMlMin, Double egfr) {
        return usesCrcl(crclMlMin, egfr) ? crclMlMin : egfr;
    }

    public boolean applies(Double crclMlMin, Double egfr, String orderRoute) {
        if (route != null && orderRoute != null && !route.equals(orderRoute)) {
            return false;
        }
        return switch (measure) {
            case "crcl" -> inBand(crclMlMin != null ? crclMlMin : egfr);
            case "egfr" -> inBand(egfr);
            default -> inBand(crclMlMin) || inBand(egfr);
        };
    }

    public boolean measureUnknown(Double crclMlMin, Double egfr) {
        return valueFor(crclMlMin, egfr) == null;
    }

    /**
     * A CrCl-only row judged by the eGFR because CrCl could not be calculated (no weight, age or sex, or a child):
     * screening by the estimate the record has beats a "not checked" card on every order, and the card says so.
     */
    public boolean egfrStandsIn(Double crclMlMin, Double egfr) {
        return "crcl".equals(measure) && crclMlMin == null && egfr != null;
    }

    /** How the measure reads on a card. */
    public String measureLabel() {
        return switch (measure) {
            case "crcl" -> "CrCl";
            case "egfr" -> "eGFR";
            default -> "CrCl or eGFR";
        };
    }

    public String measureUnit() {
        return "egfr".equals(measure) ? "mL/min/1.73 m²" : "mL/min";
    }

    /** The name of the measure that decides for this patient ({@link #valueFor}). */
    public String measureLabelFor(Double crclMlMin, Double egfr) {
        if (egfrStandsIn(crclMlMin, egfr)) {
            return "eGFR (in place of CrCl)";
        }
        return usesCrcl(crclMlMin, egfr) ? "CrCl" : "eGFR";
    }

    public String measureUnitFor(Double crclMlMin, Double egfr) {
        return usesCrcl(crclMlMin, egfr) ? "mL/min" : "mL/min/1.73 m²";
    }

    private boolean usesCrcl(Double crclMlMin, Double egfr) {
        return switch (measure) {
            case "crcl" -> crclMlMin != null || egfr == null;
            case "egfr" -> false;
            default -> crclMlMin != null && (inBand(crclMlMin) || !inBand(egfr));
        };
    }

    private boolean inBand(Double value) {
        return value != null && value < below && (atOrAbove == null || value >= atOrAbove);
    }
}
