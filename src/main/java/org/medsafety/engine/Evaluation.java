package org.medsafety.engine;

import java.util.List;

/**
 * What one ruleset version decided for one snapshot: the findings, and the identified drugs no knowledge row speaks of
 * (screened without any row to screen against; the audit record lists them).
 */
public record Evaluation(Ruleset ruleset, List<Finding> findings, List<DrugWithoutKnowledge> withoutKnowledge) {
}
