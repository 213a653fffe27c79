package org.medsafety.knowledge;

import java.util.List;

/**
 * An active ingredient. {@code id} is its RxNorm RxCUI (public domain, NLM) when one is sourced; an ingredient known
 * only by name gets a negative id, assigned at load, and is matched by name alone.
 */
public record Ingredient(int id, String name, List<String> synonyms, Source source) {

    public Ingredient {
        synonyms = List.copyOf(synonyms);
    }

    /** True when {@code id} is a real RxCUI. */
    public boolean hasRxcui() {
        return id > 0;
    }
}
