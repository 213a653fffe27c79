package org.medsafety.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One group of alert statistics. Exactly one of {@code rule}, {@code knowledge}, {@code drug}, {@code user},
 * {@code day} is present: the key the statistics were grouped by. Grouped by knowledge row, the group also names its
 * check and rules and, when the active knowledge base has the row, its table, title and source.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"rule", "knowledge", "drug", "user", "day", "check", "rules", "inActiveRuleset", "table", "title",
        "source", "fired", "byIndicator", "accepted", "overridden", "noFeedback", "overrideRate",
        "topOverrideReasons"})
public record AlertGroup(String rule, String knowledge, String drug, String user, String day, String check,
                         List<String> rules, Boolean inActiveRuleset, String table, String title, String source,
                         long fired, Map<String, Long> byIndicator, long accepted, long overridden, long noFeedback,
                         double overrideRate, List<OverrideReasonCount> topOverrideReasons) {

    /** One of the most given override reasons and how often. */
    @JsonPropertyOrder({"code", "display", "count"})
    public record OverrideReasonCount(String code, String display, long count) {
    }
}
