package org.medsafety.medication;

import org.medsafety.knowledge.Ingredient;
import org.medsafety.knowledge.KnowledgeBase;
import org.medsafety.knowledge.Product;
import org.medsafety.knowledge.Strength;
import org.medsafety.knowledge.VocabularyFile.Concept;
import org.medsafety.knowledge.VocabularyFile.Tty;
import org.medsafety.knowledge.VocabularyIndex;
import org.medsafety.snapshot.ClinicalCode;
import org.medsafety.snapshot.MedicationConcept;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Identifies what a medication is. By RxNorm code first: a product of products.csv, then a product (SCD, SBD, pack),
 * multiple-ingredient concept or brand of the RxNorm vocabulary, then an ingredient code (ingredients.csv, then the
 * vocabulary's IN and PIN codes). Then by name: an exact RxNorm product name, else the name read word by word
 * ({@link NameReader}) against every ingredient and brand name known. Built once per knowledge base; resolution reads
 * only immutable indexes, allocates little, and is thread-safe.
 */
public final class MedicationResolver {

    private final KnowledgeBase knowledge;
    private final NameReader reader;
    private final VocabularyProducts vocabulary;

    public MedicationResolver(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
        NameIndex index = new NameIndex();
        // ingredients.csv first: its names and synonyms win (and name the "A" ingredients the vocabulary lacks).
        for (Ingredient ingredient : knowledge.ingredients()) {
            index.putIfAbsent(ingredient.name(), new NameIndex.Named(ingredient, null));
            for (String synonym : ingredient.synonyms()) {
                index.putIfAbsent(synonym, new NameIndex.Named(ingredient, null));
            }
        }
        VocabularyIndex rxnorm = knowledge.vocabulary();
        for (Tty tty : List.of(Tty.IN, Tty.PIN)) {
            for (Concept c : rxnorm.concepts()) {
                Ingredient ingredient = c.tty() == tty ? rxnorm.ingredient(c.rxcui()) : null;
                if (ingredient != null) {
                    index.putIfAbsent(c.name(), new NameIndex.Named(ingredient, null));
                }
            }
        }
        this.reader = new NameReader(index);
        this.vocabulary = VocabularyProducts.build(rxnorm, index, reader);
    }

    public ResolvedMedication resolve(MedicationConcept concept) {
        String label = concept.label();
        for (ClinicalCode code : concept.codes()) {
            Integer rxcui = rxcui(code);
            Product product = rxcui == null ? null : knowledge.product(rxcui);
            if (product != null) {
                List<ResolvedIngredient> ingredients = new ArrayList<>(product.ingredients().size());
                for (Strength s : product.ingredients()) {
                    ingredients.add(new ResolvedIngredient(knowledge.ingredient(s.ingredientRxcui()), s));
                }
                String form = product.doseForm() == null ? null : product.doseForm().toLowerCase(Locale.ROOT);
                return new ResolvedMedication(label, ingredients, List.of(), form, Routes.keyword(form));
            }
        }
        for (ClinicalCode code : concept.codes()) {
            Integer rxcui = rxcui(code);
            ResolvedMedication known = rxcui == null ? null : vocabulary.byRxcui(rxcui);
            if (known != null) {
                return labelled(known, label);
            }
        }
        for (ClinicalCode code : concept.codes()) {
            Integer rxcui = rxcui(code);
            Ingredient ingredient = rxcui == null ? null : knowledge.ingredient(rxcui);
            if (ingredient != null) {
                return new ResolvedMedication(label, List.of(new ResolvedIngredient(ingredient, null)), List.of(),
                        null, null);
            }
        }
        // No code we know: read the name (text first, then each coding's display).
        ResolvedMedication byText = byName(concept.text(), label);
        if (byText.fullyIdentified()) {
            return byText;
        }
        for (ClinicalCode code : concept.codes()) {
            ResolvedMedication byDisplay = byName(code.display(), label);
            if (byDisplay.fullyIdentified()) {
                return byDisplay;
            }
        }
        return byText;
    }

    private ResolvedMedication byName(String name, String label) {
        ResolvedMedication exact = name == null || name.isBlank() ? null : vocabulary.byName(name);
        return exact != null ? labelled(exact, label) : reader.read(name, label, true);
    }

    private static ResolvedMedication labelled(ResolvedMedication m, String label) {
        return new ResolvedMedication(label, m.ingredients(), m.unidentified(), m.doseForm(), m.route());
    }

    private static Integer rxcui(ClinicalCode code) {
        if (!code.isRxNorm() || code.code() == null) {
            return null;
        }
        try {
            return Integer.valueOf(code.code().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
