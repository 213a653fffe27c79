package org.medsafety.snapshot;

import java.util.List;

/**
 * What a MedicationRequest says it orders: its codes and its text, before anything is resolved.
 * Resolution to ingredients and strengths needs the knowledge base and happens in {@code medication}.
 */
public record MedicationConcept(List<ClinicalCode> codes, String text) {

    public MedicationConcept {
        codes = List.copyOf(codes);
    }

    /** The best human-readable name: the text, else the first coding display, else the first code; never null. */
    public String label() {
        if (text != null && !text.isBlank()) {
            return text;
        }
        for (ClinicalCode c : codes) {
            if (c.display() != null && !c.display().isBlank()) {
                return c.display();
            }
        }
        for (ClinicalCode c : codes) {
            if (c.code() != null && !c.code().isBlank()) {
                return c.code();
            }
        }
        // A coding with a system only (found by the request property test): a null label made resolution throw.
        return "unnamed medication";
    }
}
