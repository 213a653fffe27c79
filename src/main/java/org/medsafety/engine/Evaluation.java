package org.medsafety.engine;

import java.util.List;

/** What one ruleset version decided for one snapshot. */
public record Evaluation(Ruleset ruleset, List<Finding> findings) {
}
