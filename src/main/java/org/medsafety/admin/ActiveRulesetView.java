package org.medsafety.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The version this instance serves, with the activation it serves it under. The stored fields (label … active) are
 * null only if the version's record is missing from the database.
 */
@JsonPropertyOrder({"version", "label", "author", "reason", "publishedAt", "active", "rules", "activation",
        "interactionPairs"})
public record ActiveRulesetView(String version, String label, String author, String reason, String publishedAt,
                                Boolean active, int rules, long activation, long interactionPairs) {
}
