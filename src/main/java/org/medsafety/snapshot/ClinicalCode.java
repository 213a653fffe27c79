package org.medsafety.snapshot;

/** One FHIR Coding, reduced to what the checks read. */
public record ClinicalCode(String system, String code, String display) {

    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";

    public boolean isRxNorm() {
        return RXNORM.equals(system);
    }
}
