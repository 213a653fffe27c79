package org.medsafety.snapshot;

/** A medication the patient is already on (MedicationRequest status active, on-hold or draft outside the order session). */
public record ActiveMedication(String reference, MedicationConcept medication) {
}
