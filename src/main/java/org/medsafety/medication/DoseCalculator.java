package org.medsafety.medication;

import org.medsafety.knowledge.Strength;
import org.medsafety.snapshot.DoseInstruction;
import org.medsafety.snapshot.Quantity;
import org.medsafety.units.UnitConverter;

import java.util.Locale;
import java.util.Set;

/**
 * Works out how many milligrams of one ingredient a dose delivers: 2 tablets of "Warfarin Sodium 5 MG Oral Tablet"
 * are 10 mg; "500 mg" is 500 mg; 5 mL of a 1 mg/mL solution is 5 mg. Returns null when it cannot be known
 * (no dose, a dose that is not a positive finite amount, a unit we cannot interpret or that is too complex to parse,
 * a result too large for a double, a mass dose of a combination product): dose checks then say so.
 */
public final class DoseCalculator {

    /** Units that count dose-form units rather than measure them; no unit at all means the same (Synthea). */
    private static final Set<String> COUNT_UNITS = Set.of("", "1", "{tbl}", "{tablet}", "{tablets}", "tablet", "tablets",
            "tab", "tabs", "{capsule}", "{capsules}", "capsule", "capsules", "cap", "caps", "{each}", "each", "ea",
            "{puff}", "puff", "puffs", "actuat", "{actuat}", "{actuation}", "actuation", "actuations", "{patch}",
            "patch", "patches", "{spray}", "spray", "sprays", "{suppository}", "suppository", "{lozenge}", "lozenge",
            "{dose}", "dose", "doses", "{unit dose}", "dose unit");

    private static final UnitConverter UNITS = UnitConverter.get();

    private DoseCalculator() {
    }

    /** True when the dose is a count of tablets, capsules, puffs… (or has no unit, as Synthea writes it). */
    public static boolean isCountedUnit(Quantity q) {
        return q != null && COUNT_UNITS.contains(q.effectiveUnit() == null ? "" : q.effectiveUnit().trim().toLowerCase(Locale.ROOT));
    }

    /** Milligrams of the ingredient per administration, or null when it cannot be known. */
    public static Double milligramsPerDose(DoseInstruction dose, ResolvedIngredient ingredient, int ingredientCount) {
        if (dose == null || dose.dose() == null) {
            return null;
        }
        Quantity q = dose.dose();
        if (!Double.isFinite(q.value()) || q.value() <= 0) {
            return null; // not a dose (snapshot.DosePlausibility says why on the card)
        }
        String unit = q.effectiveUnit() == null ? "" : q.effectiveUnit().trim().toLowerCase(Locale.ROOT);
        Strength strength = ingredient.strength();
        if (COUNT_UNITS.contains(unit)) {
            if (strength == null || strength.per() != null) {
                return null;
            }
            return UNITS.convert(q.value() * strength.amount(), strength.unit(), "mg").orElse(null);
        }
        var asMg = UNITS.convert(q.value(), q.effectiveUnit(), "mg");
        if (asMg.isPresent()) {
            // A mass dose names the ingredient only when there is a single one.
            return ingredientCount == 1 ? asMg.get() : null;
        }
        if (strength != null && strength.per() != null) {
            var inPerUnit = UNITS.convert(q.value(), q.effectiveUnit(), strength.per());
            if (inPerUnit.isPresent()) {
                return UNITS.convert(inPerUnit.get() * strength.amount(), strength.unit(), "mg").orElse(null);
            }
        }
        return null;
    }
}
