package org.medsafety.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** How an evaluation record reads in the auditor API, the exports and the retention archive: one shape everywhere. */
final class EvaluationView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationView() {
    }

    static Map<String, Object> of(EvaluationRecord e, JsonNode cards) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", e.id);
        item.put("hookInstance", e.hookInstance);
        item.put("service", e.serviceId);
        item.put("hook", e.hook);
        item.put("time", e.evaluatedAt.toString());
        item.put("patientId", e.patientId);
        item.put("userId", e.userId);
        item.put("encounterId", e.encounterId);
        if (e.clientIss != null) {
            item.put("client", e.clientTenant == null ? Map.of("iss", e.clientIss)
                    : Map.of("iss", e.clientIss, "tenant", e.clientTenant));
        }
        item.put("rulesetVersion", e.rulesetVersion);
        item.put("durationMicros", e.durationMicros);
        item.put("drugsWithoutKnowledge", withoutKnowledge(e));
        item.put("cards", cards);
        return item;
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
