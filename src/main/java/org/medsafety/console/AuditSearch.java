package org.medsafety.console;

import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.QueryParam;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The audit search form: every filter of {@code GET /audit/evaluations}, and the page cursor. */
@TemplateData
public class AuditSearch {

    @QueryParam("patientId") public String patientId;
    @QueryParam("userId") public String userId;
    @QueryParam("from") public String from;
    @QueryParam("to") public String to;
    @QueryParam("service") public String service;
    @QueryParam("ruleId") public String ruleId;
    @QueryParam("drug") public String drug;
    @QueryParam("indicator") public String indicator;
    @QueryParam("outcome") public String outcome;
    @QueryParam("cursor") public Long cursor;

    /** The filters as a query string (without the cursor), for the next page and the export links. */
    public String query(boolean search) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("patientId", patientId);
        m.put("userId", userId);
        m.put("from", from);
        m.put("to", to);
        m.put("service", service);
        m.put("ruleId", ruleId);
        m.put("drug", drug);
        m.put("indicator", indicator);
        m.put("outcome", outcome);
        StringJoiner q = new StringJoiner("&");
        if (search) {
            q.add("search=true");
        }
        m.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    public String exportQuery() {
        return query(false);
    }

    public String value(String name) {
        return switch (name) {
            case "patientId" -> patientId;
            case "userId" -> userId;
            case "from" -> from;
            case "to" -> to;
            case "service" -> service;
            case "ruleId" -> ruleId;
            case "drug" -> drug;
            case "indicator" -> indicator;
            case "outcome" -> outcome;
            default -> null;
        };
    }
}
