package org.medsafety.engine;

import static org.medsafety.engine.CardText.removeOrder;
import static org.medsafety.engine.CardText.table;

import org.medsafety.engine.facts.AllergyFact;
import org.medsafety.engine.facts.MedicationFact;
import org.medsafety.knowledge.CrossSensitivity;
import org.medsafety.knowledge.Severity;
import org.medsafety.knowledge.Source;

import java.util.List;

/** The card text of the allergy check: the ordered ingredient itself, or a cross-sensitive one. */
final class AllergyWording {

    private AllergyWording() {
    }

    /** An allergy to the ordered ingredient itself ({@code row} null) or to a cross-sensitive one. */
    static Finding finding(String ruleId, CrossSensitivity row, AllergyFact allergy, MedicationFact drug) {
        Severity severity = row == null ? Severity.CONTRAINDICATED : row.severity();
        // FHIR criticality 'high' means a severe, life-threatening reaction is possible: a cross-sensitivity that
        // would otherwise warn becomes critical.
        boolean escalated = "high".equals(allergy.getCriticality()) && severity == Severity.MAJOR;
        if (escalated) {
            severity = Severity.CONTRAINDICATED;
        }
        String summary = "Allergy: " + drug.getIngredientName() + " ordered; patient allergic to "
                + allergy.getLabel();
        String relation = row == null ? "The patient has a recorded allergy or intolerance to this ingredient."
                : row.title() + ". " + (row.note() == null ? "" : row.note())
                + (escalated ? " Raised from major because the allergy is recorded with high criticality." : "");
        Source source = row == null ? new Source("The patient's allergy record", null) : row.source();
        String detail = "**" + drug.getLabel() + "** (this order) contains **" + drug.getIngredientName()
                + "**; the patient's record lists **" + allergy.getLabel() + "**"
                + (allergy.getCriticality() == null ? "" : " (criticality: " + allergy.getCriticality() + ")")
                + ".\n\n" + table(new String[][] {
                        {"Severity", severity.label()},
                        {"Why", relation},
                        {"Source", source.citation()}});
        return new Finding(ruleId, "allergy", severity, severity.indicator(), row == null ? null : row.id(),
                summary, detail, drug.getOrderRef(), List.of(allergy.getAllergyRef()),
                List.of(drug.getIngredientName()), List.of(drug.getIngredient()), source, false,
                List.of(removeOrder(drug.getOrderRef(), drug.getIngredientName())));
    }
}
