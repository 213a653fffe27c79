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
    private final Double serumCreatinineMgDl;
    private final Double gestationalWeeks;

    public PatientFact(Double ageYears, String sex, Double weightKg, Double egfr, Double crclMlMin, boolean pregnant,
                       List<UnusableMeasurement> unusable) {
        this(ageYears, sex, weightKg, egfr, crclMlMin, pregnant, unusable, null, null);
    }

    /**
     * @param serumCreatinineMgDl the latest usable serum creatinine (mg/dL), or null
     * @param gestationalWeeks    gestational age at the evaluation date, for a pregnant patient; null when unknown
     */
    public PatientFact(Double ageYears, String sex, Double weightKg, Double egfr, Double crclMlMin, boolean pregnant,
                       List<UnusableMeasurement> unusable, Double serumCreatinineMgDl, Double gestationalWeeks) {
        this.serumCreatinineMgDl = serumCreatinineMgDl;
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
        return why(switch (renalMeasure) {
            case "crcl" -> List.of(PlausibleRange.AGE, PlausibleRange.WEIGHT, PlausibleRange.SERUM_CREATININE);
            case "egfr" -> List.of(PlausibleRange.EGFR);
            default -> List.of(PlausibleRange.AGE, PlausibleRange.WEIGHT, PlausibleRange.SERUM_CREATININE,
                    PlausibleRange.EGFR);
        });
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

    /** The latest usable serum creatinine in mg/dL (not implausible, not stale), or null. */
    public Double getSerumCreatinineMgDl() {
        return serumCreatinineMgDl;
    }

    /** Why no usable serum creatinine is known: the recorded value that was not used, or that none is recorded. */
    public String whyNoSerumCreatinine() {
        String why = why(List.of(PlausibleRange.SERUM_CREATININE));
        return why == null ? "no serum creatinine is recorded" : why;
    }

    /**
     * The measurements behind a renal measure ("crcl", "egfr", "crcl-or-egfr") that are recorded but stale ("serum
     * creatinine", "eGFR", or both joined by "and"), or null when none is.
     */
    public String staleFor(String renalMeasure) {
        List<String> labels = new ArrayList<>(2);
        for (UnusableMeasurement u : unusable) {
            boolean relevant = switch (u.measurement()) {
                case SERUM_CREATININE -> !"egfr".equals(renalMeasure);
                case EGFR -> !"crcl".equals(renalMeasure);
                default -> false;
            };
            if (u.stale() && relevant && !labels.contains(u.measurement().label())) {
                labels.add(u.measurement().label());
            }
        }
        return labels.isEmpty() ? null : String.join(" and ", labels);
    }
}
