package org.medsafety.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.medsafety.cdshooks.dto.Card;

/**
 * How an evaluation record reads in the auditor API, the exports and the retention archive: one shape everywhere.
 * {@code client} is left out for calls that carried no client token; every other field is always present.
 */
@JsonPropertyOrder({"id", "hookInstance", "service", "hook", "time", "patientId", "userId", "encounterId", "client",
        "rulesetVersion", "durationMicros", "drugsWithoutKnowledge", "cards"})
public record EvaluationView(Long id, String hookInstance, String service, String hook, String time,
                             String patientId, String userId, String encounterId,
                             @JsonInclude(JsonInclude.Include.NON_NULL) EhrClient client,
                             String rulesetVersion, long durationMicros,
                             @Schema(type = SchemaType.ARRAY, description = "The identified drugs no knowledge row "
                                     + "names: rxcui, name, kind") JsonNode drugsWithoutKnowledge,
                             @Schema(type = SchemaType.ARRAY, implementation = Card.class,
                                     description = "The cards exactly as sent") JsonNode cards) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static EvaluationView of(EvaluationRecord e, JsonNode cards) {
        return new EvaluationView(e.id, e.hookInstance, e.serviceId, e.hook, e.evaluatedAt.toString(), e.patientId,
                e.userId, e.encounterId, EhrClient.of(e.clientIss, e.clientTenant), e.rulesetVersion,
                e.durationMicros, withoutKnowledge(e), cards);
    }

    /** The identified drugs no knowledge row named, as an array (empty when none, or recorded before the column). */
    static JsonNode withoutKnowledge(EvaluationRecord e) {
        try {
            return e.drugsWithoutKnowledge == null ? JSON.createArrayNode() : JSON.readTree(e.drugsWithoutKnowledge);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("evaluation " + e.id + ": unreadable drugs_without_knowledge", ex);
        }
    }
}
