package org.medsafety.engine;

import static org.medsafety.engine.CardText.removeOrder;
import static org.medsafety.engine.CardText.table;

import org.medsafety.engine.facts.MedicationFact;
import org.medsafety.knowledge.DuplicateTherapy;
import org.medsafety.knowledge.Severity;

import java.util.List;

/** The card text of the duplicate-therapy check: one ingredient twice, or two drugs of one class. */
final class DuplicateWording {

    private DuplicateWording() {
    }

    /** The same ingredient twice ({@code row} null), or two drugs of a duplicate-therapy class. */
    static Finding finding(String ruleId, DuplicateTherapy row, MedicationFact draft, MedicationFact other) {
        Severity severity = row == null ? Severity.MODERATE : row.severity();
        String where = other.isDraft() ? "another order being written" : "a current medication";
        String summary = row == null
                ? "Duplicate: " + draft.getIngredientName() + " is also in " + where
                : "Duplicate therapy: " + draft.getIngredientName() + " and " + other.getIngredientName() + " are both "
                + row.drugClass().name();
        String detail = "**" + draft.getLabel() + "** (this order) and **" + other.getLabel() + "** (" + where + ")"
                + (row == null ? " contain the same ingredient, **" + draft.getIngredientName() + "**."
                : " are both " + row.drugClass().name() + ".") + "\n\n" + table(new String[][] {
                        {"Severity", severity.label()},
                        {"Note", row == null ? "If this order replaces the other, stop the other one." : row.note()},
                        {"Source", row == null ? null : row.source().citation()}});
        return new Finding(ruleId, "duplicate", severity, severity.indicator(), row == null ? null : row.id(),
                summary, detail, draft.getOrderRef(), List.of(other.getOrderRef()),
                row == null ? List.of(draft.getIngredientName())
                        : List.of(draft.getIngredientName(), other.getIngredientName()),
                List.of(draft.getIngredient(), other.getIngredient()), row == null ? null : row.source(), false,
                List.of(removeOrder(draft.getOrderRef(), draft.getIngredientName())));
    }
}
