package org.medsafety.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * One evaluation in full: the summary the search gives, the snapshot the rules saw, each card's feedback (by card
 * uuid) and the record's place in the hash chain.
 */
@JsonPropertyOrder({"evaluation", "snapshot", "feedback", "prevHash", "recordHash"})
public record EvaluationDetail(@JsonUnwrapped EvaluationView evaluation,
                               @Schema(type = SchemaType.OBJECT, description = "The normalised patient snapshot "
                                       + "the rules saw") JsonNode snapshot,
                               Map<String, List<FeedbackView>> feedback, String prevHash, String recordHash) {
}
