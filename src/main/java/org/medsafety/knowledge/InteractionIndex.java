package org.medsafety.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Interactions expanded from class level to ingredient pairs at load time, keyed by the unordered pair, so that a
 * lookup during evaluation is one hash read whatever the size of the knowledge base (100,000 pairs and more).
 *
 * <p>Two tiers. Curated rows (interactions.csv) are all returned. Rows extracted from label text
 * (label-interactions.csv) stand in only for pairs no curated row covers, and only one of them per pair: a row a
 * pharmacist reviewed before one that was only extracted, then the most severe, then the first added.
 */
final class InteractionIndex {

    /** The label row chosen for a pair, kept with its one-element list so that a lookup allocates nothing. */
    private record Extracted(Interaction interaction, boolean reviewed, List<Interaction> asList) {

        boolean isBetterThan(Extracted other) {
            if (reviewed != other.reviewed) {
                return reviewed;
            }
            return interaction.severity().ordinal() < other.interaction.severity().ordinal();
        }
    }

    private final Map<Long, List<Interaction>> byPair = new HashMap<>();
    private final Map<Long, Extracted> extractedByPair = new HashMap<>();
    /** Every extracted row, including those a curated or better row hides: local tuning may still name them. */
    private final Map<String, Interaction> extractedRows = new LinkedHashMap<>();

    /** A curated row (interactions.csv). */
    void add(int a, int b, Interaction interaction) {
        List<Interaction> list = byPair.computeIfAbsent(key(a, b), k -> new ArrayList<>(1));
        if (!list.contains(interaction)) {
            list.add(interaction);
        }
    }

    /** An extracted row known by its id (for local tuning), whatever pairs it is returned for. */
    void addExtractedRow(Interaction interaction) {
        extractedRows.putIfAbsent(interaction.id(), interaction);
    }

    /** A row extracted from label text; {@code reviewed} when a pharmacist has checked it against the label. */
    void addExtracted(int a, int b, Interaction interaction, boolean reviewed) {
        addExtractedRow(interaction);
        Extracted candidate = new Extracted(interaction, reviewed, List.of(interaction));
        extractedByPair.merge(key(a, b), candidate, (old, add) -> add.isBetterThan(old) ? add : old);
    }

    /** The curated rows for the pair; when there are none, the one extracted row chosen for it; else empty. */
    List<Interaction> between(int a, int b) {
        long key = key(a, b);
        List<Interaction> curated = byPair.get(key);
        if (curated != null) {
            return curated;
        }
        Extracted extracted = extractedByPair.get(key);
        return extracted == null ? List.of() : extracted.asList();
    }

    /** Whether a row id is one of label-interactions.csv's. */
    boolean isExtracted(String id) {
        return extractedRows.containsKey(id);
    }

    /** Every distinct interaction row, curated and extracted. */
    java.util.Collection<Interaction> all() {
        Map<String, Interaction> distinct = new LinkedHashMap<>();
        byPair.values().forEach(list -> list.forEach(i -> distinct.putIfAbsent(i.id(), i)));
        extractedRows.forEach(distinct::putIfAbsent);
        return distinct.values();
    }

    /** Every ingredient that is one side of a pair, curated or extracted (a drug with only label rows has rows). */
    void forEachIngredient(java.util.function.IntConsumer action) {
        for (Map<Long, ?> pairs : List.of(byPair, extractedByPair)) {
            for (long key : pairs.keySet()) {
                action.accept((int) (key >>> 32));
                action.accept((int) key);
            }
        }
    }

    /** Ingredient pairs with at least one interaction, curated or extracted. */
    int pairCount() {
        Set<Long> pairs = new HashSet<>(byPair.keySet());
        pairs.addAll(extractedByPair.keySet());
        return pairs.size();
    }

    static long key(int a, int b) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return ((long) lo << 32) | (hi & 0xffffffffL);
    }
}
