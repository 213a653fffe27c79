package org.medsafety.engine;

import org.medsafety.engine.facts.CumulativeDoseFact;
import org.medsafety.engine.facts.DoseFact;
import org.medsafety.knowledge.KnowledgeBase;
import org.medsafety.medication.ResolvedIngredient;
import org.medsafety.medication.ResolvedMedication;
import org.medsafety.snapshot.DraftOrder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up, per ingredient with a labelled dose limit, the daily amount of every order the patient would be taking:
 * draft orders and the current medications they do not replace. Only ingredients with dose limits are kept, so a
 * long medication list costs a hash lookup per ingredient.
 */
final class CumulativeDoses {

    private record Orders(String name, List<CumulativeDoseFact.Part> counted, List<String> uncounted) {
    }

    private final KnowledgeBase knowledge;
    private final Map<Integer, Orders> byIngredient = new LinkedHashMap<>();

    CumulativeDoses(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    /**
     * @param doses the order's dose facts when already worked out (draft orders), or null to work them out here
     * @param draft a draft order (else a current medication, which is never selected)
     */
    void add(DraftOrder order, ResolvedMedication med, List<DoseFact> doses, boolean draft) {
        List<DoseFact> facts = null;
        for (ResolvedIngredient ri : med.ingredients()) {
            int id = ri.ingredient().id();
            if (knowledge.doseLimits(id).isEmpty()) {
                continue;
            }
            if (facts == null) {
                facts = doses != null ? doses : DoseFacts.of(order, med);
            }
            Orders orders = byIngredient.computeIfAbsent(id, k -> new Orders(ri.ingredient().name(),
                    new ArrayList<>(2), new ArrayList<>(0)));
            DoseFact dose = facts.stream().filter(d -> d.getIngredient() == id).findFirst().orElse(null);
            if (dose != null && dose.getMgPerDay() != null) {
                orders.counted().add(new CumulativeDoseFact.Part(order.reference(), med.label(), dose.getRoute(),
                        dose.getMgPerDay(), draft, draft && order.selected()));
            } else {
                orders.uncounted().add(med.label());
            }
        }
    }

    /** One fact per ingredient that a selected draft order adds to and that at least two orders give. */
    List<CumulativeDoseFact> facts() {
        List<CumulativeDoseFact> result = new ArrayList<>(0);
        byIngredient.forEach((id, orders) -> {
            if (orders.counted().size() >= 2 && orders.counted().stream().anyMatch(CumulativeDoseFact.Part::selected)) {
                result.add(new CumulativeDoseFact(id, orders.name(), orders.counted(), orders.uncounted()));
            }
        });
        return result;
    }
}
