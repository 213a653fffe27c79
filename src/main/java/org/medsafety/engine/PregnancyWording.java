package org.medsafety.engine;

import static org.medsafety.engine.CardText.capitalise;
import static org.medsafety.engine.CardText.table;

import org.medsafety.engine.facts.MedicationFact;
import org.medsafety.knowledge.PregnancyRow;
import org.medsafety.knowledge.Severity;

import java.util.List;

/**
 * The card text of the pregnancy check: what the label says, in its own words, with its exceptions and the gestational
 * ages it applies to. Where the label's statement depends on a gestational age the record does not give, the card says
 * so instead of guessing.
 */
final class PregnancyWording {

    private PregnancyWording() {
    }

    /** Whether {@code candidate} should replace {@code shown} on an order's one pregnancy card. */
    static boolean preferred(PregnancyRow candidate, PregnancyRow shown) {
        int bySeverity = candidate.severity().compareTo(shown.severity());
        return bySeverity < 0 || (bySeverity == 0 && shown.isClassRow() && !candidate.isClassRow());
    }

    static Finding finding(String ruleId, PregnancyRow row, MedicationFact drug, Double gestationalWeeks) {
        String at = row.isGestationDependent() && gestationalWeeks != null
                ? " at " + (long) Math.floor(gestationalWeeks) + " weeks" : "";
        String summary = lead(row.severity()) + ": " + drug.getIngredientName() + at + " — " + row.title();
        String detail = "**" + drug.getLabel() + "** (this order) contains **" + drug.getIngredientName()
                + "**; the patient's record shows an active pregnancy"
                + (gestationalWeeks == null ? "" : " at " + (long) Math.floor(gestationalWeeks) + " weeks of gestation")
                + ".\n\n" + table(new String[][] {
                        {"Severity", row.severity().label() + " (as the label grades it)"},
                        {"Applies", row.describeWhen()},
                        {"Label exception", row.exception()},
                        {"Label route", row.route() == null ? null : "this label is for the " + row.route()
                                + " route only"},
                        {"Drug class", row.isClassRow() ? "the label states this for the class ("
                                + row.drug().substring(6) + "), not for " + drug.getIngredientName() + " by name" : null},
                        {"Label says", "“" + row.labelText() + "”"},
                        {"Section", row.section()},
                        {"Source", row.source().citation()}});
        return new Finding(ruleId, "pregnancy", row.severity(), row.severity().indicator(), row.id(), summary, detail,
                drug.getOrderRef(), List.of(), List.of(drug.getIngredientName()), List.of(drug.getIngredient()),
                row.source(), false, List.of(CardText.removeOrder(drug.getOrderRef(), drug.getIngredientName())));
    }

    /**
     * The record holds a pregnancy but no usable gestational age, and what the label says depends on it: the card
     * lists each statement with the weeks it applies to (the drug's own label only, when it has any).
     */
    static Finding gestationUnknown(String ruleId, List<PregnancyRow> rows, MedicationFact drug) {
        List<PregnancyRow> dependent = rows.stream().filter(PregnancyRow::isGestationDependent).toList();
        List<PregnancyRow> own = dependent.stream().filter(r -> !r.isClassRow()).toList();
        List<PregnancyRow> listed = own.isEmpty() ? dependent : own;
        StringBuilder detail = new StringBuilder("The patient's record shows an active pregnancy but no usable "
                + "gestational age, so the service cannot tell which of these label statements applies to **"
                + drug.getLabel() + "** (this order), and has not guessed:\n\n");
        for (PregnancyRow r : listed) {
            detail.append("- ").append(capitalise(r.describeWhen())).append(" (").append(r.severity().label())
                    .append("): ").append(r.title()).append(". “").append(r.labelText()).append("” ")
                    .append(r.source().citation()).append('\n');
        }
        detail.append("\nCheck the gestational age; recorded as an Observation (LOINC 49051-6, 11884-4, 11885-1 or "
                + "18185-9) it is checked automatically.");
        PregnancyRow first = listed.get(0);
        return new Finding(ruleId, "pregnancy", null, "info", first.id(), "Pregnancy check incomplete: "
                + drug.getIngredientName() + " — gestational age unknown, and the label's advice depends on it",
                detail.toString(), drug.getOrderRef(), List.of(), List.of(drug.getIngredientName()),
                List.of(drug.getIngredient()), first.source(), false, List.of());
    }

    private static String lead(Severity severity) {
        return switch (severity) {
            case CONTRAINDICATED -> "Contraindicated in pregnancy";
            case MAJOR -> "Pregnancy warning";
            default -> "Pregnancy caution";
        };
    }
}
