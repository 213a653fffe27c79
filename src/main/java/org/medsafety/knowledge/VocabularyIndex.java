package org.medsafety.knowledge;

import org.medsafety.knowledge.VocabularyFile.Concept;
import org.medsafety.knowledge.VocabularyFile.Tty;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The RxNorm vocabulary ({@link VocabularyFile}) indexed by RxCUI and name, with one identity per ingredient: an
 * ingredient that {@code ingredients.csv} knows is that row's {@link Ingredient}, whether an order names it by its IN
 * code, by a precise-ingredient (salt) code or by name; every other vocabulary ingredient gets an {@link Ingredient}
 * of its own, keyed by its IN RxCUI. Immutable once built; lookups are hash reads.
 */
public final class VocabularyIndex {

    static final Source SOURCE = new Source("RxNorm Current Prescribable Content (U.S. National Library of Medicine; "
            + "public domain), via knowledge-base/" + VocabularyFile.NAME, "https://www.nlm.nih.gov/research/umls/rxnorm/");

    public static final VocabularyIndex NONE = new VocabularyIndex(Map.of(), Map.of(), Map.of(), Map.of());

    private final Map<Integer, Concept> concepts;
    private final Map<String, Integer> ingredientRxcuiByName;
    private final Map<Integer, Ingredient> ingredients;
    private final Map<Integer, List<Concept>> productsOfBrand;

    private VocabularyIndex(Map<Integer, Concept> concepts, Map<String, Integer> ingredientRxcuiByName,
                            Map<Integer, Ingredient> ingredients, Map<Integer, List<Concept>> productsOfBrand) {
        this.concepts = concepts;
        this.ingredientRxcuiByName = ingredientRxcuiByName;
        this.ingredients = ingredients;
        this.productsOfBrand = productsOfBrand;
    }

    /** The concepts of the file, before identities are settled against ingredients.csv. */
    static VocabularyIndex read(byte[] file, List<KnowledgeProblem> problems) {
        List<Concept> list = VocabularyFile.read(file, problems);
        Map<Integer, Concept> concepts = new HashMap<>(list.size() * 2);
        Map<String, Integer> names = new HashMap<>(8_192);
        Map<Integer, List<Concept>> productsOfBrand = new HashMap<>(8_192);
        for (Concept c : list) {
            if (concepts.putIfAbsent(c.rxcui(), c) != null) {
                problems.add(new KnowledgeProblem(VocabularyFile.NAME, 0, "RxCUI " + c.rxcui() + " appears twice"));
            }
            if (c.brand() != 0) {
                productsOfBrand.computeIfAbsent(c.brand(), k -> new ArrayList<>(2)).add(c);
            }
        }
        // IN names first: a PIN never takes an IN's name.
        for (Concept c : list) {
            if (c.tty() == Tty.IN) {
                names.putIfAbsent(key(c.name()), c.rxcui());
            }
        }
        for (Concept c : list) {
            if (c.tty() == Tty.PIN) {
                names.putIfAbsent(key(c.name()), c.ingredients().length == 1 ? c.ingredients()[0] : c.rxcui());
            }
        }
        productsOfBrand.replaceAll((k, v) -> List.copyOf(v));
        return new VocabularyIndex(concepts, names, Map.of(), productsOfBrand);
    }

    /**
     * The ingredient RxCUI the vocabulary gives a name (an IN or PIN name, any case; a PIN's is its IN's), or null:
     * how a name-only row of ingredients.csv becomes the same ingredient as orders coded by RxCUI.
     */
    Integer rxcuiNamed(String name) {
        return ingredientRxcuiByName.get(key(name));
    }

    /**
     * Settles each vocabulary ingredient's identity against ingredients.csv (ids already final): an IN listed there,
     * whose precise ingredient is listed there (valproic acid is the PIN of valproate), or that a row lists as a
     * synonym, is that row's ingredient.
     * Two rows of ingredients.csv that are one RxNorm ingredient, or a row whose RxCUI is a product or brand, are
     * problems: knowledge written against one of them would never meet orders for the other.
     */
    VocabularyIndex identify(Map<Integer, Ingredient> known, List<KnowledgeProblem> problems) {
        if (concepts.isEmpty()) {
            return this;
        }
        Map<Integer, Ingredient> identity = new HashMap<>(concepts.size());
        Map<String, Ingredient> knownByName = new HashMap<>();
        for (Ingredient k : known.values()) {
            knownByName.putIfAbsent(key(k.name()), k);
            k.synonyms().forEach(s -> knownByName.putIfAbsent(key(s), k));
            Concept c = k.id() > 0 ? concepts.get(k.id()) : null;
            if (c == null || c.tty() == Tty.IN) {
                continue;
            }
            if (c.tty() != Tty.PIN) {
                problems.add(new KnowledgeProblem(KnowledgeLoader.INGREDIENTS, 0, "'" + k.name() + "' has RxCUI "
                        + k.id() + ", which RxNorm gives the " + c.tty() + " '" + c.name() + "', not an ingredient"));
                continue;
            }
            if (c.ingredients().length == 1) {
                int in = c.ingredients()[0];
                Ingredient other = known.containsKey(in) ? known.get(in) : identity.get(in);
                if (other != null && other != k) {
                    problems.add(sameIngredient(k, other, in));
                } else {
                    identity.put(in, k);
                }
            }
        }
        // A synonym in ingredients.csv that RxNorm keeps as an ingredient of its own ("lithium carbonate" of lithium)
        // says the two are one here: orders for it meet lithium's knowledge, and its products have one lithium.
        for (Ingredient k : known.values()) {
            for (String synonym : k.synonyms()) {
                Integer rxcui = ingredientRxcuiByName.get(key(synonym));
                if (rxcui == null || rxcui == k.id() || known.containsKey(rxcui)) {
                    continue;
                }
                Ingredient other = identity.putIfAbsent(rxcui, k);
                if (other != null && other != k) {
                    problems.add(sameIngredient(k, other, rxcui));
                }
            }
        }
        for (Concept c : concepts.values()) {
            if (c.tty() == Tty.IN) {
                Ingredient k = known.get(c.rxcui());
                identity.putIfAbsent(c.rxcui(), k != null ? k : new Ingredient(c.rxcui(), c.name(), List.of(), SOURCE));
            }
        }
        for (Concept c : concepts.values()) {
            if (c.tty() != Tty.PIN) {
                continue;
            }
            Ingredient in = c.ingredients().length == 1 ? identity.get(c.ingredients()[0]) : null;
            if (in == null) { // the PIN's IN is not in the extract: the PIN is the ingredient
                in = known.get(c.rxcui());
                in = in != null ? in : knownByName.get(key(c.name()));
                in = in != null ? in : new Ingredient(c.rxcui(), c.name(), List.of(), SOURCE);
            }
            identity.put(c.rxcui(), in);
        }
        return new VocabularyIndex(concepts, ingredientRxcuiByName, Map.copyOf(identity), productsOfBrand);
    }

    private static KnowledgeProblem sameIngredient(Ingredient a, Ingredient b, int rxcui) {
        return new KnowledgeProblem(KnowledgeLoader.INGREDIENTS, 0, "'" + a.name() + "' and '" + b.name()
                + "' are the same RxNorm ingredient (RxCUI " + rxcui + "): merge the rows, or knowledge written for "
                + "one will not meet orders for the other");
    }

    /** The ingredient an IN or PIN RxCUI names, or null. */
    public Ingredient ingredient(int rxcui) {
        return ingredients.get(rxcui);
    }

    /** The ingredient an IN or PIN name names (any case), or null. */
    public Ingredient ingredientNamed(String name) {
        Integer rxcui = ingredientRxcuiByName.get(key(name));
        return rxcui == null ? null : ingredients.get(rxcui);
    }

    /** A concept by RxCUI (any term type), or null. */
    public Concept concept(int rxcui) {
        return concepts.get(rxcui);
    }

    /** Every concept, for building name indexes at load. */
    public Collection<Concept> concepts() {
        return concepts.values();
    }

    /** The branded drugs (SBD) of a brand name (BN), empty when none. */
    public List<Concept> productsOfBrand(int brandRxcui) {
        return productsOfBrand.getOrDefault(brandRxcui, List.of());
    }

    /** The ingredients a concept's ingredient column names, as identities (unknown RxCUIs left out). */
    public List<Ingredient> ingredientsOf(Concept concept) {
        List<Ingredient> list = new ArrayList<>(concept.ingredients().length);
        for (int rxcui : concept.ingredients()) {
            Ingredient i = ingredients.get(rxcui);
            if (i != null && !list.contains(i)) {
                list.add(i);
            }
        }
        return list;
    }

    public boolean isEmpty() {
        return concepts.isEmpty();
    }

    /** How many concepts of a term type the vocabulary holds. */
    public long count(Tty tty) {
        return concepts.values().stream().filter(c -> c.tty() == tty).count();
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).trim();
    }
}
