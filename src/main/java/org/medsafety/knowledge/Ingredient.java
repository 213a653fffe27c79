package org.medsafety.knowledge;

import java.util.List;

/** An active ingredient keyed by its RxNorm RxCUI (public domain, NLM). Synonyms include salt forms as RxNorm names them. */
public record Ingredient(int rxcui, String name, List<String> synonyms, Source source) {

    public Ingredient {
        synonyms = List.copyOf(synonyms);
    }
}
