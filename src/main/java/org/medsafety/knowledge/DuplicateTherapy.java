package org.medsafety.knowledge;

/** Two different drugs of {@code drugClass} together are a therapeutic duplication. */
public record DuplicateTherapy(String id, DrugClass drugClass, Severity severity, String note, Source source) {
}
