package org.medsafety.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What must hold of any snapshot, whatever was sent: only numbers a check can use, and nothing that was not in the
 * input. Shared by the property tests and the field-by-field robustness test.
 */
final class SnapshotInvariants {

    /** As the service's mapper (java.time support), which writes the snapshot into the audit trail. */
    private static final ObjectMapper AUDIT_JSON = new ObjectMapper().findAndRegisterModules();

    private SnapshotInvariants() {
    }

    /**
     * @param data   the resources the snapshot was built from
     * @param drafts the draft-orders Bundle
     */
    static void assertHold(FhirResources data, JsonNode drafts, PatientSnapshot s) {
        inRange(s.ageYears(), PlausibleRange.AGE);
        inRange(s.weightKg(), PlausibleRange.WEIGHT);
        inRange(s.heightCm(), PlausibleRange.HEIGHT);
        inRange(s.serumCreatinineMgDl(), PlausibleRange.SERUM_CREATININE);
        inRange(s.egfr(), PlausibleRange.EGFR);
        if (s.crclMlMin() != null) {
            assertThat(s.crclMlMin()).as("CrCl").isFinite().isPositive();
        }
        for (UnusableMeasurement u : s.unusableMeasurements()) {
            assertThat(u.sentence()).doesNotContain("Infinity").doesNotContain("NaN");
        }

        // No medication appears that was not in the input.
        Set<String> inputOrders = new HashSet<>();
        for (JsonNode mr : data.ofType("MedicationRequest")) {
            inputOrders.add("MedicationRequest/" + mr.path("id").asText(""));
        }
        assertThat(s.activeMedications()).hasSizeLessThanOrEqualTo(data.ofType("MedicationRequest").size())
                .allSatisfy(m -> assertThat(inputOrders).contains(m.reference()));
        long draftRequests = 0;
        for (JsonNode entry : drafts.path("entry")) {
            draftRequests += "MedicationRequest".equals(entry.path("resource").path("resourceType").asText()) ? 1 : 0;
        }
        assertThat(s.draftOrders()).hasSize((int) draftRequests);

        for (DraftOrder order : s.draftOrders()) {
            DoseInstruction dose = order.dose();
            if (dose == null) {
                continue;
            }
            if (dose.dose() != null) {
                assertThat(dose.dose().value()).as("dose of " + order.reference()).isFinite().isPositive();
            }
            if (dose.dosesPerDay() != null) {
                assertThat(dose.dosesPerDay()).as("doses per day").isFinite().isPositive()
                        .isLessThanOrEqualTo(DosePlausibility.MAX_DOSES_PER_DAY);
                assertThat(dose.dosesPerWeek()).isFinite();
            }
        }

        // The audit trail stores the snapshot as JSON: its own fields (all finite, checked above) must serialise; the
        // orders as received are bounded in depth by the HTTP edge, not here.
        PatientSnapshot typed = new PatientSnapshot(s.patientId(), s.birthDate(), s.ageYears(), s.sex(), s.weightKg(),
                s.heightCm(), s.serumCreatinineMgDl(), s.egfr(), s.crclMlMin(), s.pregnant(), s.conditions(),
                s.allergies(), s.activeMedications(), s.draftOrders().stream().map(o -> new DraftOrder(o.reference(),
                o.selected(), o.medication(), o.dose(), null)).toList(), s.unusableMeasurements());
        assertThatCode(() -> AUDIT_JSON.writeValueAsString(typed)).doesNotThrowAnyException();
    }

    private static void inRange(Double value, PlausibleRange range) {
        if (value != null) {
            assertThat(range.contains(value)).as(range.label() + " " + value + " is plausible").isTrue();
        }
    }
}
