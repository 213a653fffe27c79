package org.medsafety.medication;

import org.medsafety.knowledge.Ingredient;
import org.medsafety.knowledge.Strength;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a medication name: RxNorm's ("Amoxicillin 250 MG / Clavulanate 125 MG Oral Tablet", "NDA020800 0.3 ML
 * Epinephrine 1 MG/ML Auto-Injector") or an order's free text ("Lasix 40mg", "amlodipine and benazepril"). The name is
 * cut into parts at " / ", "and", "&" and "+"; each part names ingredients anywhere in it, or a brand as its first
 * name, each followed by its strength. Words that could be a name and come before a part's first name, or make up a
 * part that names nothing, are unidentified: an ingredient called by a name we do not know is never dropped silently.
 */
final class NameReader {

    /** Words that may sit between an ingredient name and its strength ("Warfarin Sodium 5 MG"). */
    private static final int MAX_WORDS_BEFORE_STRENGTH = 3;
    /** Dose-form words and abbreviations orders use that RxNorm's own dose forms do not. */
    private static final Set<String> FORM_ABBREVIATIONS = Set.of("tab", "tabs", "cap", "caps", "er", "xr", "sr", "dr",
            "cr", "xl", "la", "odt", "hfa", "inh", "neb", "susp", "soln", "sol", "inj", "supp", "oint", "top", "ec");

    /** Salt words, some of them RxNorm ingredients too (potassium): right after a name, they are part of it. */
    private static final Set<String> SALTS = Set.of("potassium", "sodium", "calcium", "magnesium", "zinc", "lithium");

    private final NameIndex names;
    /** Words of dose forms, learnt from the vocabulary's product names while loading; then only read. */
    private final Set<String> formWords = new HashSet<>(FORM_ABBREVIATIONS);

    NameReader(NameIndex names) {
        this.names = names;
    }

    /** Remembers the words of a dose form ("Metered Dose Inhaler") so that they are never taken for a name. */
    void learnDoseForm(String doseForm) {
        if (doseForm != null) {
            for (String w : MedicationWords.words(doseForm)) {
                formWords.add(w);
            }
        }
    }

    /**
     * @param freeText an order's own text: brand names count, and words before the first name are checked; false for
     *                 RxNorm's names, where a brand is only in brackets and such words are qualifiers ("Abuse-Deterrent")
     */
    ResolvedMedication read(String name, String label, boolean freeText) {
        if (name == null || name.isBlank()) {
            return new ResolvedMedication(label, List.of(), List.of(label), null, null);
        }
        return read(MedicationWords.words(withoutBrackets(name)), label, freeText);
    }

    /** Reads a name already cut into words (brackets removed). */
    ResolvedMedication read(String[] words, String label, boolean freeText) {
        Part part = new Part();
        List<ResolvedIngredient> found = new ArrayList<>(2);
        List<String> unidentified = new ArrayList<>(1);
        String doseForm = null;
        int partStart = 0;
        for (int i = 0; i < words.length; ) {
            // A name may hold a connector ("influenza A virus A/Victoria/4897/2022 (H1N1) antigen"): names first.
            int end = names.longest(words, i, words.length);
            NameIndex.Named named = end < 0 ? null : names.named(words, i, end);
            if (named != null && named.isBrand() && (!freeText || part.count > 0)) {
                named = null; // a brand opens a part; later in it, the word is something else
            }
            if (named != null) {
                part.add(words, i, end, named);
                i = end;
            } else {
                if (MedicationWords.isConnector(words[i])) {
                    doseForm = orElse(readPart(words, partStart, i, part, freeText, found, unidentified), doseForm);
                    partStart = i + 1;
                }
                i++;
            }
        }
        doseForm = orElse(readPart(words, partStart, words.length, part, freeText, found, unidentified), doseForm);
        if (found.isEmpty() && unidentified.isEmpty()) {
            unidentified.add(String.join(" ", words));
        }
        return new ResolvedMedication(label, found, unidentified, doseForm, Routes.keyword(doseForm));
    }

    private static String orElse(String value, String otherwise) {
        return value != null ? value : otherwise;
    }

    /** The names found in the part being read: where each starts and ends, and what it names. */
    private static final class Part {
        int[] starts = new int[4];
        int[] ends = new int[4];
        NameIndex.Named[] named = new NameIndex.Named[4];
        int count;

        void add(String[] words, int start, int end, NameIndex.Named n) {
            if (count > 0 && ends[count - 1] == start && end == start + 1 && SALTS.contains(words[start])) {
                ends[count - 1] = end; // "clavulanate potassium": the salt qualifies the name before it
                return;
            }
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
                ends = java.util.Arrays.copyOf(ends, count * 2);
                named = java.util.Arrays.copyOf(named, count * 2);
            }
            starts[count] = start;
            ends[count] = end;
            named[count++] = n;
        }
    }

    /** "furosemide 40 MG Oral Tablet [Lasix]" without "[Lasix]": RxNorm's brackets name a brand, not an ingredient. */
    static String withoutBrackets(String name) {
        int open = name.indexOf('[');
        if (open < 0) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length());
        int depth = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '[') {
                depth++;
                sb.append(' ');
            } else if (c == ']' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * One part, words[from..to), with the names found in it: its ingredients and strengths go into {@code found};
     * returns its dose form or null, and empties {@code part} for the next.
     */
    private String readPart(String[] words, int from, int to, Part part, boolean freeText,
                            List<ResolvedIngredient> found, List<String> unidentified) {
        int count = part.count;
        part.count = 0;
        int nameless = count == 0 ? to : part.starts[0];
        if (count == 0 || freeText) {
            // Words before the first name that could be a name ("Tylenol with Codeine") are not ignored.
            if (hasNameLikeWord(words, from, nameless)) {
                unidentified.add(String.join(" ", java.util.Arrays.copyOfRange(words, from, nameless)));
            }
        } else {
            for (int i = from; i < nameless; i++) {
                formWords.add(words[i]); // RxNorm's qualifiers ("abuse-deterrent"), never names in its own names
            }
        }
        String doseForm = null;
        for (int k = 0; k < count; k++) {
            NameIndex.Named named = part.named[k];
            int limit = k + 1 < count ? part.starts[k + 1] : to;
            int strengthAt = strengthAt(words, part.ends[k], limit);
            List<Ingredient> ingredients = named.isBrand()
                    ? named.brand().ingredients().stream().map(ResolvedIngredient::ingredient).toList()
                    : List.of(named.ingredient());
            if (named.isBrand()) {
                unidentified.addAll(named.brand().unidentified());
            }
            for (Ingredient ingredient : ingredients) {
                Strength strength = strengthAt < 0 || ingredients.size() != 1 ? null
                        : strength(ingredient.id(), words[strengthAt], words[strengthAt + 1]);
                add(found, new ResolvedIngredient(ingredient, strength));
            }
            if (strengthAt >= 0 && strengthAt + 2 < limit) {
                doseForm = String.join(" ", java.util.Arrays.copyOfRange(words, strengthAt + 2, limit));
            }
        }
        return doseForm;
    }

    /**
     * The same ingredient twice is one: two forms in one product ("nitrofurantoin, macrocrystals 25 MG /
     * nitrofurantoin, monohydrate 75 MG") add up when stated in the same unit, else its strength is unknown.
     */
    static void add(List<ResolvedIngredient> found, ResolvedIngredient ri) {
        for (int i = 0; i < found.size(); i++) {
            ResolvedIngredient earlier = found.get(i);
            if (earlier.ingredient().id() == ri.ingredient().id()) {
                Strength a = earlier.strength();
                Strength b = ri.strength();
                Strength sum = a == null ? b : b == null ? a
                        : a.unit().equals(b.unit()) && java.util.Objects.equals(a.per(), b.per())
                        ? new Strength(a.ingredientRxcui(), a.amount() + b.amount(), a.unit(), a.per()) : null;
                found.set(i, new ResolvedIngredient(earlier.ingredient(), sum));
                return;
            }
        }
        found.add(ri);
    }

    /** Where a number followed by a unit starts, within a few words after a name; -1 when there is none. */
    private static int strengthAt(String[] words, int from, int limit) {
        for (int i = from; i < Math.min(limit - 1, from + MAX_WORDS_BEFORE_STRENGTH + 1); i++) {
            if (MedicationWords.isNumber(words[i]) && MedicationWords.isUnit(words[i + 1])) {
                return i;
            }
        }
        return -1;
    }

    private boolean hasNameLikeWord(String[] words, int from, int to) {
        for (int i = from; i < to; i++) {
            String w = words[i];
            if (w.length() >= 3 && !MedicationWords.isQuantity(w) && !formWords.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static Strength strength(int rxcui, String amount, String unitWord) {
        int slash = unitWord.indexOf('/');
        return slash > 0 ? new Strength(rxcui, Double.parseDouble(amount), unitWord.substring(0, slash),
                unitWord.substring(slash + 1)) : new Strength(rxcui, Double.parseDouble(amount), unitWord, null);
    }
}
