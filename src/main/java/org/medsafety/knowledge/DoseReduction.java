package org.medsafety.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A reduced dose a label ties to patient characteristics: when at least {@code needed} of the {@code criteria} hold,
 * the dose should not exceed {@code maxSingleMg} per dose (apixaban: 2.5 mg twice daily with two of age ≥ 80 years,
 * weight ≤ 60 kg, serum creatinine ≥ 1.5 mg/dL). One rule reads every row (knowledge-base/dose-reduction-criteria.csv).
 */
public record DoseReduction(String id, int ingredientId, String route, List<Criterion> criteria, int needed,
                            double maxSingleMg, Severity severity, String note, Source source) {

    /** The patient measures a criterion may name, in the units the patient facts hold them. */
    public enum Measure {
        AGE_YEARS("age", "years"), WEIGHT_KG("weight", "kg"), SERUM_CREATININE_MG_DL("serum creatinine", "mg/dL");

        private final String label;
        private final String unit;

        Measure(String label, String unit) {
            this.label = label;
            this.unit = unit;
        }

        public String label() {
            return label;
        }

        public String unit() {
            return unit;
        }
    }

    /** "age_years >= 80": the measure, its comparison (">=", "<=", ">", "<") and the label's threshold. */
    public record Criterion(Measure measure, String comparison, double threshold) {

        /** Whether the patient's value meets it; null when the value is unknown. Age counts in completed years. */
        public Boolean holds(Double value) {
            if (value == null) {
                return null;
            }
            double v = measure == Measure.AGE_YEARS ? Math.floor(value) : value;
            return switch (comparison) {
                case ">=" -> v >= threshold;
                case "<=" -> v <= threshold;
                case ">" -> v > threshold;
                default -> v < threshold;
            };
        }

        /** "age ≥ 80 years". */
        public String describe() {
            String sign = switch (comparison) {
                case ">=" -> "≥";
                case "<=" -> "≤";
                default -> comparison;
            };
            String number = threshold == Math.rint(threshold) ? String.valueOf((long) threshold)
                    : String.format(Locale.ROOT, "%s", threshold);
            return measure.label() + " " + sign + " " + number + " " + measure.unit();
        }
    }

    /** How the patient stands against the criteria: which hold, which cannot be judged. */
    public record Assessment(List<String> met, List<String> unknown, int needed) {

        /** Enough criteria hold: the reduced dose applies. */
        public boolean reduced() {
            return met.size() >= needed;
        }

        /** Not enough hold, but the unknown ones could make it so: the check could not decide. */
        public boolean undecided() {
            return !reduced() && met.size() + unknown.size() >= needed;
        }
    }

    public boolean appliesTo(String orderRoute) {
        return route == null || orderRoute == null || route.equals(orderRoute);
    }

    /** The criteria judged against the patient's age (years), weight (kg) and serum creatinine (mg/dL). */
    public Assessment assess(Double ageYears, Double weightKg, Double serumCreatinineMgDl) {
        List<String> met = new ArrayList<>(criteria.size());
        List<String> unknown = new ArrayList<>(0);
        for (Criterion c : criteria) {
            Double value = switch (c.measure()) {
                case AGE_YEARS -> ageYears;
                case WEIGHT_KG -> weightKg;
                case SERUM_CREATININE_MG_DL -> serumCreatinineMgDl;
            };
            Boolean holds = c.holds(value);
            if (holds == null) {
                unknown.add(c.describe());
            } else if (holds) {
                met.add(c.describe() + " (" + shown(value, c.measure()) + ")");
            }
        }
        return new Assessment(met, unknown, needed);
    }

    private static String shown(double value, Measure measure) {
        double v = measure == Measure.AGE_YEARS ? Math.floor(value) : Math.round(value * 100) / 100.0;
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v)) + " " + measure.unit();
    }
}
