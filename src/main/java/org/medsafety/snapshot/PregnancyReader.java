package org.medsafety.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether the record shows a current pregnancy, and how far it has gone. Pure: no I/O.
 *
 * <p>Pregnancy is read from the words of an active condition: SNOMED CT content cannot be shipped under its licence.
 * Words that say the opposite ("history of", "not pregnant", "pregnancy test negative"), that describe a pregnancy
 * that has ended ("termination of pregnancy", "postpartum") or that describe a newborn or fetus ("small for
 * gestational age", "preterm infant") do not count.
 *
 * <p>Gestational age is read from the latest Observation coded with one of {@link #GESTATIONAL_AGE}, in weeks or days,
 * and carried forward to the evaluation date (a value of 20 weeks recorded 3 weeks ago is 23 weeks now). It is not
 * used when it has no date, is dated in the future, or comes out at more than {@link #MAX_WEEKS} weeks: then it is
 * unknown, and the cards that depend on it say so.
 */
public final class PregnancyReader {

    /**
     * LOINC gestational-age codes: 11884-4 Gestational age Estimated, 11885-1 Gestational age Estimated from last
     * menstrual period, 18185-9 Gestational age, 49051-6 Gestational age in weeks, as listed by the eCQM value set
     * "Estimated Gestational Age at Delivery" (OID 2.16.840.1.113762.1.4.1045.26) and used by the HL7 vital-records
     * and AU pathology-order FHIR guides (knowledge-base/SOURCES.md).
     */
    public static final Set<String> GESTATIONAL_AGE = Set.of("11884-4", "11885-1", "18185-9", "49051-6");

    /** Engineering bound, wider than any pregnancy: a larger figure is a stale or mistaken record, not a fact. */
    public static final double MAX_WEEKS = 45;

    private static final List<String> NEGATIONS = List.of("history of", "h/o", "not pregnant", "no pregnancy",
            "non-pregnant", "nonpregnant", "pregnancy test negative", "negative pregnancy", "ruled out", "excluded",
            "termination of pregnancy", "terminated pregnancy", "abortive outcome", "postpartum", "post-partum",
            "puerper", "previous pregnanc", "prior pregnanc", "past pregnanc", "pregnancy prevention", "contracept");
    /** "gestation" in these phrases is about a fetus or newborn, or a tumour, not a pregnant patient. */
    private static final List<String> NOT_A_PREGNANT_PATIENT = List.of("gestational age", "newborn", "neonat",
            "infant", "fetus", "fetal", "preterm", "premature", "trophoblastic");

    private PregnancyReader() {
    }

    /** An active condition that says the patient is pregnant. */
    public static boolean isPregnancy(ConditionEntry condition) {
        if (condition.text() != null && saysPregnant(condition.text())) {
            return true;
        }
        return condition.codes().stream().anyMatch(c -> c.display() != null && saysPregnant(c.display()));
    }

    static boolean saysPregnant(String words) {
        String w = words.toLowerCase(Locale.ROOT);
        if (NEGATIONS.stream().anyMatch(w::contains)) {
            return false;
        }
        if (w.contains("pregnan")) {
            return true;
        }
        return w.contains("gestation") && NOT_A_PREGNANT_PATIENT.stream().noneMatch(w::contains);
    }

    /** Gestational age in weeks at {@code now}, or null when the record gives none that can be used. */
    public static Double gestationalWeeks(FhirResources data, Instant now) {
        JsonNode latest = null;
        Instant latestTime = null;
        for (JsonNode obs : data.ofType("Observation")) {
            String status = obs.path("status").asText("");
            if (status.equals("entered-in-error") || status.equals("cancelled") || !hasCode(obs.path("code"))) {
                continue;
            }
            Instant time = effective(obs);
            if (time != null && (latestTime == null || time.isAfter(latestTime))) {
                latest = obs;
                latestTime = time;
            }
        }
        if (latest == null || latestTime.isAfter(now.plus(Duration.ofDays(1)))) {
            return null;
        }
        Double recorded = weeks(latest);
        if (recorded == null) {
            return null;
        }
        double weeks = recorded + Duration.between(latestTime, now).toHours() / (24.0 * 7);
        return Double.isFinite(weeks) && weeks > 0 && weeks <= MAX_WEEKS ? weeks : null;
    }

    /** The recorded value in weeks: a quantity in weeks or days (UCUM wk, d, or the words), or 49051-6 as a number. */
    private static Double weeks(JsonNode obs) {
        JsonNode q = obs.path("valueQuantity");
        if (q.path("value").isNumber()) {
            String unit = (q.hasNonNull("code") ? q.path("code") : q.path("unit")).asText("").trim()
                    .toLowerCase(Locale.ROOT);
            double value = q.path("value").asDouble();
            return switch (unit) {
                case "wk", "week", "weeks", "/wk" -> value;
                case "d", "day", "days" -> value / 7;
                default -> null;
            };
        }
        // "Gestational age in weeks" names its unit; a bare number under any other code could be days.
        if (obs.path("valueInteger").isNumber() && hasCode(obs.path("code"), "49051-6")) {
            return obs.path("valueInteger").asDouble();
        }
        return null;
    }

    private static boolean hasCode(JsonNode concept) {
        for (JsonNode coding : concept.path("coding")) {
            if (ClinicalCode.LOINC.equals(coding.path("system").asText())
                    && GESTATIONAL_AGE.contains(coding.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCode(JsonNode concept, String code) {
        for (JsonNode coding : concept.path("coding")) {
            if (ClinicalCode.LOINC.equals(coding.path("system").asText()) && code.equals(coding.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Instant effective(JsonNode obs) {
        for (String field : new String[] {"effectiveDateTime", "effectiveInstant"}) {
            if (obs.hasNonNull(field)) {
                return instant(obs.path(field).asText());
            }
        }
        JsonNode period = obs.path("effectivePeriod");
        return period.hasNonNull("end") ? instant(period.path("end").asText())
                : period.hasNonNull("start") ? instant(period.path("start").asText()) : null;
    }

    /** A FHIR dateTime: with an offset, or a date (its start, UTC); anything else is no date. */
    private static Instant instant(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
