package org.medsafety.knowledge;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.ShippedRuleset;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness check "knowledge": down before any knowledge is loaded, then up with the rows of each file. */
class KnowledgeReadinessTest {

    @Test
    void downBeforeTheKnowledgeIsLoaded() {
        HealthCheckResponse response = KnowledgeReadiness.check(null);
        assertThat(response.getName()).isEqualTo("knowledge");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void upWithTheRowsOfEachFileOfTheShippedKnowledge() {
        KnowledgeBase knowledge = ShippedRuleset.get().knowledge();
        HealthCheckResponse response = KnowledgeReadiness.check(knowledge);
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow())
                .containsEntry(KnowledgeLoader.INGREDIENTS, (long) knowledge.ingredients().size())
                .containsEntry(KnowledgeLoader.CLASSES, (long) knowledge.classes().size())
                .containsEntry(KnowledgeLoader.OVERRIDE_REASONS, (long) knowledge.overrideReasons().size())
                .containsEntry(KnowledgeLoader.PREGNANCY, (long) knowledge.pregnancyRows().size())
                .containsEntry(KnowledgeLoader.VOCABULARY, (long) knowledge.vocabulary().concepts().size())
                .containsKeys(KnowledgeLoader.INTERACTIONS, KnowledgeLoader.LABEL_INTERACTIONS,
                        KnowledgeLoader.DOSE_LIMITS, KnowledgeLoader.RENAL_LIMITS,
                        KnowledgeLoader.CROSS_SENSITIVITY, KnowledgeLoader.DUPLICATE_THERAPY);
        long rowsWithIds = knowledge.rowCatalog().entries().size();
        long counted = response.getData().orElseThrow().entrySet().stream()
                .filter(e -> !e.getKey().equals(KnowledgeLoader.INGREDIENTS)
                        && !e.getKey().equals(KnowledgeLoader.CLASSES)
                        && !e.getKey().equals(KnowledgeLoader.PRODUCTS)
                        && !e.getKey().equals(KnowledgeLoader.OVERRIDE_REASONS)
                        && !e.getKey().equals(KnowledgeLoader.VOCABULARY))
                .mapToLong(e -> (Long) e.getValue()).sum();
        assertThat(counted).as("every catalogued row counted once, under its file").isEqualTo(rowsWithIds);
    }
}
