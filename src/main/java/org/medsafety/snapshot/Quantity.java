package org.medsafety.snapshot;

/**
 * A FHIR Quantity: value with its UCUM code when one was given, and the free-text unit otherwise.
 * Synthea and real EHRs both send units as text only, so both are kept.
 */
public record Quantity(double value, String code, String unit) {

    /** The unit to interpret: the UCUM code if present, else the printed unit. */
    public String effectiveUnit() {
        if (code != null && !code.isBlank()) {
            return code;
        }
        return unit;
    }
}
