package org.medsafety.snapshot;

import java.util.List;

/**
 * A current allergy or intolerance (refuted, entered-in-error, inactive and resolved entries are dropped).
 *
 * @param category   FHIR categories: medication, food, environment, biologic (may be empty)
 * @param criticality low, high or unable-to-assess; null if absent
 */
public record AllergyEntry(String reference, List<ClinicalCode> codes, String text, List<String> category,
                           String criticality, boolean intolerance) {

    public AllergyEntry {
        codes = List.copyOf(codes);
        category = List.copyOf(category);
    }

    public String label() {
        if (text != null && !text.isBlank()) {
            return text;
        }
        return codes.stream().map(c -> c.display() != null ? c.display() : c.code()).findFirst().orElse("unnamed allergy");
    }
}
