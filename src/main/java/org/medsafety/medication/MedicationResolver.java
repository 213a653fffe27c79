package org.medsafety.medication;

import org.medsafety.knowledge.Ingredient;
import org.medsafety.knowledge.KnowledgeBase;
import org.medsafety.knowledge.Product;
import org.medsafety.knowledge.Strength;
import org.medsafety.snapshot.ClinicalCode;
import org.medsafety.snapshot.MedicationConcept;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Identifies what a medication is: by RxNorm product code (SCD/SBD), by RxNorm ingredient code, or by reading its
 * name the way RxNorm normalises names ("Warfarin Sodium 5 MG Oral Tablet", "Amoxicillin 250 MG / Clavulanate 125 MG
 * Oral Tablet"). Built once per knowledge base; resolution is allocation-light and thread-safe.
 */
public final class MedicationResolver {

    private static final Pattern BRACKETS = Pattern.compile("\\[[^]]*]");
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    /** Words that may sit between an ingredient name and its strength ("Warfarin Sodium 5 MG"). */
    private static final int MAX_WORDS_BEFORE_STRENGTH = 3;

    private final KnowledgeBase knowledge;
    private final Map<String, Ingredient> byName = new HashMap<>();
    private final int longestName;

    public MedicationResolver(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
        int longest = 1;
        for (Ingredient ingredient : knowledge.ingredients()) {
            longest = Math.max(longest, index(ingredient.name(), ingredient));
            for (String synonym : ingredient.synonyms()) {
                longest = Math.max(longest, index(synonym, ingredient));
            }
        }
        this.longestName = longest;
    }

    private int index(String name, Ingredient ingredient) {
        String key = normalise(name);
        byName.putIfAbsent(key, ingredient);
        return key.split(" ").length;
    }

    public ResolvedMedication resolve(MedicationConcept concept) {
        String label = concept.label();
        for (ClinicalCode code : concept.codes()) {
            Integer rxcui = rxcui(code);
            if (rxcui == null) {
                continue;
            }
            Product product = knowledge.product(rxcui);
            if (product != null) {
                List<ResolvedIngredient> ingredients = new ArrayList<>(product.ingredients().size());
                for (Strength s : product.ingredients()) {
                    ingredients.add(new ResolvedIngredient(knowledge.ingredient(s.ingredientRxcui()), s));
                }
                String form = product.doseForm() == null ? null : product.doseForm().toLowerCase(Locale.ROOT);
                return new ResolvedMedication(label, ingredients, List.of(), form, Routes.keyword(form));
            }
            Ingredient ingredient = knowledge.ingredient(rxcui);
            if (ingredient != null) {
                return new ResolvedMedication(label, List.of(new ResolvedIngredient(ingredient, null)), List.of(),
                        null, null);
            }
        }
        // No code we know: read the name (text first, then each coding's display).
        ResolvedMedication byText = parseName(concept.text(), label);
        if (byText.fullyIdentified()) {
            return byText;
        }
        for (ClinicalCode code : concept.codes()) {
            ResolvedMedication byDisplay = parseName(code.display(), label);
            if (byDisplay.fullyIdentified()) {
                return byDisplay;
            }
        }
        return byText;
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

    /** Reads an RxNorm-style name: components separated by " / ", each "ingredient [salt] amount UNIT", then the form. */
    ResolvedMedication parseName(String name, String label) {
        if (name == null || name.isBlank()) {
            return new ResolvedMedication(label, List.of(), List.of(label), null, null);
        }
        String cleaned = normalise(BRACKETS.matcher(name).replaceAll(" "));
        String[] components = cleaned.split(" / ");
        List<ResolvedIngredient> found = new ArrayList<>(components.length);
        List<String> unidentified = new ArrayList<>();
        String doseForm = null;
        for (String component : components) {
            String[] words = component.split(" ");
            Match match = findIngredient(words);
            if (match == null) {
                unidentified.add(component);
                continue;
            }
            int next = match.end;
            Strength strength = null;
            for (int i = next; i < Math.min(words.length - 1, next + MAX_WORDS_BEFORE_STRENGTH + 1); i++) {
                if (NUMBER.matcher(words[i]).matches()) {
                    strength = strength(match.ingredient.id(), Double.parseDouble(words[i]), words[i + 1]);
                    next = i + 2;
                    break;
                }
            }
            found.add(new ResolvedIngredient(match.ingredient, strength));
            if (strength != null && next < words.length) {
                doseForm = String.join(" ", java.util.Arrays.copyOfRange(words, next, words.length));
            }
        }
        return new ResolvedMedication(label, found, unidentified, doseForm, Routes.keyword(doseForm));
    }

    private record Match(Ingredient ingredient, int end) {
    }

    /** The earliest, then longest, run of words that names a known ingredient; leading pack sizes are skipped. */
    private Match findIngredient(String[] words) {
        for (int start = 0; start < words.length; start++) {
            for (int len = Math.min(longestName, words.length - start); len >= 1; len--) {
                Ingredient ingredient = byName.get(join(words, start, len));
                if (ingredient != null) {
                    return new Match(ingredient, start + len);
                }
            }
        }
        return null;
    }

    private static String join(String[] words, int start, int len) {
        if (len == 1) {
            return words[start];
        }
        StringBuilder sb = new StringBuilder(words[start]);
        for (int i = start + 1; i < start + len; i++) {
            sb.append(' ').append(words[i]);
        }
        return sb.toString();
    }

    private static Strength strength(int rxcui, double amount, String unitWord) {
        String unit = unitWord;
        String per = null;
        int slash = unitWord.indexOf('/');
        if (slash > 0) {
            unit = unitWord.substring(0, slash);
            per = unitWord.substring(slash + 1);
        }
        return new Strength(rxcui, amount, unit, per);
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace(",", " ").replaceAll("\\s+", " ").trim();
    }
}
