package org.medsafety.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.medsafety.knowledge.KnowledgeRowCatalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The arithmetic of alert statistics per knowledge row, without a database. */
class AlertStatisticsTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private static AlertStatistics.CardRow card(String rule, String row, String outcome, String check) {
        return new AlertStatistics.CardRow(rule, "a,b", "u", T, "warning", outcome,
                "overridden".equals(outcome) ? "risk-benefit-ratio" : null, null, row, check);
    }

    @Test
    void cardsOfOneRuleAreSplitByTheirKnowledgeRow() {
        AlertStatistics stats = new AlertStatistics("knowledge", id -> id.equals("DDI-1")
                ? new KnowledgeRowCatalog.Entry("DDI-1", "interactions.csv", "Warfarin + NSAID", "Coumadin label") : null);
        stats.add(card("DDI-TABLE", "DDI-1", "overridden", "interaction"));
        stats.add(card("DDI-TABLE", "DDI-1", "overridden", "interaction"));
        stats.add(card("DDI-TABLE", "DDI-1", "accepted", "interaction"));
        stats.add(card("DDI-TABLE", "DDI-OLD", null, "interaction"));
        stats.add(card("UNSCREENED-DRAFT-ORDER", null, null, "unscreened"));

        List<Map<String, Object>> groups = asJson(stats.result());

        assertThat(groups).extracting(g -> g.get("knowledge")).containsExactly("DDI-1", "(none)", "DDI-OLD");
        assertThat(groups.get(0)).containsEntry("fired", 3L).containsEntry("overridden", 2L)
                .containsEntry("accepted", 1L).containsEntry("overrideRate", 0.6667).containsEntry("title",
                        "Warfarin + NSAID").containsEntry("source", "Coumadin label").containsEntry("inActiveRuleset", true)
                .containsEntry("rules", List.of("DDI-TABLE")).containsEntry("check", "interaction");
        assertThat(groups.get(2)).as("a row the active knowledge base no longer has: its id only")
                .containsEntry("inActiveRuleset", false).doesNotContainKey("title");
        assertThat(groups.get(1)).containsEntry("check", "unscreened").doesNotContainKey("title");
    }

    @Test
    void groupingByRuleIsUnchanged() {
        AlertStatistics stats = new AlertStatistics("rule");
        stats.add(card("DDI-TABLE", "DDI-1", "overridden", "interaction"));
        stats.add(card("DDI-TABLE", "DDI-2", null, "interaction"));

        assertThat(asJson(stats.result())).singleElement().satisfies(g -> assertThat(g).containsEntry("rule", "DDI-TABLE")
                .containsEntry("fired", 2L).doesNotContainKey("check"));
    }

    /** The groups as the API writes them (longs kept as longs), so that absent keys are checked as absent. */
    private static List<Map<String, Object>> asJson(List<AlertGroup> groups) {
        return new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS).convertValue(groups,
                new TypeReference<>() { });
    }
}
