package org.medsafety.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** What-if: how many stored evaluations would change under a ruleset, and per rule how, with a few examples. */
@JsonPropertyOrder({"version", "evaluations", "evaluationsChanged", "rules"})
public record ReplayReport(String version, int evaluations, int evaluationsChanged, List<RuleChanges> rules) {

    @JsonPropertyOrder({"rule", "appear", "disappear", "changeSeverity", "examples"})
    public record RuleChanges(String rule, int appear, int disappear, int changeSeverity, List<Example> examples) {
    }

    /** One evaluation that would change: the alert before and after, as "indicator: summary". */
    @JsonPropertyOrder({"evaluationId", "time", "change", "before", "after"})
    public record Example(Long evaluationId, String time, String change,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String before,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String after) {
    }
}
