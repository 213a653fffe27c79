package org.medsafety.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** How an evaluation record reads in the auditor API, the exports and the retention archive: one shape everywhere. */
final class EvaluationView {

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
        item.put("cards", cards);
        return item;
    }
}
