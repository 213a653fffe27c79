package org.medsafety.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Map;

/**
 * Reads the first {@code dosageInstruction} of a MedicationRequest into a {@link DoseInstruction}. A dose or schedule
 * that is there but not usable (not finite, not positive, more than once a minute) is left out and named as the
 * instruction's problem, so that the dose check says it was not checked rather than using an absurd number.
 */
final class DoseInstructionReader {

    /** HL7 v3 GTSAbbreviation timing codes (terminology.hl7.org/CodeSystem/v3-GTSAbbreviation) as administrations per day. */
    private static final Map<String, Double> TIMING_CODES = Map.ofEntries(
            Map.entry("QD", 1.0), Map.entry("AM", 1.0), Map.entry("PM", 1.0), Map.entry("BID", 2.0),
            Map.entry("TID", 3.0), Map.entry("QID", 4.0), Map.entry("Q4H", 6.0), Map.entry("Q6H", 4.0),
            Map.entry("Q8H", 3.0), Map.entry("QOD", 0.5), Map.entry("WK", 1.0 / 7.0));

    private DoseInstructionReader() {
    }

    static DoseInstruction read(JsonNode medicationRequest) {
        JsonNode dosage = medicationRequest.path("dosageInstruction").path(0);
        if (dosage.isMissingNode()) {
            return null;
        }
        Quantity dose = readDose(dosage.path("doseAndRate").path(0));
        String doseProblem = dose == null ? null : DosePlausibility.doseProblem(dose.value(), dose.effectiveUnit());
        if (doseProblem != null) {
            dose = null;
        }
        Double perDay = readDosesPerDay(dosage.path("timing"));
        String scheduleProblem = DosePlausibility.frequencyProblem(perDay, scheduleAsOrdered(dosage.path("timing")));
        if (scheduleProblem != null) {
            perDay = null;
        }
        boolean weekly = isWeekly(dosage.path("timing"));
        Double perWeek = perDay == null ? null : perDay * 7.0;
        String route = readRoute(dosage.path("route"));
        boolean asNeeded = dosage.path("asNeededBoolean").asBoolean(false) || dosage.has("asNeededCodeableConcept");
        return new DoseInstruction(dose, perDay, weekly, perWeek, route, asNeeded,
                DosePlausibility.join(doseProblem, scheduleProblem));
    }

    /** "1000000000 per 1 s", as a card can quote it. */
    private static String scheduleAsOrdered(JsonNode timing) {
        JsonNode repeat = timing.path("repeat");
        if (!repeat.path("period").isNumber()) {
            return null;
        }
        JsonNode frequency = repeat.has("frequencyMax") ? repeat.path("frequencyMax") : repeat.path("frequency");
        String unit = repeat.path("periodUnit").asText("d");
        return (frequency.isNumber() ? PlausibleRange.number(frequency.asDouble()) : "1") + " per "
                + PlausibleRange.number(repeat.path("period").asDouble()) + " "
                + (unit.length() > 5 ? unit.substring(0, 5) + "…" : unit);
    }

    private static Quantity readDose(JsonNode doseAndRate) {
        JsonNode q = doseAndRate.path("doseQuantity");
        if (q.isMissingNode()) {
            // A range is screened at its high end: that is what the patient may receive.
            JsonNode range = doseAndRate.path("doseRange");
            q = range.has("high") ? range.path("high") : range.path("low");
        }
        if (!q.path("value").isNumber()) {
            return null;
        }
        return new Quantity(q.path("value").asDouble(), text(q, "code"), text(q, "unit"));
    }

    private static Double readDosesPerDay(JsonNode timing) {
        JsonNode repeat = timing.path("repeat");
        Double periodDays = periodInDays(repeat);
        if (periodDays == null && repeat.path("period").isNumber()) {
            return Double.NaN; // a period in a unit that is not a FHIR time unit: given, but not usable
        }
        if (periodDays != null) {
            double frequency = repeat.has("frequencyMax") ? repeat.path("frequencyMax").asDouble()
                    : repeat.path("frequency").asDouble(1.0);
            // A zero, negative or overflowing period gives a non-finite or negative rate: judged unusable, not skipped.
            return periodDays > 0 ? frequency / periodDays : Double.NaN;
        }
        String code = timing.path("code").path("coding").path(0).path("code").asText(null);
        if (code == null) {
            code = timing.path("code").path("text").asText(null);
        }
        return code == null ? null : TIMING_CODES.get(code.toUpperCase(Locale.ROOT));
    }

    private static boolean isWeekly(JsonNode timing) {
        Double periodDays = periodInDays(timing.path("repeat"));
        if (periodDays != null) {
            return periodDays >= 7.0;
        }
        String code = timing.path("code").path("coding").path(0).path("code").asText("");
        return code.equalsIgnoreCase("WK");
    }

    /** The shortest period (period, not periodMax): the schedule that gives the most doses. */
    private static Double periodInDays(JsonNode repeat) {
        if (!repeat.path("period").isNumber()) {
            return null;
        }
        double period = repeat.path("period").asDouble();
        return switch (repeat.path("periodUnit").asText("d")) {
            case "s" -> period / 86_400.0;
            case "min" -> period / 1_440.0;
            case "h" -> period / 24.0;
            case "d" -> period;
            case "wk" -> period * 7.0;
            case "mo" -> period * 30.0;
            case "a" -> period * 365.0;
            default -> null;
        };
    }

    private static String readRoute(JsonNode route) {
        if (route.isMissingNode()) {
            return null;
        }
        String value = route.path("coding").path(0).path("display").asText(null);
        if (value == null) {
            value = route.path("text").asText(null);
        }
        if (value == null) {
            value = route.path("coding").path(0).path("code").asText(null);
        }
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
