package org.medsafety.knowledge;

import java.util.List;
import java.util.Map;

/** The modifiers of each interaction row, in file order, and the condition value sets they use. */
public final class InteractionModifiers {

    public static final InteractionModifiers NONE = new InteractionModifiers(Map.of(), Map.of());

    private final Map<String, List<InteractionModifier>> byInteraction;
    private final Map<String, ConditionValueSet> valueSets;

    InteractionModifiers(Map<String, List<InteractionModifier>> byInteraction, Map<String, ConditionValueSet> valueSets) {
        this.byInteraction = Map.copyOf(byInteraction);
        this.valueSets = Map.copyOf(valueSets);
    }

    /** Modifiers of one interaction row, in file order; empty (never null) when it has none. */
    public List<InteractionModifier> of(String interactionId) {
        return byInteraction.getOrDefault(interactionId, List.of());
    }

    public ConditionValueSet valueSet(String id) {
        return valueSets.get(id);
    }
}
