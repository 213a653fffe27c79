package org.medsafety.medication;

import org.medsafety.knowledge.Ingredient;
import org.medsafety.knowledge.VocabularyFile.Concept;
import org.medsafety.knowledge.VocabularyFile.Tty;
import org.medsafety.knowledge.VocabularyIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each RxNorm product, multiple-ingredient concept and brand of the vocabulary contains, worked out once while the
 * ruleset loads: the ingredients the vocabulary lists, with the strengths read from the product's name, and any part of
 * the name that names no known ingredient. The vocabulary lacks the ingredients beginning with "A", so "albuterol /
 * ipratropium" lists only ipratropium: the name's parts are checked against the list, and a part that is none of them
 * stays unidentified (unless ingredients.csv knows its name) rather than the product passing as fully identified.
 */
final class VocabularyProducts {

    private final Map<Integer, ResolvedMedication> byRxcui;
    private final Map<String, ResolvedMedication> byName;

    private VocabularyProducts(Map<Integer, ResolvedMedication> byRxcui, Map<String, ResolvedMedication> byName) {
        this.byRxcui = byRxcui;
        this.byName = byName;
    }

    /** Reads every product and MIN name, then adds each brand name to {@code names}. */
    static VocabularyProducts build(VocabularyIndex vocabulary, NameIndex names, NameReader reader) {
        List<Concept> concepts = new ArrayList<>(vocabulary.concepts());
        concepts.sort(Comparator.comparingInt(Concept::rxcui));
        Map<Integer, ResolvedMedication> byRxcui = new HashMap<>(concepts.size() * 2);
        Map<String, ResolvedMedication> byName = new HashMap<>(concepts.size() * 2);
        for (Concept c : concepts) {
            if (c.tty().isProduct() || c.tty() == Tty.MIN) {
                String[] words = MedicationWords.words(NameReader.withoutBrackets(c.name()));
                ResolvedMedication read = reader.read(words, null, false);
                reader.learnDoseForm(read.doseForm());
                ResolvedMedication m = checked(c, read, vocabulary.ingredientsOf(c));
                byRxcui.put(c.rxcui(), m);
                if (c.tty() == Tty.SCD || c.tty() == Tty.SBD) {
                    byName.putIfAbsent(String.join(" ", words), m);
                }
            }
        }
        for (Concept c : concepts) {
            if (c.tty() == Tty.BN) {
                ResolvedMedication brand = brand(vocabulary.productsOfBrand(c.rxcui()), byRxcui);
                if (brand != null) {
                    byRxcui.put(c.rxcui(), brand);
                    names.putIfAbsent(c.name(), new NameIndex.Named(null, brand));
                }
            }
        }
        return new VocabularyProducts(Collections.unmodifiableMap(byRxcui), Collections.unmodifiableMap(byName));
    }

    /**
     * The name's reading against the vocabulary's list: listed ingredients the name did not show are added (without
     * strength); unidentified parts are forgiven only when there are no more of them than such listed ingredients,
     * since then each can be one of those (the extract can leave ingredients out, never add them).
     */
    private static ResolvedMedication checked(Concept c, ResolvedMedication read, List<Ingredient> listed) {
        List<ResolvedIngredient> all = new ArrayList<>(read.ingredients().size() + 1);
        for (ResolvedIngredient ri : read.ingredients()) {
            // A pack holds several tablets of different strengths: no single strength per ingredient.
            all.add(c.tty().isPack() ? new ResolvedIngredient(ri.ingredient(), null) : ri);
        }
        int notInName = 0;
        for (Ingredient i : listed) {
            if (all.stream().noneMatch(ri -> ri.ingredient().id() == i.id())) {
                all.add(new ResolvedIngredient(i, null));
                notInName++;
            }
        }
        List<String> unidentified = read.unidentified().size() <= notInName ? List.of() : read.unidentified();
        return new ResolvedMedication(null, all, unidentified, read.doseForm(), read.route());
    }

    /** A brand is what its branded drugs contain (RxNorm gives each brand one set of ingredients), without strength. */
    private static ResolvedMedication brand(List<Concept> products, Map<Integer, ResolvedMedication> byRxcui) {
        ResolvedMedication first = products.stream().min(Comparator.comparingInt(Concept::rxcui))
                .map(p -> byRxcui.get(p.rxcui())).orElse(null);
        if (first == null || first.ingredients().isEmpty()) {
            return null;
        }
        List<ResolvedIngredient> ingredients = first.ingredients().stream()
                .map(ri -> new ResolvedIngredient(ri.ingredient(), null)).toList();
        return new ResolvedMedication(null, ingredients, first.unidentified(), null, null);
    }

    /** A product, MIN or brand by RxCUI, as a medication without a label; null when the vocabulary has none. */
    ResolvedMedication byRxcui(int rxcui) {
        return byRxcui.get(rxcui);
    }

    /** A clinical or branded drug by its exact RxNorm name (any case and spacing); null when none. */
    ResolvedMedication byName(String name) {
        return byName.get(MedicationWords.normalised(NameReader.withoutBrackets(name)));
    }
}
