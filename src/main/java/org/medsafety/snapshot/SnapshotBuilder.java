package org.medsafety.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the FHIR R4 resources of one CDS Hooks call into a {@link PatientSnapshot}. Pure: no I/O, no knowledge base.
 */
public final class SnapshotBuilder {

    private static final Set<String> INACTIVE_ORDER = Set.of("stopped", "completed", "cancelled", "entered-in-error");
    private static final Set<String> DROPPED_VERIFICATION = Set.of("refuted", "entered-in-error");
    private static final Set<String> DROPPED_ALLERGY_CLINICAL = Set.of("inactive", "resolved");
    private static final Set<String> ACTIVE_CONDITION = Set.of("active", "recurrence", "relapse");

    private final MeasurementReader measurements = new MeasurementReader();
    private final LabRecency labRecency;

    /** Laboratory values up to {@link LabRecency#DEFAULT_MAX_AGE} old are used. */
    public SnapshotBuilder() {
        this(new LabRecency(LabRecency.DEFAULT_MAX_AGE));
    }

    /** @param labRecency how old a serum creatinine or eGFR may be and still be used */
    public SnapshotBuilder(LabRecency labRecency) {
        this.labRecency = labRecency;
    }

    /**
     * @param patientId   context.patientId
     * @param data        everything prefetched or fetched for this call
     * @param draftOrders context.draftOrders (a Bundle)
     * @param selections  context.selections for order-select; null means every draft order is selected (order-sign)
     * @param now         evaluation time, for age and the age of laboratory values
     */
    public PatientSnapshot build(String patientId, FhirResources data, JsonNode draftOrders, Set<String> selections,
                                 Instant now) {
        JsonNode patient = data.resolve("Patient/" + patientId, null);
        if (patient == null && !data.ofType("Patient").isEmpty()) {
            patient = data.ofType("Patient").get(0);
        }
        LocalDate birthDate = patient == null ? null : parseBirthDate(patient.path("birthDate").asText(null));
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String sex = patient == null ? null : patient.path("gender").asText(null);

        MeasurementReader.Measurements m = measurements.read(data, now, labRecency);
        List<UnusableMeasurement> unusable = new ArrayList<>(m.unusable());
        Double age = plausibleAge(birthDate, today, unusable);
        Double crcl = cockcroftGault(age, m.weightKg(), m.serumCreatinineMgDl(), sex);

        List<ConditionEntry> conditions = conditions(data, now);
        boolean pregnant = conditions.stream().anyMatch(PregnancyReader::isPregnancy);
        Double gestationalWeeks = pregnant ? PregnancyReader.gestationalWeeks(data, now) : null;

        List<DraftOrder> orders = draftOrders(draftOrders, data, selections);
        Set<String> orderRefs = new HashSet<>();
        orders.forEach(o -> orderRefs.add(o.reference()));
        return new PatientSnapshot(patientId, birthDate, age, sex, m.weightKg(), m.heightCm(), m.serumCreatinineMgDl(),
                m.egfr(), crcl, pregnant, conditions, allergies(data), activeMedications(data, orderRefs), orders,
                unusable, gestationalWeeks);
    }

    /** Age from the birth date, or null (and an unusable measurement) when the date gives an impossible age. */
    private static Double plausibleAge(LocalDate birthDate, LocalDate today, List<UnusableMeasurement> unusable) {
        if (birthDate == null) {
            return null;
        }
        double age = ageInYears(birthDate, today);
        if (PlausibleRange.AGE.contains(age)) {
            return age;
        }
        unusable.add(new UnusableMeasurement(PlausibleRange.AGE, "birth date " + birthDate, "gives "
                + PlausibleRange.number(Math.floor(age)) + " years, outside the plausible range "
                + PlausibleRange.AGE.describe()));
        return null;
    }

    static LocalDate parseBirthDate(String text) {
        if (text == null || text.length() < 4) {
            return null;
        }
        try {
            // FHIR date may be YYYY or YYYY-MM: take the first possible day (the oldest the patient can be).
            return switch (text.length()) {
                case 4 -> LocalDate.of(Integer.parseInt(text), 1, 1);
                case 7 -> LocalDate.parse(text + "-01");
                default -> LocalDate.parse(text.substring(0, 10));
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Completed years plus the elapsed fraction of the current year of life, so that floor() is the age in completed
     * years that dose-limit age bands use, from the birthday on (days / 365.25 is a day late on some birthdays).
     */
    static double ageInYears(LocalDate birthDate, LocalDate today) {
        long years = ChronoUnit.YEARS.between(birthDate, today);
        LocalDate lastBirthday = birthDate.plusYears(years);
        long yearLength = ChronoUnit.DAYS.between(lastBirthday, birthDate.plusYears(years + 1));
        return years + (double) ChronoUnit.DAYS.between(lastBirthday, today) / yearLength;
    }

    /**
     * Whether a MedicationRequest status makes it a current medication: stopped, completed, cancelled and
     * entered-in-error orders are not (an order replacing one of them is no duplicate of it); active, on-hold, draft,
     * unknown or no status are.
     */
    public static boolean isCurrent(String status) {
        return status == null || !INACTIVE_ORDER.contains(status);
    }

    /** Cockcroft DW, Gault MH. Nephron 1976;16:31-41; actual body weight; ×0.85 for women. */
    public static Double cockcroftGault(Double age, Double weightKg, Double scrMgDl, String sex) {
        if (age == null || weightKg == null || scrMgDl == null || scrMgDl <= 0 || age < 18) {
            return null;
        }
        double factor;
        if ("male".equals(sex)) {
            factor = 1.0;
        } else if ("female".equals(sex)) {
            factor = 0.85;
        } else {
            return null;
        }
        double crcl = (140.0 - age) * weightKg / (72.0 * scrMgDl) * factor;
        // Plausible inputs give a positive, finite value; anything else (e.g. a scenario's own numbers) is unknown.
        return Double.isFinite(crcl) && crcl > 0 ? crcl : null;
    }

    private static List<ConditionEntry> conditions(FhirResources data, Instant now) {
        List<ConditionEntry> result = new ArrayList<>();
        for (JsonNode c : data.ofType("Condition")) {
            if (in(DROPPED_VERIFICATION, statusCode(c, "verificationStatus"))) {
                continue;
            }
            String clinical = statusCode(c, "clinicalStatus");
            // FHIR (con-4): an abated condition is not active, whatever its status says; a future end date is not yet.
            boolean active = (clinical == null || ACTIVE_CONDITION.contains(clinical)) && !abated(c, now);
            if (active) {
                result.add(new ConditionEntry(codes(c.path("code")), c.path("code").path("text").asText(null)));
            }
        }
        return result;
    }

    private static boolean abated(JsonNode condition, Instant now) {
        for (String field : new String[] {"abatementDateTime", "abatementAge", "abatementRange", "abatementString"}) {
            if (condition.hasNonNull(field)) {
                return !field.equals("abatementDateTime") || !inFuture(condition.path(field).asText(), now);
            }
        }
        JsonNode period = condition.path("abatementPeriod");
        if (period.isObject()) {
            return !period.hasNonNull("end") ? period.hasNonNull("start") && !inFuture(period.path("start").asText(), now)
                    : !inFuture(period.path("end").asText(), now);
        }
        return false;
    }

    private static boolean inFuture(String dateTime, Instant now) {
        try {
            Instant t = dateTime.length() == 10 ? LocalDate.parse(dateTime).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : java.time.OffsetDateTime.parse(dateTime).toInstant();
            return t.isAfter(now);
        } catch (RuntimeException e) {
            return false; // an unreadable date still says the condition ended
        }
    }

    private static List<AllergyEntry> allergies(FhirResources data) {
        List<AllergyEntry> result = new ArrayList<>();
        for (JsonNode a : data.ofType("AllergyIntolerance")) {
            if (in(DROPPED_VERIFICATION, statusCode(a, "verificationStatus"))
                    || in(DROPPED_ALLERGY_CLINICAL, statusCode(a, "clinicalStatus"))) {
                continue;
            }
            List<String> categories = new ArrayList<>();
            a.path("category").forEach(cat -> categories.add(cat.asText()));
            result.add(new AllergyEntry(reference(a), codes(a.path("code")), a.path("code").path("text").asText(null),
                    categories, a.path("criticality").asText(null), "intolerance".equals(a.path("type").asText())));
        }
        return result;
    }

    private static List<ActiveMedication> activeMedications(FhirResources data, Set<String> draftRefs) {
        List<ActiveMedication> result = new ArrayList<>();
        for (JsonNode mr : data.ofType("MedicationRequest")) {
            String ref = reference(mr);
            if (INACTIVE_ORDER.contains(mr.path("status").asText("")) || draftRefs.contains(ref)) {
                continue;
            }
            result.add(new ActiveMedication(ref, medication(mr, data), DoseInstructionReader.read(mr)));
        }
        return result;
    }

    private static List<DraftOrder> draftOrders(JsonNode bundle, FhirResources data, Set<String> selections) {
        List<DraftOrder> result = new ArrayList<>();
        FhirResources local = new FhirResources();
        local.add(bundle);
        int position = 0;
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode r = entry.path("resource");
            position++;
            if (!"MedicationRequest".equals(r.path("resourceType").asText())) {
                continue; // ServiceRequest, NutritionOrder, … are not medication orders
            }
            String ref = r.hasNonNull("id") ? "MedicationRequest/" + r.path("id").asText()
                    : entry.path("fullUrl").asText("MedicationRequest/#" + position);
            boolean selected = selections == null || selections.contains(ref)
                    || (r.hasNonNull("id") && selections.contains(r.path("id").asText()));
            MedicationConcept concept = medication(r, local, data);
            result.add(new DraftOrder(ref, selected, concept, DoseInstructionReader.read(r), r,
                    priorPrescription(r, data)));
        }
        return result;
    }

    /**
     * The order a draft renews or replaces, as the reference its current medication has ("MedicationRequest/{id}"),
     * whether the draft names it by "Type/id", absolute URL or urn:uuid; null when it names none. A reference to an
     * order that is not in the record is kept as its "Type/id", so it matches nothing current.
     */
    static String priorPrescription(JsonNode draft, FhirResources data) {
        String ref = draft.path("priorPrescription").path("reference").asText(null);
        if (ref == null || ref.isBlank()) {
            return null;
        }
        JsonNode prior = data.resolve(ref, draft);
        if (prior != null && "MedicationRequest".equals(prior.path("resourceType").asText())) {
            return reference(prior);
        }
        String[] parts = ref.split("/");
        int history = ref.contains("/_history/") ? 2 : 0;
        return parts.length >= 2 + history ? parts[parts.length - 2 - history] + "/" + parts[parts.length - 1 - history]
                : ref;
    }

    private static MedicationConcept medication(JsonNode mr, FhirResources... scopes) {
        if (mr.has("medicationCodeableConcept")) {
            JsonNode cc = mr.path("medicationCodeableConcept");
            return new MedicationConcept(codes(cc), cc.path("text").asText(null));
        }
        JsonNode reference = mr.path("medicationReference");
        String ref = reference.path("reference").asText(null);
        for (FhirResources scope : scopes) {
            JsonNode medication = scope.resolve(ref, mr);
            if (medication != null) {
                JsonNode code = medication.path("code");
                return new MedicationConcept(codes(code), code.path("text").asText(null));
            }
        }
        return new MedicationConcept(List.of(), reference.path("display").asText(null));
    }

    static List<ClinicalCode> codes(JsonNode concept) {
        List<ClinicalCode> result = new ArrayList<>();
        for (JsonNode coding : concept.path("coding")) {
            result.add(new ClinicalCode(coding.path("system").asText(null), coding.path("code").asText(null),
                    coding.path("display").asText(null)));
        }
        return result;
    }

    /** Set.of(...).contains(null) throws; an absent status is simply not in the set. */
    private static boolean in(Set<String> set, String value) {
        return value != null && set.contains(value);
    }

    private static String statusCode(JsonNode resource, String field) {
        JsonNode status = resource.path(field);
        if (status.isTextual()) {
            return status.asText(); // pre-R4 senders write a bare code
        }
        return status.path("coding").path(0).path("code").asText(null);
    }

    private static String reference(JsonNode resource) {
        return resource.path("resourceType").asText() + "/" + resource.path("id").asText("");
    }
}
