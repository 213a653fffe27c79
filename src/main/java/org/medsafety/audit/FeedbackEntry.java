package org.medsafety.audit;

import java.time.Instant;

/**
 * One feedback entry as plain values (see {@link AuditEntry}). It needs no UUID of its own: the database keeps one
 * row per card, outcome and outcome time, so a replayed copy is recognised as already recorded.
 */
public record FeedbackEntry(String cardUuid, String serviceId, String outcome, Instant outcomeTimestamp,
                            String overrideSystem, String overrideCode, String overrideDisplay, String userComment,
                            String acceptedSuggestions, String clientIss, String clientTenant, Instant receivedAt)
        implements AuditEntry {

    /** The values of feedback received now. */
    public static FeedbackEntry of(FeedbackRecord f, Instant receivedAt) {
        return new FeedbackEntry(f.cardUuid, f.serviceId, f.outcome, f.outcomeTimestamp, f.overrideSystem,
                f.overrideCode, f.overrideDisplay, f.userComment, f.acceptedSuggestions, f.clientIss, f.clientTenant,
                receivedAt);
    }

    /** A new, unsaved row for this feedback. */
    FeedbackRecord toRow() {
        FeedbackRecord f = new FeedbackRecord();
        f.cardUuid = cardUuid;
        f.serviceId = serviceId;
        f.outcome = outcome;
        f.outcomeTimestamp = outcomeTimestamp;
        f.overrideSystem = overrideSystem;
        f.overrideCode = overrideCode;
        f.overrideDisplay = overrideDisplay;
        f.userComment = userComment;
        f.acceptedSuggestions = acceptedSuggestions;
        f.clientIss = clientIss;
        f.clientTenant = clientTenant;
        f.receivedAt = receivedAt;
        return f;
    }
}
