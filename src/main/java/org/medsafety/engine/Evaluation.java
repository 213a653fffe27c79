package org.medsafety.engine;

import java.util.List;

/**
 * What one ruleset version decided for one snapshot: the findings, the identified drugs no knowledge row speaks of
 * (screened without any row to screen against; the audit record lists them), and how many draft orders and current
 * medications could not be identified at all (each has an "unscreened" finding; metrics count them).
 */
public record Evaluation(Ruleset ruleset, List<Finding> findings, List<DrugWithoutKnowledge> withoutKnowledge,
                         int unidentifiedDraftOrders, int unidentifiedActiveMedications) {
}
