package org.medsafety.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One feedback entry on a card, as the auditor API shows it. */
@JsonPropertyOrder({"outcome", "outcomeTimestamp", "overrideReason", "userComment", "acceptedSuggestions",
        "receivedAt", "client"})
public record FeedbackView(String outcome, String outcomeTimestamp, OverrideReason overrideReason, String userComment,
                           String acceptedSuggestions, String receivedAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) EhrClient client) {

    /** The override reason the clinician chose, a coding from the card's {@code overrideReasons}. */
    public record OverrideReason(String system, String code, String display) {
    }

    static FeedbackView of(FeedbackRecord f) {
        return new FeedbackView(f.outcome, f.outcomeTimestamp.toString(), f.overrideCode == null ? null
                : new OverrideReason(String.valueOf(f.overrideSystem), f.overrideCode, String.valueOf(f.overrideDisplay)),
                f.userComment, f.acceptedSuggestions, f.receivedAt.toString(), EhrClient.of(f.clientIss, f.clientTenant));
    }
}
