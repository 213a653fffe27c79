package org.medsafety.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.medsafety.cdshooks.CardFactory;

import java.util.Map;

/** Lines of the audit export: CSV with one row per card (one empty-card row for a silent evaluation), or NDJSON. */
final class ExportFormat {

    static final String CSV_HEADER = "evaluation_id,time,hook_instance,service,hook,patient_id,user_id,encounter_id,"
            + "client_iss,client_tenant,ruleset_version,duration_micros,drugs_without_knowledge,card_uuid,rule_id,knowledge_id,indicator,severity,draft_order,summary\r\n";

    private ExportFormat() {
    }

    static String csvRows(EvaluationRecord e, JsonNode cards) {
        StringBuilder sb = new StringBuilder();
        String prefix = String.join(",", String.valueOf(e.id), e.evaluatedAt.toString(), csv(e.hookInstance),
                csv(e.serviceId), csv(e.hook), csv(e.patientId), csv(e.userId), csv(e.encounterId),
                csv(e.clientIss), csv(e.clientTenant), csv(e.rulesetVersion), String.valueOf(e.durationMicros),
                csv(withoutKnowledge(e)));
        if (cards.isEmpty()) {
            return sb.append(prefix).append(",,,,,,,\r\n").toString();
        }
        for (JsonNode card : cards) {
            JsonNode f = card.path("extension").path(CardFactory.EXTENSION_KEY);
            sb.append(prefix).append(',').append(csv(card.path("uuid").asText(null))).append(',')
                    .append(csv(f.path("ruleId").asText(null))).append(',')
                    .append(csv(f.path("knowledgeId").asText(null))).append(',')
                    .append(csv(card.path("indicator").asText(null))).append(',')
                    .append(csv(f.path("severity").asText(null))).append(',')
                    .append(csv(f.path("draftOrder").asText(null))).append(',')
                    .append(csv(card.path("summary").asText(null))).append("\r\n");
        }
        return sb.toString();
    }

    /** "diphenhydramine (RxCUI 3498); loratadine (RxCUI 28889)": one cell for the drugs no knowledge row named. */
    private static String withoutKnowledge(EvaluationRecord e) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode drug : EvaluationView.withoutKnowledge(e)) {
            sb.append(sb.length() == 0 ? "" : "; ").append(drug.path("name").asText());
            if (drug.path("rxcui").isNumber()) {
                sb.append(" (RxCUI ").append(drug.path("rxcui").asInt()).append(')');
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    static String ndjsonLine(ObjectMapper json, EvaluationView item) {
        try {
            return json.writeValueAsString(item) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * RFC 4180 quoting; a leading =, +, -, @, tab or carriage return (OWASP's CSV-injection list) is prefixed with '
     * so spreadsheets do not run it as a formula.
     */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
