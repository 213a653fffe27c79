package org.medsafety.engine;

import org.medsafety.engine.facts.AllergyFact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One allergy fact per allergen (ingredient or class): a record listing the same allergen several times gives one
 * card, not one per entry, and the rules compare orders with allergens, not with record entries. The entry recorded
 * with high criticality is the one kept, since it can raise the card's severity.
 */
final class AllergyFacts {

    private final Map<String, AllergyFact> byAllergen = new LinkedHashMap<>();

    void add(AllergyFact fact) {
        String allergen = fact.getClassId() != null ? "class:" + fact.getClassId() : "ingredient:" + fact.getIngredient();
        AllergyFact kept = byAllergen.get(allergen);
        if (kept == null || (!"high".equals(kept.getCriticality()) && "high".equals(fact.getCriticality()))) {
            byAllergen.put(allergen, fact);
        }
    }

    List<AllergyFact> facts() {
        return new ArrayList<>(byAllergen.values());
    }
}
