package org.medsafety.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import org.medsafety.units.UnitConverter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the patient's latest weight, height, serum creatinine and eGFR in the snapshot's fixed units, and judges each
 * against its {@link PlausibleRange}: a value that is not a finite number, whose unit cannot be converted, or that is
 * implausible is not used and is listed as unusable instead.
 */
final class MeasurementReader {

    /** Observation codes (LOINC) read, as listed in docs/clinical-content.md. */
    static final Set<String> WEIGHT = Set.of("29463-7", "3141-9");
    static final Set<String> HEIGHT = Set.of("8302-2");
    static final Set<String> CREATININE = Set.of("2160-0", "38483-4");
    static final Set<String> EGFR = Set.of("33914-3", "62238-1", "98979-8");

    /** Creatinine: 1 mg/dL = 88.4 µmol/L (molar mass 113.12 g/mol). */
    private static final double CREATININE_UMOL_PER_MG_DL = 88.4;
    private static final int SHOWN_UNIT_LENGTH = 20;

    /** Usable values (null when absent or unusable) and what was recorded but not usable. */
    record Measurements(Double weightKg, Double heightCm, Double serumCreatinineMgDl, Double egfr,
                        List<UnusableMeasurement> unusable) {
    }

    private final UnitConverter units = UnitConverter.get();

    /**
     * @param now     the evaluation's time, against which laboratory values are judged old
     * @param recency how old a laboratory value may be
     */
    Measurements read(FhirResources data, Instant now, LabRecency recency) {
        List<UnusableMeasurement> unusable = new ArrayList<>(0);
        Double weight = quantity(latestObservation(data, WEIGHT), PlausibleRange.WEIGHT, "kg", unusable);
        Double height = quantity(latestObservation(data, HEIGHT), PlausibleRange.HEIGHT, "cm", unusable);
        JsonNode creatinineObs = latestObservation(data, CREATININE);
        JsonNode egfrObs = latestObservation(data, EGFR);
        Double creatinine = recent(creatinineObs, creatinine(creatinineObs, unusable), PlausibleRange.SERUM_CREATININE,
                now, recency, unusable);
        Double egfr = recent(egfrObs, egfr(egfrObs, unusable), PlausibleRange.EGFR, now, recency, unusable);
        return new Measurements(weight, height, creatinine, egfr, unusable);
    }

    /** A plausible laboratory value, or null (and a stale entry) when it is older than the configured age. */
    private static Double recent(JsonNode obs, Double value, PlausibleRange range, Instant now, LabRecency recency,
                                 List<UnusableMeasurement> unusable) {
        if (value == null) {
            return null;
        }
        String stale = recency.staleness(LabRecency.instant(effectiveTime(obs)), now);
        if (stale == null) {
            return value;
        }
        unusable.add(new UnusableMeasurement(range, PlausibleRange.number(value) + " " + range.unit(), stale, true));
        return null;
    }

    private Double quantity(JsonNode obs, PlausibleRange range, String targetUnit, List<UnusableMeasurement> unusable) {
        if (obs == null) {
            return null;
        }
        JsonNode q = obs.path("valueQuantity");
        double value = q.path("value").asDouble();
        String unit = unitOf(q);
        if (!Double.isFinite(value)) {
            unusable.add(UnusableMeasurement.implausible(range, value));
            return null;
        }
        var converted = units.convert(value, unit, targetUnit);
        if (converted.isEmpty()) {
            unusable.add(new UnusableMeasurement(range, recorded(value, unit), unit == null ? "has no unit"
                    : "has a unit that cannot be converted to " + targetUnit));
            return null;
        }
        return judged(range, value, unit, converted.get(), unusable);
    }

    /** Serum creatinine in mg/dL, from mg/dL (any mass concentration) or µmol/L (any molar one). */
    private Double creatinine(JsonNode obs, List<UnusableMeasurement> unusable) {
        if (obs == null) {
            return null;
        }
        JsonNode q = obs.path("valueQuantity");
        double value = q.path("value").asDouble();
        String unit = unitOf(q);
        PlausibleRange range = PlausibleRange.SERUM_CREATININE;
        if (!Double.isFinite(value)) {
            unusable.add(UnusableMeasurement.implausible(range, value));
            return null;
        }
        var mgDl = units.convert(value, unit, "mg/dL")
                .or(() -> units.convert(value, unit, "umol/L").map(umol -> umol / CREATININE_UMOL_PER_MG_DL));
        if (mgDl.isEmpty()) {
            unusable.add(new UnusableMeasurement(range, recorded(value, unit), unit == null ? "has no unit"
                    : "has a unit that cannot be converted to mg/dL or µmol/L"));
            return null;
        }
        return judged(range, value, unit, mgDl.get(), unusable);
    }

    /** eGFR is reported per 1.73 m²; some senders drop that part of the unit ("mL/min"), so the code decides. */
    private static Double egfr(JsonNode obs, List<UnusableMeasurement> unusable) {
        if (obs == null) {
            return null;
        }
        JsonNode q = obs.path("valueQuantity");
        double value = q.path("value").asDouble();
        if (!Double.isFinite(value)) {
            unusable.add(UnusableMeasurement.implausible(PlausibleRange.EGFR, value));
            return null;
        }
        return judged(PlausibleRange.EGFR, value, unitOf(q), value, unusable);
    }

    private static Double judged(PlausibleRange range, double recordedValue, String recordedUnit, double value,
                                 List<UnusableMeasurement> unusable) {
        if (range.contains(value)) {
            return value;
        }
        String shown = recorded(recordedValue, recordedUnit);
        boolean converted = !PlausibleRange.number(recordedValue).equals(PlausibleRange.number(value));
        unusable.add(new UnusableMeasurement(range, shown, (converted ? "is " + PlausibleRange.number(value) + " "
                + range.unit() + ", " : "is ") + "outside the plausible range " + range.describe()));
        return null;
    }

    private static String recorded(double value, String unit) {
        String shownUnit = unit == null ? "" : unit.length() > SHOWN_UNIT_LENGTH
                ? " " + unit.substring(0, SHOWN_UNIT_LENGTH) + "…" : " " + unit;
        return PlausibleRange.number(value) + shownUnit;
    }

    private static String unitOf(JsonNode quantity) {
        JsonNode code = quantity.path("code");
        if (code.isTextual() && !code.asText().isBlank()) {
            return code.asText();
        }
        JsonNode unit = quantity.path("unit");
        return unit.isTextual() && !unit.asText().isBlank() ? unit.asText() : null;
    }

    private static JsonNode latestObservation(FhirResources data, Set<String> loinc) {
        JsonNode best = null;
        String bestTime = "";
        for (JsonNode obs : data.ofType("Observation")) {
            String status = obs.path("status").asText("");
            if (status.equals("entered-in-error") || status.equals("cancelled")) {
                continue;
            }
            if (!obs.path("valueQuantity").path("value").isNumber() || !hasCode(obs.path("code"), loinc)) {
                continue;
            }
            String time = effectiveTime(obs);
            // ISO-8601 instants with the same offset order lexically; Synthea and EHRs send one offset per record set.
            if (best == null || time.compareTo(bestTime) > 0) {
                best = obs;
                bestTime = time;
            }
        }
        return best;
    }

    private static String effectiveTime(JsonNode obs) {
        for (String field : new String[] {"effectiveDateTime", "effectiveInstant", "issued"}) {
            if (obs.hasNonNull(field)) {
                return normaliseInstant(obs.path(field).asText());
            }
        }
        JsonNode period = obs.path("effectivePeriod");
        if (period.hasNonNull("end")) {
            return normaliseInstant(period.path("end").asText());
        }
        return normaliseInstant(period.path("start").asText(""));
    }

    private static String normaliseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toString();
        } catch (RuntimeException e) {
            return text;
        }
    }

    private static boolean hasCode(JsonNode concept, Set<String> codes) {
        for (JsonNode coding : concept.path("coding")) {
            if (ClinicalCode.LOINC.equals(coding.path("system").asText()) && codes.contains(coding.path("code").asText())) {
                return true;
            }
        }
        return false;
    }
}
