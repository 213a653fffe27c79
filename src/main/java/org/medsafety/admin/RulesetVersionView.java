package org.medsafety.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A stored ruleset version as the history lists it. */
@JsonPropertyOrder({"version", "label", "author", "reason", "publishedAt", "active", "rules"})
public record RulesetVersionView(String version, String label, String author, String reason, String publishedAt,
                                 boolean active, int rules) {

    static RulesetVersionView of(RulesetVersionRecord v) {
        return new RulesetVersionView(v.version, v.label, v.author, v.reason, v.publishedAt.toString(), v.active,
                v.ruleCount);
    }
}
