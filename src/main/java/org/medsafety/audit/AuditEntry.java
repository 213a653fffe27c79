package org.medsafety.audit;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An audit record on its way to the database, as plain values: what the group-commit writer queues and what the
 * local journal keeps during an outage. Never a JPA entity, so a record read back from the journal after a restart
 * is exactly the one that was acknowledged, and a failed transaction leaves nothing stale in it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = EvaluationEntry.class, name = "evaluation"),
        @JsonSubTypes.Type(value = FeedbackEntry.class, name = "feedback")})
public sealed interface AuditEntry permits EvaluationEntry, FeedbackEntry {
}
