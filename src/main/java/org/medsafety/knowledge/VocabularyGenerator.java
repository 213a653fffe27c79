package org.medsafety.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.medsafety.knowledge.VocabularyFile.Concept;
import org.medsafety.knowledge.VocabularyFile.Tty;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Regenerates {@code knowledge-base/rxnorm-vocabulary.tsv.gz}, mechanically, from the RxNorm prescribable-content
 * extract in {@code shared/vocabulary/rxnorm-prescribable-ingredients/}: its three CSVs give the concepts, and its
 * raw JSON the two relations the CSVs lack (PIN → IN, SBD → BN). Nothing is typed in by hand.
 *
 * <pre>mvn -q compile exec:java -Dexec.mainClass=org.medsafety.knowledge.VocabularyGenerator \
 *   -Dexec.args="../shared/vocabulary/rxnorm-prescribable-ingredients knowledge-base/rxnorm-vocabulary.tsv.gz"</pre>
 *
 * <p>What is derived, and why:
 * <ul>
 *   <li>A PIN's ingredient is the IN that shares its clinical drug components (SCDC); a PIN whose IN is not in the
 *       extract (the "A" gap) has none, and stands for itself.</li>
 *   <li>A product's ingredients are its IN rows and its PIN rows' INs. Its MIN rows are left out: the extract links
 *       each MIN to single-ingredient components, so "chlorpheniramine maleate 2 MG/ML Oral Solution" carries the MIN
 *       "chlorpheniramine / phenylephrine"; the MIN rows do not say what the product contains.</li>
 *   <li>A MIN's ingredients are the INs (or PINs' INs) its name lists; names not in the extract are left for the
 *       loader to find missing.</li>
 * </ul>
 */
public final class VocabularyGenerator {

    private static final List<String> ATTRIBUTION = List.of(
            "RxNorm (U.S. National Library of Medicine), Current Prescribable Content: RxNorm normalized names and "
                    + "codes (SAB=RXNORM) are public domain.",
            "This product uses publicly available data courtesy of the U.S. National Library of Medicine (NLM), "
                    + "National Institutes of Health, Department of Health and Human Services; NLM is not responsible "
                    + "for the product and does not endorse or recommend this or any other product.",
            "Nelson SJ, Zeng K, Kilbourne J, Powell T, Moore R. Normalized names for clinical drugs: RxNorm at 6 "
                    + "years. J Am Med Inform Assoc 2011;18(4):441-8.",
            "Derived mechanically by org.medsafety.knowledge.VocabularyGenerator from the extract in "
                    + "GitHub davidanderson3/rxnorm-ingredients@a8fcf13a679fa37073e8fa83e11d5e0d8cc07276 "
                    + "(shared/vocabulary/PROVENANCE.md). Ingredients whose names begin with \"A\" are missing from "
                    + "that extract: see knowledge-base/SOURCES.md.");

    private VocabularyGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: VocabularyGenerator <rxnorm-prescribable-ingredients dir> <output .tsv.gz>");
            System.exit(2);
        }
        List<Concept> concepts = derive(Path.of(args[0]));
        try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
            VocabularyFile.write(out, ATTRIBUTION, concepts);
        }
        Map<Tty, Long> counts = new TreeMap<>();
        concepts.forEach(c -> counts.merge(c.tty(), 1L, Long::sum));
        System.out.println("wrote " + concepts.size() + " concepts to " + args[1] + ": " + counts);
    }

    /** Every concept of the extract, sorted by term type and RxCUI so that the output is reproducible. */
    static List<Concept> derive(Path dir) throws IOException {
        Map<Integer, String> names = new HashMap<>();
        Map<Integer, Tty> ttys = new HashMap<>();
        for (Map<String, String> row : csv(dir.resolve("ingredients.csv"))) {
            int rxcui = Integer.parseInt(row.get("ingredient_rxcui"));
            names.put(rxcui, row.get("ingredient_name"));
            ttys.put(rxcui, Tty.valueOf(row.get("tty")));
        }
        Structure structure = structure(dir.resolve("raw-web-data"));
        Map<String, Integer> ingredientByName = new HashMap<>();
        names.forEach((rxcui, name) -> {
            if (ttys.get(rxcui) == Tty.IN) {
                ingredientByName.put(name.toLowerCase(Locale.ROOT), rxcui);
            }
        });
        names.forEach((rxcui, name) -> {
            if (ttys.get(rxcui) == Tty.PIN) {
                ingredientByName.putIfAbsent(name.toLowerCase(Locale.ROOT), rxcui);
            }
        });

        List<Concept> concepts = new ArrayList<>(30_000);
        for (Map.Entry<Integer, String> e : names.entrySet()) {
            int rxcui = e.getKey();
            Tty tty = ttys.get(rxcui);
            Set<Integer> ingredients = new TreeSet<>();
            if (tty == Tty.PIN) {
                ingredients.addAll(structure.ingredientsOfPin(rxcui));
            } else if (tty == Tty.MIN) {
                for (String part : e.getValue().split(" / ")) {
                    Integer in = ingredientByName.get(part.trim().toLowerCase(Locale.ROOT));
                    if (in != null) {
                        ingredients.addAll(ttys.get(in) == Tty.PIN ? inOrSelf(structure, in) : Set.of(in));
                    }
                }
            }
            concepts.add(concept(rxcui, tty, e.getValue(), ingredients, 0));
        }

        Map<Integer, String> productNames = new HashMap<>();
        Map<Integer, Tty> productTtys = new HashMap<>();
        Map<Integer, Set<Integer>> productIngredients = new HashMap<>();
        for (Map<String, String> row : csv(dir.resolve("product_to_ingredient.csv"))) {
            int product = Integer.parseInt(row.get("product_rxcui"));
            productNames.put(product, row.get("product_name"));
            productTtys.put(product, Tty.valueOf(row.get("product_tty")));
            Set<Integer> set = productIngredients.computeIfAbsent(product, k -> new TreeSet<>());
            int ingredient = Integer.parseInt(row.get("ingredient_rxcui"));
            switch (Tty.valueOf(row.get("ingredient_tty"))) {
                case IN -> set.add(ingredient);
                case PIN -> set.addAll(inOrSelf(structure, ingredient));
                default -> { } // MIN rows: see the class comment
            }
        }
        productNames.forEach((product, name) -> concepts.add(concept(product, productTtys.get(product), name,
                productIngredients.get(product), structure.brandOfSbd.getOrDefault(product, 0))));

        Map<Integer, String> brands = new HashMap<>();
        for (Map<String, String> row : csv(dir.resolve("brand_to_ingredient.csv"))) {
            brands.putIfAbsent(Integer.parseInt(row.get("bn_rxcui")), row.get("brand_name"));
        }
        brands.forEach((rxcui, name) -> concepts.add(concept(rxcui, Tty.BN, name, Set.of(), 0)));

        concepts.sort(Comparator.comparing(Concept::tty).thenComparingInt(Concept::rxcui));
        return concepts;
    }

    private static Set<Integer> inOrSelf(Structure structure, int pin) {
        Set<Integer> ins = structure.ingredientsOfPin(pin);
        return ins.isEmpty() ? Set.of(pin) : ins;
    }

    private static Concept concept(int rxcui, Tty tty, String name, Set<Integer> ingredients, int brand) {
        if (name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("RxCUI " + rxcui + ": a name with a tab or line break cannot be written");
        }
        return new Concept(rxcui, tty, name.strip(), ingredients.stream().mapToInt(Integer::intValue).toArray(), brand);
    }

    /** What only the raw JSON says: the SCDCs of each PIN, the IN of each SCDC, and each SBD's brand. */
    private record Structure(Map<Integer, Set<Integer>> componentsOfPin, Map<Integer, Integer> brandOfSbd,
                             Map<Integer, Set<Integer>> inOfComponent) {

        Set<Integer> ingredientsOfPin(int pin) {
            Set<Integer> ins = new TreeSet<>();
            for (int component : componentsOfPin.getOrDefault(pin, Set.of())) {
                ins.addAll(inOfComponent.getOrDefault(component, Set.of()));
            }
            return ins;
        }
    }

    private static Structure structure(Path rawDir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<Integer, Set<Integer>> ofPin = new HashMap<>();
        Map<Integer, Integer> brandOfSbd = new HashMap<>();
        Map<Integer, Set<Integer>> inOfComponent = new HashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(rawDir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().equals("manifest.json")).sorted().toList();
        }
        for (Path file : files) {
            for (JsonNode ingredient : json.readTree(file.toFile())) {
                int rxcui = ingredient.path("RXCUI").asInt();
                String tty = ingredient.path("TTY").asText();
                for (JsonNode component : ingredient.path("SCDCs")) {
                    int scdc = component.path("RXCUI").asInt();
                    if (tty.equals("IN")) {
                        inOfComponent.computeIfAbsent(scdc, k -> new TreeSet<>()).add(rxcui);
                    } else if (tty.equals("PIN")) {
                        ofPin.computeIfAbsent(rxcui, k -> new TreeSet<>()).add(scdc);
                    }
                    for (JsonNode scd : component.path("SCDs")) {
                        for (JsonNode sbd : scd.path("SBDs")) {
                            JsonNode bn = sbd.path("BNs").path(0);
                            if (!bn.isMissingNode()) {
                                brandOfSbd.put(sbd.path("RXCUI").asInt(), bn.path("RXCUI").asInt());
                            }
                        }
                    }
                }
            }
        }
        return new Structure(ofPin, brandOfSbd, inOfComponent);
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class).with(schema)
                .readValues(file.toFile())) {
            return it.readAll();
        }
    }
}
