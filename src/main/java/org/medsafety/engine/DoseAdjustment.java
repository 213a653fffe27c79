package org.medsafety.engine;

import static org.medsafety.engine.CardText.number;

import org.medsafety.engine.Finding.SuggestedChange;
import org.medsafety.engine.facts.DoseFact;
import org.medsafety.knowledge.DoseLimit;

/**
 * The smaller dose a card offers: the largest dose in the prescriber's own unit that respects a limit, rounded down
 * to whole tablets (counted units) or to one decimal. None when no smaller dose is sensible.
 */
final class DoseAdjustment {

    private DoseAdjustment() {
    }

    /** Within every maximum of {@code limit} (single, daily, weekly) at this weight, or null. */
    static SuggestedChange withinLimit(DoseFact dose, DoseLimit limit, Double weightKg) {
        if (dose.getMgPerDose() == null || dose.getDoseValue() <= 0) {
            return null;
        }
        double allowedMg = Double.MAX_VALUE;
        Double single = limit.singleMaxFor(weightKg);
        Double daily = limit.dailyMaxFor(weightKg);
        if (single != null) {
            allowedMg = single;
        }
        if (daily != null && dose.getDosesPerDay() != null && dose.getDosesPerDay() > 0) {
            allowedMg = Math.min(allowedMg, daily / dose.getDosesPerDay());
        }
        if (limit.maxWeeklyMg() != null && dose.getDosesPerDay() != null && dose.getDosesPerDay() > 0) {
            allowedMg = Math.min(allowedMg, limit.maxWeeklyMg() / (dose.getDosesPerDay() * 7));
        }
        return atMost(dose, allowedMg);
    }

    /** At most {@code allowedMg} per dose, or null. */
    static SuggestedChange atMost(DoseFact dose, double allowedMg) {
        if (dose.getMgPerDose() == null || dose.getDoseValue() <= 0 || allowedMg == Double.MAX_VALUE) {
            return null;
        }
        double mgPerUnit = dose.getMgPerDose() / dose.getDoseValue();
        double units = allowedMg / mgPerUnit;
        double newValue = dose.isCountedUnits() ? Math.floor(units + 1e-9) : Math.floor(units * 10 + 1e-9) / 10;
        if (newValue <= 0 || newValue >= dose.getDoseValue()) {
            return null;
        }
        String unitText = dose.getDoseUnit() == null ? (newValue == 1 ? "unit" : "units") : dose.getDoseUnit();
        return new SuggestedChange(SuggestedChange.Kind.CHANGE_DOSE, "Change the dose to " + number(newValue) + " "
                + unitText + " (" + number(newValue * mgPerUnit) + " mg) per dose", dose.getOrderRef(), newValue,
                dose.getDoseUnit(), true);
    }
}
