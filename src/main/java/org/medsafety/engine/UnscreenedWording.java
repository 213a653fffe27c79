package org.medsafety.engine;

import static org.medsafety.engine.CardText.capitalise;

import org.medsafety.engine.facts.UnscreenedFact;
import org.medsafety.engine.facts.UnusableMeasurementFact;

import java.util.List;

/**
 * The card text of what was not screened: a drug or allergy that could not be identified, current medications that
 * could not be, a recorded measurement that was not used, and draft orders beyond the engine's bound. Info cards:
 * they say what was not checked, so that nobody reads silence as safety.
 */
final class UnscreenedWording {

    /** Items a card lists by name before saying how many more there are. */
    static final int LISTED_ON_A_CARD = 20;

    private UnscreenedWording() {
    }

    /** A draft order or recorded drug allergy that could not be identified. */
    static Finding unidentified(String ruleId, UnscreenedFact fact, String affectedOrderRef) {
        boolean draft = fact.getKind().equals("draft-order");
        String what = draft ? "this order" : "a recorded drug allergy";
        String summary = "Not screened: " + what + " (" + fact.getLabel() + ") could not be identified";
        String parts = fact.getParts().isEmpty() || (fact.getParts().size() == 1 && fact.getParts().get(0)
                .equalsIgnoreCase(fact.getLabel())) ? "" : "\n\nNot identified: " + String.join("; ", fact.getParts()) + ".";
        String detail = "**" + fact.getLabel() + "** (" + what + ") is not in this service's knowledge base, so "
                + (draft ? "it was **not checked** for interactions, allergies or dose."
                         : "the orders being written were **not checked** against it.")
                + parts + "\n\nCheck it by other means; the pharmacy can add it to the knowledge base.";
        return new Finding(ruleId, "unscreened", null, "info", null, summary, detail, affectedOrderRef,
                List.of(fact.getReference()), List.of(), List.of(), null, false, List.of());
    }

    /** Every unidentified current medication on one card, shown on {@code orderRef}. */
    static Finding currentMedications(String ruleId, List<UnscreenedFact> all, String orderRef) {
        List<String> labels = all.stream().map(UnscreenedFact::getLabel).toList();
        String summary = labels.size() == 1
                ? "Not screened against a current medication that could not be identified: " + labels.get(0)
                : "Not screened against " + labels.size() + " current medications that could not be identified";
        StringBuilder detail = new StringBuilder("These current medications are not in this service's knowledge base, "
                + "so the orders being written were **not checked** for interactions with them:\n\n");
        // A card is read by a person: the first ones named, and how many more.
        labels.stream().limit(LISTED_ON_A_CARD).forEach(l -> detail.append("- ").append(l).append('\n'));
        if (labels.size() > LISTED_ON_A_CARD) {
            detail.append("- and ").append(labels.size() - LISTED_ON_A_CARD).append(" more\n");
        }
        detail.append("\nCheck them by other means; the pharmacy can add them to the knowledge base.");
        return new Finding(ruleId, "unscreened", null, "info", null, summary, detail.toString(),
                orderRef, all.stream().limit(LISTED_ON_A_CARD).map(UnscreenedFact::getReference).toList(),
                List.of(), List.of(), null, false, List.of());
    }

    /** A recorded measurement that was not used, and what that leaves unchecked. */
    static Finding measurementNotUsed(String ruleId, UnusableMeasurementFact measurement, String affectedOrderRef) {
        String summary = "Not used: " + measurement.getSentence();
        String consequence = switch (measurement.getMeasurement()) {
            case WEIGHT -> "Dose limits per kg were not worked out (limits in mg still apply), and neither was CrCl "
                    + "(Cockcroft–Gault), so renal limits stated by CrCl were not checked.";
            case AGE -> "Dose limits were checked against the general adult limits only (no age band), and CrCl "
                    + "(Cockcroft–Gault) was not worked out, so renal limits stated by CrCl were not checked.";
            case SERUM_CREATININE -> "CrCl (Cockcroft–Gault) was not worked out, so renal limits stated by CrCl were "
                    + "not checked.";
            case EGFR -> "Renal limits stated by eGFR were not checked.";
            case HEIGHT -> "No check uses height.";
        };
        String detail = capitalise(measurement.getSentence()) + ", so it was **not used**. " + consequence
                + "\n\nCheck the record; the bounds are in the service's clinical content documentation.";
        return new Finding(ruleId, "unscreened", null, "info", null, summary, detail, affectedOrderRef,
                List.of(), List.of(), List.of(), null, false, List.of());
    }

    /** Draft orders beyond the {@code screened} first ones, named on one card. */
    static Finding draftOrdersNotScreened(String ruleId, List<String> orderRefs, int screened) {
        String summary = "Not screened: " + orderRefs.size() + " draft orders beyond the first " + screened
                + " in this request";
        StringBuilder detail = new StringBuilder("At most " + screened + " draft orders are screened in one request; "
                + "these were **not checked** for interactions, allergies, doses, renal limits or duplication:\n\n");
        orderRefs.stream().limit(LISTED_ON_A_CARD).forEach(r -> detail.append("- ").append(r).append('\n'));
        if (orderRefs.size() > LISTED_ON_A_CARD) {
            detail.append("- and ").append(orderRefs.size() - LISTED_ON_A_CARD).append(" more\n");
        }
        detail.append("\nSend them in a separate request to have them screened.");
        return new Finding(ruleId, "unscreened", null, "info", null, summary, detail.toString(), orderRefs.get(0),
                orderRefs.stream().limit(LISTED_ON_A_CARD).toList(), List.of(), List.of(), null, false, List.of());
    }
}
