package org.medsafety.engine;

import static org.medsafety.engine.CardText.capitalise;
import static org.medsafety.engine.CardText.number;
import static org.medsafety.engine.CardText.removeOrder;
import static org.medsafety.engine.CardText.table;

import org.medsafety.engine.Finding.SuggestedChange;
import org.medsafety.engine.facts.DoseFact;
import org.medsafety.engine.facts.MedicationFact;
import org.medsafety.knowledge.RenalLimit;

import java.util.ArrayList;
import java.util.List;

/**
 * The card text of the renal check (renal-limits.csv): avoid or do not start below a threshold, a daily cap for a
 * band of renal function, and the info cards that say why renal limits were not checked.
 */
final class RenalWording {

    private RenalWording() {
    }

    /** Renal function is below a label threshold where the drug is to be avoided (or not started). */
    static Finding avoid(String ruleId, RenalLimit limit, MedicationFact drug, Double crcl, Double egfr) {
        double value = limit.valueFor(crcl, egfr);
        String measure = limit.measureLabelFor(crcl, egfr);
        String unit = limit.measureUnitFor(crcl, egfr);
        boolean initiation = limit.action().equals("avoid-initiation");
        String summary = capitalise(drug.getIngredientName()) + (initiation ? " should not be started" : " should be avoided")
                + " at " + measure + " " + number(value) + " " + unit;
        String detail = "**" + drug.getLabel() + "** (this order): the patient's " + measure + " is **"
                + number(value) + " " + unit + "**.\n\n" + table(new String[][] {
                        {"Label threshold", bandText(limit)},
                        {"Severity", limit.severity().label()},
                        {"Label", limit.note()},
                        {"Source", limit.source().citation()}});
        return new Finding(ruleId, "renal", limit.severity(), limit.severity().indicator(), limit.id(),
                summary, detail, drug.getOrderRef(), List.of(), List.of(drug.getIngredientName()),
                List.of(drug.getIngredient()), limit.source(), false,
                List.of(removeOrder(drug.getOrderRef(), drug.getIngredientName())));
    }

    /** The daily dose is above the label's cap for this renal function. */
    static Finding doseAboveMax(String ruleId, RenalLimit limit, DoseFact dose, Double crcl, Double egfr) {
        double value = limit.valueFor(crcl, egfr);
        String measure = limit.measureLabelFor(crcl, egfr);
        String summary = capitalise(dose.getIngredientName()) + " " + number(dose.getMgPerDay()) + " mg/day is above "
                + number(limit.maxDailyMg()) + " mg/day for " + measure + " " + number(value);
        String detail = "**" + dose.getLabel() + "** (this order) gives " + number(dose.getMgPerDay())
                + " mg/day; the patient's " + measure + " is **" + number(value) + " "
                + limit.measureUnitFor(crcl, egfr) + "**.\n\n" + table(new String[][] {
                        {"Maximum daily dose", number(limit.maxDailyMg()) + " mg/day when " + bandText(limit)},
                        {"Label", limit.note()},
                        {"Source", limit.source().citation()}});
        List<SuggestedChange> suggestions = new ArrayList<>(2);
        if (dose.getDosesPerDay() != null && dose.getDosesPerDay() > 0) {
            SuggestedChange change = DoseAdjustment.atMost(dose, limit.maxDailyMg() / dose.getDosesPerDay());
            if (change != null) {
                suggestions.add(change);
            }
        }
        suggestions.add(removeOrder(dose.getOrderRef(), dose.getIngredientName()));
        return new Finding(ruleId, "renal", limit.severity(), limit.severity().indicator(), limit.id(),
                summary, detail, dose.getOrderRef(), List.of(), List.of(dose.getIngredientName()),
                List.of(dose.getIngredient()), limit.source(), false, suggestions);
    }

    /**
     * A renal daily cap applies at this patient's renal function, but the order's daily dose is unknown: no schedule,
     * a unit that cannot be converted, or a dose or schedule that is not usable.
     */
    static Finding doseNotChecked(String ruleId, RenalLimit limit, DoseFact dose, Double crcl, Double egfr) {
        String reason = dose.getProblem() != null ? dose.getProblem()
                : dose.getMgPerDose() == null ? "the ordered dose could not be converted to mg"
                : "the order gives no schedule, so the daily dose is unknown";
        double value = limit.valueFor(crcl, egfr);
        String summary = "Renal dose not checked: " + dose.getIngredientName() + " — " + reason;
        String detail = "The label caps **" + dose.getIngredientName() + "** at " + number(limit.maxDailyMg())
                + " mg/day when " + bandText(limit) + ", and the patient's " + limit.measureLabelFor(crcl, egfr) + " is **"
                + number(value) + " " + limit.measureUnitFor(crcl, egfr) + "**. **" + dose.getLabel() + "** (this order): " + reason
                + ", so its daily dose was **not checked** against that cap.\n\n" + table(new String[][] {
                        {"Label", limit.note()},
                        {"Source", limit.source().citation()}});
        return new Finding(ruleId, "renal", null, "info", limit.id(), summary, detail, dose.getOrderRef(),
                List.of(), List.of(dose.getIngredientName()), List.of(dose.getIngredient()), limit.source(), false,
                List.of());
    }

    /**
     * The measure the label uses is unknown for this patient.
     *
     * @param unusable     why a recorded value could not be used ("the recorded serum creatinine (0 mg/dL) is outside
     *                     the plausible range …"), or null
     * @param stale        the stale measurements behind the unknown measure ("serum creatinine"), or null
     * @param egfrOnRecord the patient's usable eGFR when the limit is stated in CrCl only, or null: it is named and
     *                     said not to be used in CrCl's place
     */
    static Finding notChecked(String ruleId, RenalLimit limit, MedicationFact drug, String unusable, String stale,
                              Double egfrOnRecord) {
        String summary = stale != null
                ? "Renal dosing not checked: the latest " + stale + " is stale (" + drug.getIngredientName() + ")"
                : "Renal dosing not checked: no " + (unusable == null ? "" : "usable ") + limit.measureLabel()
                + " for this patient (" + drug.getIngredientName() + ")";
        String why = unusable != null ? ", but it could not be worked out: " + unusable
                : ", but the patient's record gave no value"
                + (!"egfr".equals(limit.measure()) ? " (CrCl needs age, sex, weight and serum creatinine)" : "");
        String instead = egfrOnRecord == null ? "" : " The eGFR on record (" + number(egfrOnRecord)
                + " mL/min/1.73 m²) was not used in its place: the label states this limit in CrCl (Cockcroft–Gault), "
                + "and the service's sources give no basis for dosing this drug by eGFR instead.";
        String detail = "The label of **" + drug.getIngredientName() + "** limits its use by " + limit.measureLabel()
                + " (" + bandText(limit) + ")" + why
                + ". **" + drug.getLabel() + "** (this order) was **not checked** against renal limits." + instead;
        return new Finding(ruleId, "renal", null, "info", limit.id(), summary, detail, drug.getOrderRef(),
                List.of(), List.of(drug.getIngredientName()), List.of(drug.getIngredient()), limit.source(), false,
                List.of());
    }

    private static String bandText(RenalLimit limit) {
        String band = limit.atOrAbove() == null ? " below " + number(limit.below())
                : " " + number(limit.atOrAbove()) + " to below " + number(limit.below());
        String text = switch (limit.measure()) {
            case "crcl" -> "CrCl" + band + " mL/min";
            case "egfr" -> "eGFR" + band + " mL/min/1.73 m²";
            default -> "CrCl" + band + " mL/min or eGFR" + band + " mL/min/1.73 m²";
        };
        return text + (limit.action().equals("avoid-initiation") ? ": do not start" : "");
    }
}
