package org.medsafety.cdshooks;

import org.junit.jupiter.api.Test;
import org.medsafety.engine.Finding;
import org.medsafety.engine.Findings;
import org.medsafety.knowledge.Severity;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A response shows at most the configured number of cards: the most serious, and a count of the rest. */
class CardCapTest {

    private static Finding finding(String check, Severity severity, String id, boolean onc) {
        return new Finding("RULE-" + check.toUpperCase(), check, severity, severity == null ? "info" : severity.indicator(),
                null, id, "detail of " + id, "MedicationRequest/" + id, List.of(), List.of(), List.of(), null, onc,
                List.of());
    }

    private static List<Finding> many(int count, String check, Severity severity, String prefix) {
        List<Finding> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(finding(check, severity, prefix + i, false));
        }
        return result;
    }

    @Test
    void findingsWithinTheCapAreAllShownUnchanged() {
        List<Finding> findings = many(10, "dose", Severity.MAJOR, "d");
        assertThat(new CardCap(10).apply(findings)).isEqualTo(findings);
    }

    @Test
    void theMostSeriousAreKeptAndOneCardCountsTheRestByCheck() {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(many(30, "renal", null, "renal-info-"));          // info notices first in rule order
        findings.addAll(many(5, "dose", Severity.MAJOR, "dose-"));
        findings.addAll(many(2, "allergy", Severity.CONTRAINDICATED, "allergy-"));
        findings.add(finding("interaction", Severity.CONTRAINDICATED, "onc", true));

        List<Finding> shown = new CardCap(10).apply(findings);

        assertThat(shown).hasSize(10);
        assertThat(shown.subList(0, 9)).extracting(Finding::summary).contains("onc", "allergy-0", "allergy-1",
                "dose-0", "dose-1", "dose-2", "dose-3", "dose-4", "renal-info-0");
        // Kept in their original order, not re-sorted: the EHR sees the rules' order as before.
        assertThat(shown.subList(0, 9)).extracting(Finding::summary).startsWith("renal-info-0", "dose-0");
        Finding count = shown.get(9);
        assertThat(count.ruleId()).isEqualTo(CardCap.NOT_SHOWN_RULE);
        assertThat(count.indicator()).isEqualTo("info");
        assertThat(count.summary()).isEqualTo("Not shown: 29 more findings (renal 29)");
        assertThat(count.detail()).contains("| renal | 29 | 0 | 0 | 29 |");
    }

    @Test
    void oncHighPriorityInteractionsAreNeverDroppedBeforeAnyOtherFinding() {
        List<Finding> findings = new ArrayList<>(many(20, "allergy", Severity.CONTRAINDICATED, "allergy-"));
        for (int i = 0; i < 12; i++) {
            findings.add(finding("interaction", Severity.CONTRAINDICATED, "onc-" + i, true));
        }

        List<Finding> shown = new CardCap(10).apply(findings);

        assertThat(shown.subList(0, 9)).allSatisfy(f -> assertThat(f.oncHighPriority()).isTrue());
        assertThat(shown.get(9).summary()).isEqualTo("Not shown: 23 more findings (allergy 20, interaction 3)");
    }

    @Test
    void noticesThatScreeningWasIncompleteAreAlwaysShown() {
        List<Finding> findings = new ArrayList<>(many(20, "dose", Severity.MAJOR, "dose-"));
        findings.add(new Finding(Findings.DRAFT_ORDERS_NOT_SCREENED, "unscreened", null, "info", null, "orders",
                "d", null, List.of(), List.of(), List.of(), null, false, List.of()));
        findings.add(new Finding(CardFactory.DATA_INCOMPLETE_RULE, "unscreened", null, "info", null, "partial",
                "d", null, List.of(), List.of(), List.of(), null, false, List.of()));

        List<Finding> shown = new CardCap(6).apply(findings);

        assertThat(shown).extracting(Finding::summary).containsExactly("dose-0", "dose-1", "dose-2", "orders",
                "partial", "Not shown: 17 more findings (dose 17)");
    }

    @Test
    void aCapBelowTheMinimumIsRaisedSoThatFindingsCanStillBeShown() {
        assertThat(new CardCap(0).maxCards()).isEqualTo(CardCap.MIN_CARDS);
        assertThat(new CardCap(1).apply(many(20, "dose", Severity.MAJOR, "d"))).hasSize(CardCap.MIN_CARDS);
    }
}
