package org.medsafety.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The patient data the rules saw (the recorded snapshot), in the few lines an auditor reads first. */
@TemplateData
public record SnapshotSummary(String age, String sex, String weight, String renal, boolean pregnant,
                              List<String> conditions, List<String> allergies, List<String> medications,
                              List<String> draftOrders) {

    static SnapshotSummary of(JsonNode s) {
        return new SnapshotSummary(number(s, "ageYears", "years"), CardView.text(s, "sex"), number(s, "weightKg", "kg"),
                renal(s), s.path("pregnant").asBoolean(false), names(s.path("conditions"), null),
                names(s.path("allergies"), null), names(s.path("activeMedications"), "medication"),
                names(s.path("draftOrders"), "medication"));
    }

    private static String renal(JsonNode s) {
        List<String> parts = new ArrayList<>();
        String egfr = number(s, "egfr", "mL/min/1.73m²");
        String crcl = number(s, "crclMlMin", "mL/min");
        String creatinine = number(s, "serumCreatinineMgDl", "mg/dL");
        if (egfr != null) {
            parts.add("eGFR " + egfr);
        }
        if (crcl != null) {
            parts.add("CrCl " + crcl);
        }
        if (creatinine != null) {
            parts.add("creatinine " + creatinine);
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static String number(JsonNode s, String field, String unit) {
        JsonNode v = s.get(field);
        return v == null || !v.isNumber() ? null : String.format(Locale.ROOT, "%.1f %s", v.asDouble(), unit);
    }

    /** Each entry's text, else its first code's display, else its first code. */
    private static List<String> names(JsonNode entries, String concept) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : entries) {
            JsonNode c = concept == null ? e : e.path(concept);
            String text = CardView.text(c, "text");
            JsonNode code = c.path("codes").path(0);
            if (text == null) {
                text = CardView.text(code, "display");
            }
            if (text == null) {
                text = CardView.text(code, "code");
            }
            out.add(text == null ? "(not named)" : text);
        }
        return out;
    }
}
