package org.medsafety.engine.facts;

import org.medsafety.knowledge.DoseLimit;

import java.util.List;

/**
 * Every order of one ingredient the patient would be taking: the draft orders and the current medications they do not
 * replace, with the daily amount each gives. Acetaminophen from a tablet order and from a combination product are
 * one ingredient, so their daily amounts add up against one labelled maximum. Only made when a selected draft order
 * contains the ingredient and at least two orders give it.
 *
 * @param ingredient     the ingredient's id
 * @param ingredientName its name
 * @param counted        orders whose daily amount is known
 * @param uncounted      labels of orders of the ingredient whose daily amount is not known (no dose or schedule)
 */
public record CumulativeDoseFact(int ingredient, String ingredientName, List<Part> counted, List<String> uncounted) {

    /** One order's share: {@code draft} orders are being written, the others are current medications. */
    public record Part(String orderRef, String label, String route, double mgPerDay, boolean draft, boolean selected) {
    }

    public CumulativeDoseFact {
        counted = List.copyOf(counted);
        uncounted = List.copyOf(uncounted);
    }

    /** Drools reads properties by getter name. */
    public int getIngredient() {
        return ingredient;
    }

    /** The orders a limit applies to: its route, or any route when either side does not say. */
    public List<Part> partsFor(DoseLimit limit) {
        return counted.stream().filter(p -> limit.route() == null || p.route() == null || limit.route().equals(p.route()))
                .toList();
    }

    /** Milligrams a day from the orders {@code limit} applies to. */
    public double totalFor(DoseLimit limit) {
        return partsFor(limit).stream().mapToDouble(Part::mgPerDay).sum();
    }

    /**
     * True when at least two orders together give more than the limit's daily maximum for this patient, at least one
     * of them is a selected draft order, and no selected draft order is above the maximum on its own (that order has
     * its own dose card already).
     */
    public boolean addsUpPast(DoseLimit limit, Double weightKg) {
        Double max = limit.dailyMaxFor(weightKg);
        if (max == null) {
            return false;
        }
        List<Part> parts = partsFor(limit);
        boolean selectedDraft = parts.stream().anyMatch(p -> p.draft() && p.selected());
        boolean aloneAbove = parts.stream().anyMatch(p -> p.draft() && p.selected() && p.mgPerDay() > max);
        // To a microgram, as single orders are compared (DoseFact rounds the same way).
        double total = Math.round(totalFor(limit) * 1000.0) / 1000.0;
        return parts.size() >= 2 && selectedDraft && !aloneAbove && total > max;
    }

    /** The selected draft order the card is shown on: the first one that adds to the total. */
    public Part shownOn(DoseLimit limit) {
        return partsFor(limit).stream().filter(p -> p.draft() && p.selected()).findFirst().orElse(null);
    }
}
