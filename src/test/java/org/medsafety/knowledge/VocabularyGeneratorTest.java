package org.medsafety.knowledge;

import org.junit.jupiter.api.Test;
import org.medsafety.knowledge.VocabularyFile.Concept;
import org.medsafety.knowledge.VocabularyFile.Tty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The vocabulary file is regenerated mechanically, and the same extract always gives the same bytes. */
class VocabularyGeneratorTest {

    private static final Path EXTRACT = Path.of("src/test/resources/vocabulary-extract");

    @Test
    void thePreciseIngredientsAndBrandsComeFromTheJsonAndTheMinRowsOfProductsAreLeftOut() throws IOException {
        List<Concept> concepts = VocabularyGenerator.derive(EXTRACT);

        assertThat(concepts).extracting(c -> c.tty() + " " + c.rxcui() + " " + ingredients(c) + " " + c.brand())
                .containsExactly(
                        "IN 2400 [] 0", "IN 7213 [] 0", "IN 8163 [] 0", "IN 41126 [] 0",
                        "PIN 50121 [41126] 0", "PIN 142429 [2400] 0", "PIN 203212 [7213] 0",
                        "MIN 214393 [2400, 8163] 0",
                        "BN 217152 [] 0",
                        // chlorpheniramine solution: the extract's MIN row (chlorpheniramine / phenylephrine) is not
                        // an ingredient of it; albuterol / ipratropium lists only what the extract holds
                        "SCD 477045 [2400] 0", "SCD 895994 [41126] 0", "SCD 1190220 [7213] 0",
                        "SBD 895996 [41126] 217152");
    }

    @Test
    void theFileIsReproducibleAndReadsBack() throws IOException {
        List<Concept> concepts = VocabularyGenerator.derive(EXTRACT);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        VocabularyFile.write(first, List.of("attribution"), concepts);
        VocabularyFile.write(second, List.of("attribution"), VocabularyGenerator.derive(EXTRACT));

        assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
        List<KnowledgeProblem> problems = new ArrayList<>();
        List<Concept> read = VocabularyFile.read(first.toByteArray(), problems);
        assertThat(problems).isEmpty();
        assertThat(read).extracting(Concept::rxcui).isEqualTo(concepts.stream().map(Concept::rxcui).toList());
        assertThat(read).filteredOn(c -> c.tty() == Tty.SBD).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("120 ACTUAT fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler [Flovent]");
            assertThat(c.brand()).isEqualTo(217152);
        });
    }

    private static List<Integer> ingredients(Concept c) {
        return java.util.Arrays.stream(c.ingredients()).boxed().toList();
    }
}
