package org.medsafety.snapshot;

/**
 * A medication the patient is already on (MedicationRequest status active, on-hold or draft outside the order session).
 *
 * @param dose its first dosage instruction, or null when it has none; the cumulative daily dose of an ingredient
 *             counts it alongside the draft orders
 */
public record ActiveMedication(String reference, MedicationConcept medication, DoseInstruction dose) {

    /** A current medication whose dose is not known (scenario files, records written before doses were kept). */
    public ActiveMedication(String reference, MedicationConcept medication) {
        this(reference, medication, null);
    }
}
