package org.medsafety.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Who is pregnant, and how far along, as the snapshot reads a FHIR record. */
class PregnancyReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"Pregnancy", "Normal pregnancy", "Pregnant state, incidental", "Tubal pregnancy",
            "Gestational diabetes", "Twin gestation", "Pregnancy-induced hypertension"})
    void wordsThatSayPregnant(String text) {
        assertThat(PregnancyReader.saysPregnant(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"History of pregnancy", "Not pregnant", "Pregnancy test negative", "Pregnancy ruled out",
            "Termination of pregnancy", "Pregnancy with abortive outcome", "Postpartum state", "Puerperal sepsis",
            "Small for gestational age", "Preterm infant, 32 weeks gestation", "Newborn of 36 weeks gestation",
            "Gestational trophoblastic neoplasia", "History of gestational diabetes", "Miscarriage in first trimester",
            "Hypertension"})
    void wordsThatDoNot(String text) {
        assertThat(PregnancyReader.saysPregnant(text)).isFalse();
    }

    @Test
    void aCodedDisplayCountsLikeText() {
        ConditionEntry coded = new ConditionEntry(List.of(new ClinicalCode(ClinicalCode.SNOMED, "x", "Normal pregnancy")),
                null);
        assertThat(PregnancyReader.isPregnancy(coded)).isTrue();
        assertThat(PregnancyReader.isPregnancy(new ConditionEntry(List.of(), null))).isFalse();
    }

    @Test
    void anActivePregnancyConditionMakesTheSnapshotPregnantAndAResolvedOneDoesNot() {
        assertThat(build(condition("Normal pregnancy", "active", null)).pregnant()).isTrue();
        assertThat(build(condition("Normal pregnancy", "resolved", null)).pregnant()).isFalse();
        assertThat(build(condition("Normal pregnancy", "inactive", null)).pregnant()).isFalse();
        // con-4: an abated condition is over, whatever its status says (Synthea writes ended pregnancies so)
        assertThat(build(condition("Normal pregnancy", "active", "2025-06-01T00:00:00Z")).pregnant()).isFalse();
        assertThat(build(condition("Normal pregnancy", null, "2025-06-01")).pregnant()).isFalse();
        assertThat(build(condition("Normal pregnancy", "active", "2026-09-01T00:00:00Z")).pregnant())
                .as("an end date still to come").isTrue();
        ObjectNode refuted = condition("Normal pregnancy", "active", null);
        refuted.putObject("verificationStatus").putArray("coding").addObject().put("code", "refuted");
        assertThat(build(refuted).pregnant()).isFalse();
    }

    @Test
    void gestationalAgeIsCarriedForwardToTheEvaluationDate() {
        // 20 weeks recorded 21 days before NOW: 23 weeks now
        PatientSnapshot s = build(condition("Pregnancy", "active", null),
                gestationalAge("49051-6", 20, "wk", "2026-02-08T12:00:00Z"));

        assertThat(s.gestationalWeeks()).isCloseTo(23.0, within(0.01));
    }

    @Test
    void gestationalAgeInDaysAndTheLatestObservationWins() {
        PatientSnapshot s = build(condition("Pregnancy", "active", null),
                gestationalAge("11884-4", 70, "d", "2025-12-01T12:00:00Z"),
                gestationalAge("11885-1", 140, "d", "2026-03-01T12:00:00Z"));

        assertThat(s.gestationalWeeks()).isCloseTo(20.0, within(0.01));
    }

    @Test
    void aGestationalAgeThatCannotBeUsedIsUnknown() {
        ObjectNode pregnancy = condition("Pregnancy", "active", null);
        assertThat(build(pregnancy, gestationalAge("49051-6", 20, "wk", "2024-01-01")).gestationalWeeks())
                .as("stale: over 45 weeks by now").isNull();
        assertThat(build(pregnancy, gestationalAge("49051-6", 20, "wk", "2026-06-01")).gestationalWeeks())
                .as("dated in the future").isNull();
        assertThat(build(pregnancy, gestationalAge("49051-6", 20, "mg", "2026-03-01")).gestationalWeeks())
                .as("not a duration").isNull();
        assertThat(build(pregnancy, gestationalAge("29463-7", 20, "wk", "2026-03-01")).gestationalWeeks())
                .as("not a gestational-age code").isNull();
        assertThat(build(gestationalAge("49051-6", 20, "wk", "2026-03-01")).gestationalWeeks())
                .as("no pregnancy: a newborn's gestational age at birth is not the patient's pregnancy").isNull();
    }

    private static PatientSnapshot build(JsonNode... resources) {
        FhirResources data = new FhirResources();
        ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle");
        ArrayNode entries = bundle.putArray("entry");
        entries.addObject().set("resource", JSON.createObjectNode().put("resourceType", "Patient").put("id", "p")
                .put("gender", "female").put("birthDate", "1995-01-01"));
        for (JsonNode r : resources) {
            entries.addObject().set("resource", r);
        }
        data.add(bundle);
        ObjectNode orders = JSON.createObjectNode().put("resourceType", "Bundle");
        orders.putArray("entry");
        return new SnapshotBuilder().build("p", data, orders, Set.of(), NOW);
    }

    private static ObjectNode condition(String text, String clinicalStatus, String abatement) {
        ObjectNode c = JSON.createObjectNode().put("resourceType", "Condition").put("id", "c" + text.hashCode());
        c.putObject("code").put("text", text);
        if (clinicalStatus != null) {
            c.putObject("clinicalStatus").putArray("coding").addObject()
                    .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical").put("code", clinicalStatus);
        }
        if (abatement != null) {
            c.put("abatementDateTime", abatement);
        }
        return c;
    }

    private static ObjectNode gestationalAge(String loinc, double value, String unit, String when) {
        ObjectNode o = JSON.createObjectNode().put("resourceType", "Observation").put("id", "ga" + when.hashCode())
                .put("status", "final").put("effectiveDateTime", when);
        o.putObject("code").putArray("coding").addObject().put("system", ClinicalCode.LOINC).put("code", loinc);
        o.putObject("valueQuantity").put("value", value).put("unit", unit).put("code", unit)
                .put("system", "http://unitsofmeasure.org");
        return o;
    }
}
