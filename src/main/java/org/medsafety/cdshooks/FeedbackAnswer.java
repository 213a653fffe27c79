package org.medsafety.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer to feedback: entries stored now, entries already recorded before (repeats are stored once), and, only
 * while the audit database is unreachable, entries kept in the local journal until it returns.
 */
@JsonPropertyOrder({"stored", "alreadyRecorded", "journaled"})
public record FeedbackAnswer(long stored, long alreadyRecorded,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long journaled) {
}
