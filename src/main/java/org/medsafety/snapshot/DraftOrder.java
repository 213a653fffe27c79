package org.medsafety.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A MedicationRequest from {@code context.draftOrders}: the order being written.
 *
 * @param reference          "MedicationRequest/{id}", the key cards and suggestions use to name it
 * @param selected           true if order-select listed it in {@code selections}, or always for order-sign
 * @param medication         what it orders
 * @param dose               its first dosage instruction, or null when it has none
 * @param resource           the order as received, for suggestions that replace it
 * @param priorPrescription  the order it renews or replaces ({@code MedicationRequest.priorPrescription}), as
 *                           "MedicationRequest/{id}" when it names a medication of the record; null when it names none
 */
public record DraftOrder(String reference, boolean selected, MedicationConcept medication, DoseInstruction dose,
                         JsonNode resource, String priorPrescription) {

    /** An order that renews nothing. */
    public DraftOrder(String reference, boolean selected, MedicationConcept medication, DoseInstruction dose,
                      JsonNode resource) {
        this(reference, selected, medication, dose, resource, null);
    }
}
