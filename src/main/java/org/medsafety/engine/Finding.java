package org.medsafety.engine;

import org.medsafety.knowledge.Severity;
import org.medsafety.knowledge.Source;

import java.util.List;

/**
 * One problem the rules found, in clinical terms; the protocol layer turns it into a card.
 *
 * @param ruleId          the Drools rule that decided (its name)
 * @param check           interaction, allergy, dose, or unscreened
 * @param severity        knowledge-base severity; null for findings that only inform (unscreened drugs)
 * @param knowledgeId     the knowledge row behind it (interaction, cross-sensitivity or dose-limit id), or null
 * @param orderRef        the draft order that triggered it
 * @param relatedRefs     other records involved (the interacting medication, the allergy)
 * @param drugs           ingredient names involved, for search and display
 * @param rxcuis          ingredient RxCUIs involved
 * @param source          the knowledge source; null for findings about missing knowledge
 * @param oncHighPriority an ONC high-priority interaction: never suppressed or lowered
 * @param suggestions     concrete fixes, if any
 * @param localNote       how this site tuned the finding (lowered severity and why), or null
 */
public record Finding(String ruleId, String check, Severity severity, String indicator, String knowledgeId,
                      String summary, String detail, String orderRef, List<String> relatedRefs, List<String> drugs,
                      List<Integer> rxcuis, Source source, boolean oncHighPriority,
                      List<SuggestedChange> suggestions, String localNote) {

    public Finding(String ruleId, String check, Severity severity, String indicator, String knowledgeId,
                   String summary, String detail, String orderRef, List<String> relatedRefs, List<String> drugs,
                   List<Integer> rxcuis, Source source, boolean oncHighPriority, List<SuggestedChange> suggestions) {
        this(ruleId, check, severity, indicator, knowledgeId, summary, detail, orderRef, relatedRefs, drugs, rxcuis,
                source, oncHighPriority, suggestions, null);
    }

    /** This finding at a severity this site lowered it to, saying so. */
    public Finding lowered(Severity to, String note) {
        return new Finding(ruleId, check, to, to.indicator(), knowledgeId, summary,
                detail + "\n\n**Local tuning:** " + note, orderRef, relatedRefs, drugs, rxcuis, source, oncHighPriority,
                to == Severity.MINOR ? List.of() : suggestions, note);
    }

    public Finding {
        relatedRefs = List.copyOf(relatedRefs);
        drugs = List.copyOf(drugs);
        rxcuis = List.copyOf(rxcuis);
        suggestions = List.copyOf(suggestions);
    }

    /** A change to the draft order that would resolve the finding. */
    public record SuggestedChange(Kind kind, String label, String orderRef, Double newDoseValue, String newDoseUnit,
                                  boolean recommended) {

        public enum Kind { REMOVE_ORDER, CHANGE_DOSE }
    }
}
