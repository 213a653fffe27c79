package org.medsafety.engine;

/**
 * An ingredient the service identified but that no knowledge row names: screened, silently, and recorded as such.
 *
 * @param rxcui its RxNorm RxCUI, or null for an ingredient known only by name
 * @param kind  "draft-order" or "active-medication": where the patient's record names it first
 */
public record DrugWithoutKnowledge(Integer rxcui, String name, String kind) {
}
