package org.medsafety.knowledge;

/**
 * A labelled maximum dose for one ingredient by route and age band (completed years, both ends inclusive; null
 * means open). Amounts are in mg of the ingredient.
 */
public record DoseLimit(String id, int ingredientRxcui, String route, Double minAgeYears, Double maxAgeYears,
                        Double maxSingleMg, Double maxDailyMg, String note, Source source) {

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
}
