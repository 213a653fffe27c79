package org.medsafety.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.Fixtures;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/** What the rules will believe about a patient, from real Synthea records and small hand-built ones. */
class SnapshotBuilderTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String PATIENT = "p1";
    /**
     * Most tests here are about reading values, from records years older than NOW: this builder accepts laboratory
     * values of any age. {@link LaboratoryRecencyAndRenewals} tests the default limit.
     */
    private static final SnapshotBuilder READING = new SnapshotBuilder(new LabRecency(Duration.ofDays(365L * 100)));

    // ---------------------------------------------------------------- Synthea patients

    @Nested
    class FromSyntheaBundles {

        @Test
        void demographicsAndLatestVitalsOfAMiddleAgedMan() {
            PatientSnapshot s = synthea(Fixtures.KUHLMAN);

            assertThat(s.birthDate()).isEqualTo(LocalDate.of(1971, 12, 7));
            assertThat(Math.floor(s.ageYears())).as("54 until 7 December 2026").isEqualTo(54.0);
            assertThat(s.sex()).isEqualTo("male");
            assertThat(s.weightKg()).isCloseTo(94.5214, within(0.001));
            assertThat(s.heightCm()).isCloseTo(177.3817, within(0.001));
            assertThat(s.serumCreatinineMgDl()).as("2021-03-02, the latest of 7 results").isCloseTo(1.5107, within(0.0001));
            assertThat(s.egfr()).as("2021-03-02").isCloseTo(79.0785, within(0.001));
            // (140 - 54.97) × 94.52 / (72 × 1.5107) for a man
            assertThat(s.crclMlMin()).isCloseTo(73.89, within(0.05));
        }

        @Test
        void anOlderWomanWithoutCreatinineHasAnEgfrButNoCrcl() {
            PatientSnapshot s = synthea(Fixtures.FERRY);

            assertThat(s.sex()).isEqualTo("female");
            assertThat(Math.floor(s.ageYears())).isEqualTo(89.0);
            // Her weight fell from 75.7 kg (2019) to 69.9 kg (2020): the latest counts, not the largest or the first.
            assertThat(s.weightKg()).isCloseTo(69.9412, within(0.001));
            assertThat(s.heightCm()).isCloseTo(158.3537, within(0.001));
            assertThat(s.egfr()).isCloseTo(152.2803, within(0.001));
            assertThat(s.serumCreatinineMgDl()).isNull();
            assertThat(s.crclMlMin()).isNull();
        }

        @Test
        void latestObservationIsChosenByEffectiveTimeNotByPositionInTheBundle() {
            ObjectNode reversed = Fixtures.synthea(Fixtures.FERRY).deepCopy();
            ArrayNode entries = (ArrayNode) reversed.path("entry");
            List<JsonNode> backwards = new ArrayList<>();
            entries.forEach(e -> backwards.add(0, e));
            entries.removeAll();
            entries.addAll(backwards);

            PatientSnapshot s = build(data(reversed), Fixtures.bundleOf(), null);

            assertThat(s.weightKg()).isCloseTo(69.9412, within(0.001));
            assertThat(s.egfr()).isCloseTo(152.2803, within(0.001));
        }

        @Test
        void egfrWrittenInMlPerMinuteWithoutTheBodySurfacePartIsStillRead() {
            // Synthea v2.4 writes some eGFR results (LOINC 33914-3) with unit "mL/min" instead of "mL/min/{1.73_m2}".
            JsonNode bundle = Fixtures.synthea(Fixtures.KUHLMAN);
            JsonNode egfrInMlMin = resourceById(bundle, "005333b9-7a39-41a0-9f5d-2fb6aff095de");
            assertThat(egfrInMlMin.path("valueQuantity").path("unit").asText()).isEqualTo("mL/min");

            PatientSnapshot s = build(data(resourceOfType(bundle, "Patient"), egfrInMlMin), Fixtures.bundleOf(), null);

            assertThat(s.egfr()).isCloseTo(146.5894, within(0.001));
        }

        @Test
        void stoppedOrdersAreNotActiveMedications() {
            PatientSnapshot s = synthea(Fixtures.ABSHIRE);

            assertThat(s.activeMedications()).extracting(m -> m.medication().label()).containsExactlyInAnyOrder(
                    "Hydrochlorothiazide 25 MG", "Digoxin 0.125 MG Oral Tablet", "Warfarin Sodium 5 MG Oral Tablet",
                    "Verapamil Hydrochloride 40 MG", "Simvastatin 20 MG Oral Tablet", "Amlodipine 5 MG Oral Tablet");
            assertThat(s.activeMedications()).extracting(ActiveMedication::reference)
                    .contains("MedicationRequest/1544fee6-bb48-4ef4-8298-465bb3441e68"); // warfarin
        }

        @Test
        void resolvedConditionsAreDroppedAndPastMiscarriageIsNotPregnancy() {
            PatientSnapshot abshire = synthea(Fixtures.ABSHIRE);
            assertThat(abshire.conditions()).extracting(ConditionEntry::text)
                    .contains("Atrial Fibrillation", "Coronary Heart Disease", "Stroke")
                    .doesNotContain("Viral sinusitis (disorder)", "Acute viral pharyngitis (disorder)")
                    .hasSize(9);

            PatientSnapshot ferry = synthea(Fixtures.FERRY);
            assertThat(ferry.conditions()).extracting(ConditionEntry::text).contains("Miscarriage in first trimester");
            assertThat(ferry.pregnant()).isFalse();
        }

        @Test
        void anActiveFoodAllergyIsKeptWithItsCategory() {
            PatientSnapshot s = synthea(Fixtures.BOTELLO);

            assertThat(s.allergies()).singleElement().satisfies(a -> {
                assertThat(a.label()).isEqualTo("Shellfish allergy");
                assertThat(a.category()).containsExactly("food");
                assertThat(a.criticality()).isEqualTo("low");
                assertThat(a.intolerance()).isFalse();
            });
        }

        @Test
        void aChildHasNoCockcroftGaultClearance() {
            PatientSnapshot s = synthea(Fixtures.BOTELLO);

            assertThat(Math.floor(s.ageYears())).isEqualTo(16.0);
            assertThat(s.weightKg()).isCloseTo(37.0057, within(0.001));
            assertThat(s.crclMlMin()).isNull();
        }

        private PatientSnapshot synthea(String file) {
            JsonNode bundle = Fixtures.synthea(file);
            return READING.build(Fixtures.patientId(bundle), data(bundle), Fixtures.bundleOf(), null, NOW);
        }
    }

    // ---------------------------------------------------------------- age and renal function

    @Nested
    class AgeAndRenalFunction {

        @Test
        void ageInCompletedYearsChangesOnTheBirthday() {
            // 18 years contain only 4 leap days here: a days/365.25 estimate would still say 17 on the birthday.
            assertThat(Math.floor(ageOn("2001-01-01", "2018-12-31T12:00:00Z"))).isEqualTo(17.0);
            assertThat(Math.floor(ageOn("2001-01-01", "2019-01-01T12:00:00Z"))).isEqualTo(18.0);
            // 75 years containing 18 leap days (1956 to 2024): the 75th birthday itself.
            assertThat(Math.floor(ageOn("1953-01-01", "2027-12-31T08:00:00Z"))).isEqualTo(74.0);
            assertThat(Math.floor(ageOn("1953-01-01", "2028-01-01T08:00:00Z"))).isEqualTo(75.0);
        }

        @Test
        void partialBirthDatesTakeTheEarliestPossibleDay() {
            assertThat(build(data(patient("1980", "male")), Fixtures.bundleOf(), null).birthDate())
                    .isEqualTo(LocalDate.of(1980, 1, 1));
            assertThat(build(data(patient("1980-07", "male")), Fixtures.bundleOf(), null).birthDate())
                    .isEqualTo(LocalDate.of(1980, 7, 1));
        }

        @Test
        void cockcroftGaultMatchesAHandComputedValue() {
            // Born exactly 70 years before NOW, 70 kg, creatinine 1.0 mg/dL.
            // Man: (140 - 70) × 70 / (72 × 1.0) = 68.06 mL/min; woman: × 0.85 = 57.85 mL/min.
            PatientSnapshot man = build(data(patient("1956-11-25", "male"), weight(70, "kg", "kg", "2026-01-01"),
                    creatinine(1.0, "mg/dL", "2026-01-01")), Fixtures.bundleOf(), null);
            PatientSnapshot woman = build(data(patient("1956-11-25", "female"), weight(70, "kg", "kg", "2026-01-01"),
                    creatinine(1.0, "mg/dL", "2026-01-01")), Fixtures.bundleOf(), null);

            assertThat(man.ageYears()).isCloseTo(70.0, within(0.01));
            assertThat(man.crclMlMin()).isCloseTo(68.06, within(0.02));
            assertThat(woman.crclMlMin()).isCloseTo(57.85, within(0.02));
        }

        @Test
        void cockcroftGaultDoublesWhenCreatinineHalves() {
            PatientSnapshot s = build(data(patient("1966-05-01", "male"), weight(80, "kg", "kg", "2026-01-01"),
                    creatinine(2.0, "mg/dL", "2026-01-01")), Fixtures.bundleOf(), null);
            PatientSnapshot t = build(data(patient("1966-05-01", "male"), weight(80, "kg", "kg", "2026-01-01"),
                    creatinine(1.0, "mg/dL", "2026-01-01")), Fixtures.bundleOf(), null);

            assertThat(t.crclMlMin()).isCloseTo(2 * s.crclMlMin(), within(1e-9));
        }

        @Test
        void noCrclWhenAnyInputIsMissingOrThePatientIsAChild() {
            JsonNode w = weight(70, "kg", "kg", "2026-01-01");
            JsonNode scr = creatinine(1.0, "mg/dL", "2026-01-01");

            assertThat(crcl(patient("1956-11-25", "male"), scr)).as("no weight").isNull();
            assertThat(crcl(patient("1956-11-25", "male"), w)).as("no creatinine").isNull();
            assertThat(crcl(patient(null, "male"), w, scr)).as("no birth date").isNull();
            assertThat(crcl(patient("1956-11-25", null), w, scr)).as("no sex").isNull();
            assertThat(crcl(patient("1956-11-25", "unknown"), w, scr)).as("sex unknown").isNull();
            assertThat(crcl(patient("2009-01-01", "male"), w, scr)).as("17 years old").isNull();
            assertThat(crcl(patient("1956-11-25", "male"), w, scr)).as("all known").isNotNull();
        }

        private Double crcl(JsonNode... resources) {
            return build(data(resources), Fixtures.bundleOf(), null).crclMlMin();
        }

        private double ageOn(String birthDate, String now) {
            return new SnapshotBuilder().build(PATIENT, data(patient(birthDate, "male")), Fixtures.bundleOf(), null,
                    Instant.parse(now)).ageYears();
        }
    }

    // ---------------------------------------------------------------- observations

    @Nested
    class Observations {

        @Test
        void latestComparesInstantsAcrossTimeZoneOffsets() {
            // 23:30 in New York on 1 January is 04:30 UTC on 2 January: later than 01:00 UTC on 2 January.
            PatientSnapshot s = build(data(patient("1970-01-01", "male"),
                    weight(80, "kg", "kg", "2024-01-01T23:30:00-05:00"),
                    weight(60, "kg", "kg", "2024-01-02T01:00:00+00:00")), Fixtures.bundleOf(), null);

            assertThat(s.weightKg()).isEqualTo(80.0);
        }

        @Test
        void anObservationEnteredInErrorIsIgnored() {
            ObjectNode wrong = weight(7, "kg", "kg", "2026-02-01");
            wrong.put("status", "entered-in-error");

            PatientSnapshot s = build(data(patient("1970-01-01", "male"), weight(70, "kg", "kg", "2026-01-01"), wrong),
                    Fixtures.bundleOf(), null);

            assertThat(s.weightKg()).isEqualTo(70.0);
        }

        @Test
        void weightInPoundsIsConvertedToKilograms() {
            assertThat(weightOf(weight(154, "[lb_av]", "lb", "2026-01-01"))).isCloseTo(69.853, within(0.001));
            assertThat(weightOf(weight(154, null, "lbs", "2026-01-01"))).isCloseTo(69.853, within(0.001));
        }

        @Test
        void weightWithoutAUnitIsUnknownRatherThanGuessed() {
            assertThat(weightOf(weight(154, null, null, "2026-01-01"))).isNull();
        }

        @Test
        void heightInInchesIsConvertedToCentimetres() {
            ObjectNode height = observation("8302-2", 70, "[in_i]", "in", "2026-01-01");
            PatientSnapshot s = build(data(patient("1970-01-01", "male"), height), Fixtures.bundleOf(), null);

            assertThat(s.heightCm()).isCloseTo(177.8, within(0.001));
        }

        @Test
        void creatinineInMicromolesPerLitreIsConvertedToMgPerDl() {
            assertThat(creatinineOf(creatinine(88.4, "umol/L", "2026-01-01"))).isCloseTo(1.0, within(1e-9));
            assertThat(creatinineOf(creatinine(132.6, "µmol/L", "2026-01-01"))).isCloseTo(1.5, within(1e-9));
            assertThat(creatinineOf(creatinine(1.2, "mg/dL", "2026-01-01"))).isCloseTo(1.2, within(1e-9));
        }

        private Double weightOf(JsonNode observation) {
            return build(data(patient("1970-01-01", "male"), observation), Fixtures.bundleOf(), null).weightKg();
        }

        private Double creatinineOf(JsonNode observation) {
            return build(data(patient("1970-01-01", "male"), observation), Fixtures.bundleOf(), null)
                    .serumCreatinineMgDl();
        }
    }

    // ---------------------------------------------------------------- laboratory recency, renewals

    @Nested
    class LaboratoryRecencyAndRenewals {

        private final SnapshotBuilder defaults = new SnapshotBuilder();

        @Test
        void aCreatinine89DaysOldIsUsedAnd91DaysOldIsStaleWithItsDateAndAge() {
            Instant now = Instant.parse("2026-06-01T12:00:00Z");
            PatientSnapshot recent = defaults.build(PATIENT, data(patient("1960-01-01", "male"),
                    weight(70, "kg", "kg", "2026-05-01"), creatinine(1.2, "mg/dL", "2026-03-04")), Fixtures.bundleOf(),
                    null, now);
            assertThat(recent.serumCreatinineMgDl()).isEqualTo(1.2);
            assertThat(recent.crclMlMin()).isNotNull();
            assertThat(recent.unusableMeasurements()).isEmpty();

            PatientSnapshot stale = defaults.build(PATIENT, data(patient("1960-01-01", "male"),
                    weight(70, "kg", "kg", "2026-05-01"), creatinine(1.2, "mg/dL", "2026-03-02")), Fixtures.bundleOf(),
                    null, now);
            assertThat(stale.serumCreatinineMgDl()).isNull();
            assertThat(stale.crclMlMin()).as("no CrCl from a stale creatinine").isNull();
            assertThat(stale.unusableMeasurements()).singleElement().satisfies(u -> {
                assertThat(u.stale()).isTrue();
                assertThat(u.measurement()).isEqualTo(PlausibleRange.SERUM_CREATININE);
                assertThat(u.sentence()).isEqualTo("the recorded serum creatinine (1.2 mg/dL) is stale: measured on "
                        + "2026-03-02, 91 days before this evaluation, over the 90-day limit for laboratory values");
            });
        }

        @Test
        void theLimitIsConfigurableAndAppliesToEgfrToo() {
            SnapshotBuilder thirtyDays = new SnapshotBuilder(new LabRecency(Duration.ofDays(30)));
            ObjectNode egfr = observation("33914-3", 40, null, "mL/min/{1.73_m2}", "2026-04-20T08:00:00+02:00");
            PatientSnapshot s = thirtyDays.build(PATIENT, data(patient("1960-01-01", "female"), egfr),
                    Fixtures.bundleOf(), null, Instant.parse("2026-06-01T12:00:00Z"));

            assertThat(s.egfr()).isNull();
            assertThat(s.unusableMeasurements()).singleElement().satisfies(u -> {
                assertThat(u.measurement()).isEqualTo(PlausibleRange.EGFR);
                assertThat(u.reason()).contains("2026-04-20").contains("42 days").contains("30-day limit");
            });
        }

        @Test
        void anImplausibleValueIsReportedAsImplausibleNotAsStale() {
            PatientSnapshot s = defaults.build(PATIENT, data(patient("1960-01-01", "male"),
                    creatinine(0.01, "mg/dL", "2020-01-01")), Fixtures.bundleOf(), null, NOW);
            assertThat(s.unusableMeasurements()).singleElement().satisfies(u -> assertThat(u.stale()).isFalse());
        }

        @Test
        void priorPrescriptionNamesTheCurrentOrderByTypeAndIdAbsoluteUrlOrUrnUuid() {
            ObjectNode current = order("warf-1", "active");
            ObjectNode byId = order("d-1", "draft");
            byId.putObject("priorPrescription").put("reference", "MedicationRequest/warf-1");
            ObjectNode byUrl = order("d-2", "draft");
            byUrl.putObject("priorPrescription").put("reference",
                    "https://ehr.example.org/fhir/MedicationRequest/warf-1/_history/3");
            ObjectNode byUuid = order("d-3", "draft");
            byUuid.putObject("priorPrescription").put("reference", "urn:uuid:5d2c0b4e-1a8f-4c1e-9a43-5b7f0c7c2d11");
            ObjectNode none = order("d-4", "draft");
            ObjectNode bundle = Fixtures.bundleOf(patient("1960-01-01", "male"), current);
            ((ObjectNode) bundle.path("entry").path(1)).put("fullUrl", "urn:uuid:5d2c0b4e-1a8f-4c1e-9a43-5b7f0c7c2d11");

            PatientSnapshot s = build(data(bundle), Fixtures.bundleOf(byId, byUrl, byUuid, none), null);

            assertThat(s.draftOrders()).extracting(DraftOrder::priorPrescription).containsExactly(
                    "MedicationRequest/warf-1", "MedicationRequest/warf-1", "MedicationRequest/warf-1", null);
        }

        @Test
        void aCurrentMedicationKeepsItsDosageAndAStoppedOrderIsNotCurrent() {
            ObjectNode active = Fixtures.draftOrder("a-1", "855332", "Warfarin Sodium 5 MG Oral Tablet", 1.0, "tablet",
                    1, 1.0, "d");
            active.put("status", "active");
            PatientSnapshot s = build(data(patient("1960-01-01", "male"), active, order("s-1", "stopped")),
                    Fixtures.bundleOf(), null);

            assertThat(s.activeMedications()).singleElement().satisfies(m -> {
                assertThat(m.reference()).isEqualTo("MedicationRequest/a-1");
                assertThat(m.dose().dose().value()).isEqualTo(1.0);
                assertThat(m.dose().dosesPerDay()).isEqualTo(1.0);
            });
            assertThat(SnapshotBuilder.isCurrent("stopped")).isFalse();
            assertThat(SnapshotBuilder.isCurrent("on-hold")).isTrue();
            assertThat(SnapshotBuilder.isCurrent(null)).isTrue();
        }
    }

    // ---------------------------------------------------------------- medications, allergies, conditions

    @Nested
    class ClinicalLists {

        @Test
        void onlyOrdersStillInForceAreActive() {
            PatientSnapshot s = build(data(patient("1970-01-01", "male"),
                    order("a", "active"), order("h", "on-hold"), order("s", "stopped"), order("c", "completed"),
                    order("x", "cancelled"), order("e", "entered-in-error")), Fixtures.bundleOf(), null);

            assertThat(s.activeMedications()).extracting(ActiveMedication::reference)
                    .containsExactlyInAnyOrder("MedicationRequest/a", "MedicationRequest/h");
        }

        @Test
        void aDraftOrderAlsoReturnedByPrefetchIsNotCountedTwice() {
            ObjectNode draft = Fixtures.draftOrder("np-1", "849574", "Naproxen sodium 220 MG Oral Tablet",
                    1.0, null, 2, 1.0, "d");
            PatientSnapshot s = build(data(patient("1970-01-01", "male"), order("w", "active"), draft.deepCopy()),
                    Fixtures.bundleOf(draft), null);

            assertThat(s.activeMedications()).extracting(ActiveMedication::reference)
                    .containsExactly("MedicationRequest/w");
            assertThat(s.draftOrders()).extracting(DraftOrder::reference).containsExactly("MedicationRequest/np-1");
        }

        @Test
        void allergiesThatNoLongerApplyAreDropped() {
            PatientSnapshot s = build(data(patient("1970-01-01", "male"),
                    allergy("penicillin", "active", "confirmed"),
                    allergy("sulfa", null, null),
                    allergy("refuted", "active", "refuted"),
                    allergy("error", "active", "entered-in-error"),
                    allergy("inactive", "inactive", "confirmed"),
                    allergy("resolved", "resolved", "confirmed"),
                    allergy("resolved, pre-R4", "resolved", null).put("clinicalStatus", "resolved")),
                    Fixtures.bundleOf(), null);

            assertThat(s.allergies()).extracting(AllergyEntry::label).containsExactlyInAnyOrder("penicillin", "sulfa");
        }

        @Test
        void onlyActiveConditionsAreKept() {
            PatientSnapshot s = build(data(patient("1970-01-01", "female"),
                    condition("Hypertension", "active"), condition("Asthma", "recurrence"),
                    condition("Otitis media", "resolved"), condition("Sinusitis", "inactive"),
                    condition("Gout", "remission")), Fixtures.bundleOf(), null);

            assertThat(s.conditions()).extracting(ConditionEntry::text).containsExactlyInAnyOrder("Hypertension", "Asthma");
        }

        @Test
        void pregnancyIsReadFromAnActiveConditionButNotFromAHistory() {
            assertThat(pregnant(condition("Normal pregnancy", "active"))).isTrue();
            assertThat(pregnant(condition("Gestation period, 12 weeks", "active"))).isTrue();
            assertThat(pregnant(condition("History of pregnancy", "active"))).isFalse();
            assertThat(pregnant(condition("Normal pregnancy", "resolved"))).isFalse();
            assertThat(pregnant(condition("Hypertension", "active"))).isFalse();
        }

        private boolean pregnant(JsonNode condition) {
            return build(data(patient("1995-01-01", "female"), condition), Fixtures.bundleOf(), null).pregnant();
        }
    }

    // ---------------------------------------------------------------- draft orders

    @Nested
    class DraftOrders {

        private final JsonNode warfarin = Fixtures.draftOrder("w-1", "855332", "Warfarin Sodium 5 MG Oral Tablet",
                1.0, null, 1, 1.0, "d");
        private final JsonNode naproxen = Fixtures.draftOrder("n-1", "849574", "Naproxen sodium 220 MG Oral Tablet",
                1.0, null, 2, 1.0, "d");

        @Test
        void orderSelectMarksOnlyTheSelectedOrder() {
            PatientSnapshot s = build(data(patient("1970-01-01", "male")), Fixtures.bundleOf(warfarin, naproxen),
                    Set.of("MedicationRequest/n-1"));

            assertThat(s.draftOrders()).extracting(DraftOrder::reference, DraftOrder::selected).containsExactly(
                    tuple("MedicationRequest/w-1", false),
                    tuple("MedicationRequest/n-1", true));
        }

        @Test
        void orderSignSelectsEveryOrder() {
            PatientSnapshot s = build(data(patient("1970-01-01", "male")), Fixtures.bundleOf(warfarin, naproxen), null);

            assertThat(s.draftOrders()).hasSize(2).allMatch(DraftOrder::selected);
        }

        @Test
        void otherOrderTypesInTheDraftBundleAreNotMedicationOrders() {
            ObjectNode lab = Fixtures.JSON.createObjectNode().put("resourceType", "ServiceRequest").put("id", "lab-1");

            PatientSnapshot s = build(data(patient("1970-01-01", "male")), Fixtures.bundleOf(lab, warfarin), null);

            assertThat(s.draftOrders()).extracting(DraftOrder::reference).containsExactly("MedicationRequest/w-1");
        }

        @Test
        void draftOrderCarriesItsMedicationAndDose() {
            PatientSnapshot s = build(data(patient("1970-01-01", "male")), Fixtures.bundleOf(naproxen), null);

            assertThat(s.draftOrders()).singleElement().satisfies(o -> {
                assertThat(o.medication().codes()).extracting(ClinicalCode::code).containsExactly("849574");
                assertThat(o.medication().label()).isEqualTo("Naproxen sodium 220 MG Oral Tablet");
                assertThat(o.dose().dosesPerDay()).isEqualTo(2.0);
            });
        }

        @Test
        void medicationReferenceToAContainedMedication() {
            ObjectNode order = Fixtures.JSON.createObjectNode().put("resourceType", "MedicationRequest")
                    .put("id", "c-1").put("status", "draft").put("intent", "order");
            order.putArray("contained").add(medication("med1", "855332", "Warfarin Sodium 5 MG Oral Tablet"));
            order.putObject("medicationReference").put("reference", "#med1");

            PatientSnapshot s = build(data(patient("1970-01-01", "male")), Fixtures.bundleOf(order), null);

            assertThat(s.draftOrders()).singleElement().satisfies(o -> {
                assertThat(o.medication().codes()).extracting(ClinicalCode::code).containsExactly("855332");
                assertThat(o.medication().label()).isEqualTo("Warfarin Sodium 5 MG Oral Tablet");
            });
        }

        @Test
        void medicationReferenceToAMedicationElsewhereInTheBundleByUrnUuid() {
            String uuid = "6c1f0d1e-3b4a-4c7e-9d3a-1f2e3d4c5b6a";
            ObjectNode active = order("m-1", "active");
            active.remove("medicationCodeableConcept");
            active.putObject("medicationReference").put("reference", "urn:uuid:" + uuid);
            ObjectNode bundle = Fixtures.bundleOf(patient("1970-01-01", "male"), active,
                    medication(uuid, "309362", "Clopidogrel 75 MG Oral Tablet"));
            ((ObjectNode) bundle.path("entry").path(2)).put("fullUrl", "urn:uuid:" + uuid);

            PatientSnapshot s = build(data(bundle), Fixtures.bundleOf(), null);

            assertThat(s.activeMedications()).singleElement().satisfies(m -> {
                assertThat(m.medication().codes()).extracting(ClinicalCode::code).containsExactly("309362");
                assertThat(m.medication().label()).isEqualTo("Clopidogrel 75 MG Oral Tablet");
            });
        }

        @Test
        void anUnresolvableMedicationReferenceKeepsItsDisplay() {
            ObjectNode order = Fixtures.JSON.createObjectNode().put("resourceType", "MedicationRequest")
                    .put("id", "u-1").put("status", "draft");
            order.putObject("medicationReference").put("reference", "Medication/missing").put("display", "Zorblaxin");

            PatientSnapshot s = build(data(patient("1970-01-01", "male")), Fixtures.bundleOf(order), null);

            assertThat(s.draftOrders()).singleElement().satisfies(o -> {
                assertThat(o.medication().codes()).isEmpty();
                assertThat(o.medication().label()).isEqualTo("Zorblaxin");
            });
        }
    }

    // ---------------------------------------------------------------- helpers

    private static PatientSnapshot build(FhirResources data, JsonNode draftOrders, Set<String> selections) {
        return READING.build(PATIENT, data, draftOrders, selections, NOW);
    }

    private static FhirResources data(JsonNode... resources) {
        FhirResources data = new FhirResources();
        for (JsonNode r : resources) {
            data.add(r);
        }
        return data;
    }

    private static JsonNode resourceById(JsonNode bundle, String id) {
        for (JsonNode e : bundle.path("entry")) {
            if (id.equals(e.path("resource").path("id").asText())) {
                return e.path("resource");
            }
        }
        throw new IllegalArgumentException(id);
    }

    private static JsonNode resourceOfType(JsonNode bundle, String type) {
        for (JsonNode e : bundle.path("entry")) {
            if (type.equals(e.path("resource").path("resourceType").asText())) {
                return e.path("resource");
            }
        }
        throw new IllegalArgumentException(type);
    }

    private static ObjectNode patient(String birthDate, String gender) {
        ObjectNode p = Fixtures.JSON.createObjectNode().put("resourceType", "Patient").put("id", PATIENT);
        if (birthDate != null) {
            p.put("birthDate", birthDate);
        }
        if (gender != null) {
            p.put("gender", gender);
        }
        return p;
    }

    private static int observations;

    private static ObjectNode observation(String loinc, double value, String code, String unit, String effective) {
        ObjectNode o = Fixtures.JSON.createObjectNode().put("resourceType", "Observation")
                .put("id", "obs-" + (++observations)).put("status", "final");
        o.putObject("code").putArray("coding").addObject().put("system", ClinicalCode.LOINC).put("code", loinc);
        o.put("effectiveDateTime", effective);
        ObjectNode q = o.putObject("valueQuantity").put("value", value);
        if (unit != null) {
            q.put("unit", unit);
        }
        if (code != null) {
            q.put("system", "http://unitsofmeasure.org").put("code", code);
        }
        return o;
    }

    private static ObjectNode weight(double value, String code, String unit, String effective) {
        return observation("29463-7", value, code, unit, effective);
    }

    private static ObjectNode creatinine(double value, String unit, String effective) {
        return observation("2160-0", value, null, unit, effective);
    }

    private static ObjectNode order(String id, String status) {
        ObjectNode mr = Fixtures.draftOrder(id, "855332", "Warfarin Sodium 5 MG Oral Tablet", null, null, null, null, null);
        mr.put("status", status);
        return mr;
    }

    private static ObjectNode medication(String id, String rxcui, String name) {
        ObjectNode m = Fixtures.JSON.createObjectNode().put("resourceType", "Medication").put("id", id);
        ObjectNode code = m.putObject("code");
        code.putArray("coding").addObject().put("system", ClinicalCode.RXNORM).put("code", rxcui).put("display", name);
        code.put("text", name);
        return m;
    }

    private static ObjectNode allergy(String text, String clinical, String verification) {
        ObjectNode a = Fixtures.JSON.createObjectNode().put("resourceType", "AllergyIntolerance")
                .put("id", "alg-" + text.replaceAll("\\W", ""));
        if (clinical != null) {
            a.putObject("clinicalStatus").putArray("coding").addObject().put("code", clinical);
        }
        if (verification != null) {
            a.putObject("verificationStatus").putArray("coding").addObject().put("code", verification);
        }
        a.putObject("code").put("text", text);
        return a;
    }

    private static ObjectNode condition(String text, String clinical) {
        ObjectNode c = Fixtures.JSON.createObjectNode().put("resourceType", "Condition")
                .put("id", "cond-" + text.replaceAll("\\W", ""));
        c.putObject("clinicalStatus").putArray("coding").addObject().put("code", clinical);
        c.putObject("code").put("text", text);
        return c;
    }
}
