package org.medsafety.medication;

import java.util.List;

/**
 * A medication as the checks see it.
 *
 * @param label        the name shown on cards (the order's own text)
 * @param ingredients  the ingredients we identified
 * @param unidentified the parts of the name we could not identify (e.g. one ingredient of a combination)
 * @param doseForm     dose form from the product or the name (lower case), or null
 * @param route        route keyword (oral, intravenous, …) from the dose form, or null
 */
public record ResolvedMedication(String label, List<ResolvedIngredient> ingredients, List<String> unidentified,
                                 String doseForm, String route) {

    public ResolvedMedication {
        ingredients = List.copyOf(ingredients);
        unidentified = List.copyOf(unidentified);
    }

    /** True when every part was identified: only then is the medication fully screened. */
    public boolean fullyIdentified() {
        return !ingredients.isEmpty() && unidentified.isEmpty();
    }
}
