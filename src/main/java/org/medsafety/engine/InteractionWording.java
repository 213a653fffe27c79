package org.medsafety.engine;

import static org.medsafety.engine.CardText.capitalise;
import static org.medsafety.engine.CardText.lowerFirst;
import static org.medsafety.engine.CardText.number;
import static org.medsafety.engine.CardText.removeOrder;
import static org.medsafety.engine.CardText.table;

import org.medsafety.engine.Finding.SuggestedChange;
import org.medsafety.engine.facts.MedicationFact;
import org.medsafety.knowledge.Interaction;
import org.medsafety.knowledge.Severity;

import java.util.List;

/**
 * The card text of the interaction check (interactions.csv, label-interactions.csv), and how the patient's context
 * (interaction-modifiers.csv) changes it.
 */
final class InteractionWording {

    private InteractionWording() {
    }

    /** {@code draft} is the order being written; {@code other} the draft or active medication it interacts with. */
    static Finding finding(String ruleId, Interaction interaction, MedicationFact draft, MedicationFact other) {
        Severity severity = interaction.severity();
        String summary = capitalise(severity.label()) + " interaction: " + draft.getIngredientName() + " + "
                + other.getIngredientName() + " — " + lowerFirst(interaction.clinicalEffect());
        String detail = "**" + draft.getLabel() + "** (this order) with **" + other.getLabel() + "** ("
                + (other.isDraft() ? "another order being written" : "current medication") + ").\n\n"
                + table(new String[][] {
                        {"Interaction", interaction.title()},
                        {"Severity", severity.label() + listNote(interaction)},
                        {"Clinical effect", interaction.clinicalEffect()},
                        {"Mechanism", interaction.mechanism()},
                        {"Management", interaction.management()},
                        {"Dose cap", interaction.objectMaxDailyMg() == null ? null : "the label allows up to "
                                + number(interaction.objectMaxDailyMg()) + " mg/day of the affected drug with this combination"},
                        {"Documentation", interaction.documentation()},
                        {"Source", interaction.source().citation()}});
        // A passive (minor) interaction informs; offering to delete the order would overstate it.
        List<SuggestedChange> suggestions = severity == Severity.MINOR ? List.of()
                : List.of(removeOrder(draft.getOrderRef(), draft.getIngredientName()));
        return new Finding(ruleId, "interaction", severity, severity.indicator(), interaction.id(),
                summary, detail, draft.getOrderRef(), List.of(other.getOrderRef()),
                List.of(draft.getIngredientName(), other.getIngredientName()),
                List.of(draft.getIngredient(), other.getIngredient()), interaction.source(),
                interaction.isOncHighPriority(), suggestions);
    }

    private static String listNote(Interaction interaction) {
        return switch (interaction.list()) {
            case ONC_HIGH_PRIORITY -> " (ONC high-priority list: never suppressed)";
            case ONC_NON_INTERRUPTIVE -> " (ONC list of interactions that should not interrupt)";
            case NONE -> "";
        };
    }

    /** {@code f} as this patient's context changes it: another severity, said in summary and table, and why. */
    static Finding inContext(Finding f, ContextAssessment a, MedicationFact draft) {
        Severity to = a.severity();
        String summary = f.summary();
        String detail = f.detail();
        if (to != a.base()) {
            summary = capitalise(to.label()) + summary.substring(a.base().label().length())
                    + (a.change() == null ? "" : " (" + a.change() + ")");
            detail = detail.replaceFirst("\\| Severity \\| " + a.base().label(), "| Severity | " + to.label()
                    + " (" + (to.ordinal() < a.base().ordinal() ? "raised" : "lowered") + " from " + a.base().label()
                    + " for this patient)");
        }
        if (a.detail() != null) {
            detail = detail + "\n" + a.detail();
        }
        List<SuggestedChange> suggestions = to == Severity.MINOR ? List.of() : !f.suggestions().isEmpty()
                ? f.suggestions() : List.of(removeOrder(draft.getOrderRef(), draft.getIngredientName()));
        return new Finding(f.ruleId(), f.check(), to, to.indicator(), f.knowledgeId(), summary, detail, f.orderRef(),
                f.relatedRefs(), f.drugs(), f.rxcuis(), f.source(), f.oncHighPriority(), suggestions);
    }
}
