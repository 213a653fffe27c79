package org.medsafety.engine.facts;

import org.medsafety.snapshot.PlausibleRange;
import org.medsafety.snapshot.UnusableMeasurement;

import java.util.ArrayList;
import java.util.List;

/**
 * The patient's measurements as rules read them; null means unknown. A measurement the record holds but that is not
 * usable (implausible, not finite, unconvertible) is null here too, and {@link #whyNoWeight()} and
 * {@link #whyUnknown(String)} say why, so that a "not checked" card can name the recorded value.
 */
public final class PatientFact {

    private final Double ageYears;
    private final String sex;
    private final Double weightKg;
    private final Double egfr;
    private final Double crclMlMin;
    private final boolean pregnant;
    private final List<UnusableMeasurement> unusable;
    private final Double gestationalWeeks;

    public PatientFact(Double ageYears, String sex, Double weightKg, Double egfr, Double crclMlMin, boolean pregnant,
                       List<UnusableMeasurement> unusable) {
        this(ageYears, sex, weightKg, egfr, crclMlMin, pregnant, unusable, null);
    }

    /** @param gestationalWeeks gestational age at the evaluation date, for a pregnant patient; null when unknown */
    public PatientFact(Double ageYears, String sex, Double weightKg, Double egfr, Double crclMlMin, boolean pregnant,
                       List<UnusableMeasurement> unusable, Double gestationalWeeks) {
        this.ageYears = ageYears;
        this.sex = sex;
        this.weightKg = weightKg;
        this.egfr = egfr;
        this.crclMlMin = crclMlMin;
        this.pregnant = pregnant;
        this.unusable = List.copyOf(unusable);
        this.gestationalWeeks = pregnant ? gestationalWeeks : null;
    }

    public Double getAgeYears() {
        return ageYears;
    }

    public String getSex() {
        return sex;
    }

    public Double getWeightKg() {
        return weightKg;
    }

    public Double getEgfr() {
        return egfr;
    }

    public Double getCrclMlMin() {
        return crclMlMin;
    }

    public boolean isPregnant() {
        return pregnant;
    }

    public Double getGestationalWeeks() {
        return gestationalWeeks;
    }

    /** "no weight is recorded", or why the recorded one is not used. */
    public String whyNoWeight() {
        String why = why(List.of(PlausibleRange.WEIGHT));
        return why == null ? "no weight is recorded" : why;
    }

    /**
     * Why a renal measure ("crcl" or "egfr", as renal-limits.csv names them) is unknown when the record holds values
     * that were not used; null when it simply holds none.
     */
    public String whyUnknown(String renalMeasure) {
        return why("crcl".equals(renalMeasure)
                ? List.of(PlausibleRange.AGE, PlausibleRange.WEIGHT, PlausibleRange.SERUM_CREATININE)
                : List.of(PlausibleRange.EGFR));
    }

    private String why(List<PlausibleRange> measurements) {
        List<String> reasons = new ArrayList<>(1);
        for (UnusableMeasurement u : unusable) {
            if (measurements.contains(u.measurement())) {
                reasons.add(u.sentence());
            }
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }
}
