package org.medsafety.scenario;

import static org.medsafety.scenario.ScenarioFields.checkKeys;
import static org.medsafety.scenario.ScenarioFields.list;
import static org.medsafety.scenario.ScenarioFields.number;
import static org.medsafety.scenario.ScenarioFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import org.medsafety.scenario.ScenarioFields.Invalid;
import org.medsafety.snapshot.ActiveMedication;
import org.medsafety.snapshot.AllergyEntry;
import org.medsafety.snapshot.ClinicalCode;
import org.medsafety.snapshot.ConditionEntry;
import org.medsafety.snapshot.DraftOrder;
import org.medsafety.snapshot.LabRecency;
import org.medsafety.snapshot.PatientSnapshot;
import org.medsafety.snapshot.PlausibleRange;
import org.medsafety.snapshot.PregnancyReader;
import org.medsafety.snapshot.SnapshotBuilder;
import org.medsafety.snapshot.UnusableMeasurement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds a scenario's {@link PatientSnapshot} without FHIR, so that the files stay readable: the patient's
 * measurements (dated laboratory values judged old as the service judges them), conditions, allergies, current
 * medications and draft orders.
 */
final class ScenarioPatient {

    private static final Set<String> PATIENT_KEYS = Set.of("age", "sex", "weight", "height", "scr", "egfr", "crcl",
            "pregnant", "scr-date", "egfr-date", "gestation");
    private static final Set<String> CONDITION_KEYS = Set.of("code", "system", "text");
    private static final Set<String> ALLERGY_KEYS = Set.of("code", "text", "criticality", "category");
    /** Scenario laboratory values are judged old against the default limit, whatever a site configures. */
    private static final LabRecency LAB_RECENCY = new LabRecency(LabRecency.DEFAULT_MAX_AGE);

    private ScenarioPatient() {
    }

    static PatientSnapshot snapshot(JsonNode node) {
        JsonNode p = node.path("patient");
        if (!p.isMissingNode()) {
            if (!p.isObject()) {
                throw new Invalid("'patient' must be a map");
            }
            checkKeys(p, PATIENT_KEYS, "patient");
        }
        Double age = number(p, "age");
        String sex = text(p, "sex");
        if (sex != null && !Set.of("male", "female", "other", "unknown").contains(sex)) {
            throw new Invalid("patient sex '" + sex + "' is not male, female, other or unknown");
        }
        Double weight = number(p, "weight");
        List<UnusableMeasurement> unusable = new ArrayList<>(0);
        Instant now = evaluatedAt(node, p);
        Double scr = recent(number(p, "scr"), p, "scr-date", PlausibleRange.SERUM_CREATININE, now, unusable);
        Double egfr = recent(number(p, "egfr"), p, "egfr-date", PlausibleRange.EGFR, now, unusable);
        Double crcl = p.has("crcl") ? number(p, "crcl") : SnapshotBuilder.cockcroftGault(age, weight, scr, sex);

        List<ConditionEntry> conditions = new ArrayList<>();
        for (JsonNode c : list(node, "conditions")) {
            conditions.add(condition(c));
        }
        List<AllergyEntry> allergies = new ArrayList<>();
        int i = 0;
        for (JsonNode a : list(node, "allergies")) {
            allergies.add(allergy(a, i++));
        }
        List<ActiveMedication> current = ScenarioMedications.current(node);
        List<DraftOrder> orders = ScenarioMedications.orders(node);
        // Pregnant as the service reads a record: said outright, or an active condition that says so.
        boolean pregnant = p.path("pregnant").asBoolean(false)
                || conditions.stream().anyMatch(PregnancyReader::isPregnancy);
        Double gestation = number(p, "gestation");
        if (gestation != null && !pregnant) {
            throw new Invalid("'gestation' (weeks) needs pregnant: true or a pregnancy condition");
        }
        return new PatientSnapshot("scenario-patient", null, age, sex, weight, number(p, "height"), scr,
                egfr, crcl, pregnant, conditions, allergies, current, orders, unusable, gestation);
    }

    /** The scenario's evaluation time, needed when it dates a laboratory value. */
    private static Instant evaluatedAt(JsonNode node, JsonNode patient) {
        String text = text(node, "evaluated-at");
        if (text == null) {
            if (patient.has("scr-date") || patient.has("egfr-date")) {
                throw new Invalid("a dated laboratory value needs 'evaluated-at' (the evaluation's time)");
            }
            return null;
        }
        Instant now = LabRecency.instant(text);
        if (now == null) {
            throw new Invalid("evaluated-at '" + text + "' is not a FHIR date or dateTime");
        }
        return now;
    }

    /** A laboratory value, or null (and a stale entry) when its date is older than the default limit. */
    private static Double recent(Double value, JsonNode patient, String dateField, PlausibleRange range, Instant now,
                                 List<UnusableMeasurement> unusable) {
        String date = text(patient, dateField);
        if (date == null || value == null) {
            return value;
        }
        Instant measuredAt = LabRecency.instant(date);
        if (measuredAt == null) {
            throw new Invalid(dateField + " '" + date + "' is not a FHIR date or dateTime");
        }
        String stale = LAB_RECENCY.staleness(measuredAt, now);
        if (stale == null) {
            return value;
        }
        unusable.add(new UnusableMeasurement(range, PlausibleRange.number(value) + " " + range.unit(), stale, true));
        return null;
    }

    /** A condition text, or {code, system, text}; system "snomed" stands for SNOMED CT's URI. */
    private static ConditionEntry condition(JsonNode c) {
        if (!c.isObject()) {
            return new ConditionEntry(List.of(), c.asText());
        }
        checkKeys(c, CONDITION_KEYS, "condition");
        String system = text(c, "system");
        if (c.has("code") && system == null) {
            throw new Invalid("a coded condition needs its system (snomed or a URI)");
        }
        List<ClinicalCode> codes = c.has("code") ? List.of(new ClinicalCode("snomed".equals(system)
                ? ClinicalCode.SNOMED : system, c.get("code").asText(), null)) : List.of();
        return new ConditionEntry(codes, text(c, "text"));
    }

    private static AllergyEntry allergy(JsonNode a, int index) {
        if (a.isTextual()) {
            return new AllergyEntry("AllergyIntolerance/a" + index, List.of(), a.asText(), List.of("medication"), null,
                    false);
        }
        checkKeys(a, ALLERGY_KEYS, "allergy");
        List<ClinicalCode> codes = a.has("code")
                ? List.of(new ClinicalCode(ClinicalCode.RXNORM, a.get("code").asText(), text(a, "text")))
                : List.of();
        if (codes.isEmpty() && text(a, "text") == null) {
            throw new Invalid("an allergy needs a code or a text");
        }
        String category = a.has("category") ? a.get("category").asText() : "medication";
        return new AllergyEntry("AllergyIntolerance/a" + index, codes, text(a, "text"), List.of(category),
                text(a, "criticality"), false);
    }
}
