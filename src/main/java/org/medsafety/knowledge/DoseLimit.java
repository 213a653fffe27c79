package org.medsafety.knowledge;

/**
 * A labelled maximum dose for one ingredient by route and age band (completed years, both ends inclusive; null
 * means open). Amounts are mg of the ingredient; per-kg maxima use actual body weight and are capped by the absolute
 * maxima when both are given.
 */
public record DoseLimit(String id, int ingredientId, String route, Double minAgeYears, Double maxAgeYears,
                        Double maxSingleMg, Double maxDailyMg, Double maxSingleMgPerKg, Double maxDailyMgPerKg,
                        Double maxWeeklyMg, boolean weeklyOnly, String note, Source source) {

    public boolean appliesTo(String orderRoute, Double ageYears) {
        if (route != null && orderRoute != null && !route.equals(orderRoute)) {
            return false;
        }
        if (ageYears == null) {
            // Unknown age: only the general adult limit applies; a dose above it is too high at any age.
            return maxAgeYears == null && (minAgeYears == null || minAgeYears <= 18);
        }
        double completed = Math.floor(ageYears);
        return (minAgeYears == null || completed >= minAgeYears) && (maxAgeYears == null || completed <= maxAgeYears);
    }

    /** The single-dose maximum for this patient, or null if none can be worked out (weight-based, weight unknown). */
    public Double singleMaxFor(Double weightKg) {
        return effective(maxSingleMg, maxSingleMgPerKg, weightKg);
    }

    /** The daily maximum for this patient, or null if none can be worked out. */
    public Double dailyMaxFor(Double weightKg) {
        return effective(maxDailyMg, maxDailyMgPerKg, weightKg);
    }

    /** True when the only maxima are per kg: without a weight the dose cannot be checked. */
    public boolean isWeightBasedOnly() {
        return maxSingleMg == null && maxDailyMg == null && (maxSingleMgPerKg != null || maxDailyMgPerKg != null);
    }

    private static Double effective(Double absolute, Double perKg, Double weightKg) {
        if (perKg != null && weightKg != null) {
            double byWeight = perKg * weightKg;
            return absolute == null ? byWeight : Math.min(byWeight, absolute);
        }
        return absolute;
    }
}
