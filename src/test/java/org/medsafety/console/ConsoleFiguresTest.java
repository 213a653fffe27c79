package org.medsafety.console;

import org.junit.jupiter.api.Test;
import org.medsafety.audit.AlertGroup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The arithmetic behind the dashboard and the knowledge pages, without Quarkus. */
class ConsoleFiguresTest {

    @Test
    @SuppressWarnings("unchecked")
    void daysWithoutAlertsAreZerosSoTheChartDoesNotJoinDistantDays() {
        List<DashboardFigures.Day> days = DashboardFigures.days(List.of(
                day("2026-11-02", 4, 1, Map.of("critical", 1L, "warning", 3L)),
                day("2026-10-01", 9, 9, Map.of("info", 9L))),
                LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-03"));
        assertThat(days).extracting(DashboardFigures.Day::day).containsExactly("2026-11-01", "2026-11-02", "2026-11-03");
        assertThat(days.get(1)).isEqualTo(new DashboardFigures.Day("2026-11-02", 1, 3, 0, 4, 1));
        assertThat(days.get(1).overrideRate()).isEqualTo("25.0 %");
        assertThat(days.get(0).overrideRate()).isEqualTo("–");
        Map<String, Object> series = DashboardFigures.series(days);
        assertThat((List<Object>) series.get("overrideRate")).containsExactly(null, 25.0, null);
        assertThat((List<Object>) series.get("x")).containsExactly(1793491200L, 1793577600L, 1793664000L);
    }

    @Test
    void theMostOverriddenRowsComeFirstAndRowsNeverOverriddenAreLeftOut() {
        List<DashboardFigures.OverriddenRow> rows = DashboardFigures.mostOverridden(List.of(
                row("A", null, 10, 2), row("B", "warfarin + NSAID", 3, 3), row("C", null, 50, 0)), 10);
        assertThat(rows).extracting(DashboardFigures.OverriddenRow::id).containsExactly("B", "A");
        assertThat(rows.get(0).title()).isEqualTo("warfarin + NSAID");
    }

    /** A {@code groupBy=day} statistics group as the audit reports answer it. */
    private static AlertGroup day(String day, long fired, long overridden, Map<String, Long> byIndicator) {
        return new AlertGroup(null, null, null, null, day, null, null, null, null, null, null, fired, byIndicator,
                fired - overridden, overridden, 0, fired == 0 ? 0 : (double) overridden / fired, List.of());
    }

    /** A {@code groupBy=knowledge} statistics group. */
    private static AlertGroup row(String knowledge, String title, long fired, long overridden) {
        return new AlertGroup(null, knowledge, null, null, null, null, null, null, null, title, null, fired,
                Map.of(), fired - overridden, overridden, 0, fired == 0 ? 0 : (double) overridden / fired, List.of());
    }

    @Test
    void knowledgeSearchMatchesAnyColumnAndPagesStayInRange() {
        List<KnowledgeRows.Row> rows = IntStream.range(0, 120).mapToObj(i -> new KnowledgeRows.Row(
                String.format("ROW-%03d", i), i == 7 ? "Warfarin + aspirin" : "row " + i, null,
                "label " + i, null)).toList();
        KnowledgeRows.Page first = KnowledgeRows.page(rows, "", 1);
        assertThat(first.rows()).hasSize(KnowledgeRows.PAGE_SIZE);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(KnowledgeRows.page(rows, null, 99).page()).isEqualTo(3);
        assertThat(KnowledgeRows.page(rows, null, 99).rows()).hasSize(20);
        assertThat(KnowledgeRows.page(rows, null, -4).page()).isEqualTo(1);
        KnowledgeRows.Page found = KnowledgeRows.page(rows, "  WARFARIN ", 1);
        assertThat(found.matching()).isEqualTo(1);
        assertThat(found.rows().get(0).id()).isEqualTo("ROW-007");
        assertThat(KnowledgeRows.page(rows, "nothing like this", 1).rows()).isEmpty();
    }

    @Test
    void onlyHttpLinksAndWellFormedTokensAreTrusted() {
        assertThat(CardView.safeUrl("javascript:alert(1)")).isNull();
        assertThat(CardView.safeUrl("https://dailymed.nlm.nih.gov/x")).isEqualTo("https://dailymed.nlm.nih.gov/x");
        String token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
        assertThat(ConsoleCsrf.matches(token, token)).isTrue();
        assertThat(ConsoleCsrf.matches(token, token.replace('Q', 'R'))).isFalse();
        assertThat(ConsoleCsrf.matches(null, null)).isFalse();
        assertThat(ConsoleCsrf.matches("short", "short")).isFalse();
    }

    @Test
    void cardDetailsAreMarkdownWithRawHtmlEscapedAndUnsafeLinksDropped() {
        String html = CardMarkdown.html("**Naproxen** (this order)\n\n| drug | dose |\n|---|---|\n| naproxen | 220 mg |\n\n"
                + "<script>alert(1)</script>\n\nSee [x](javascript:alert(1)) and [label](https://dailymed.nlm.nih.gov/)");
        assertThat(html).contains("<strong>Naproxen</strong>").contains("<table>").contains("<td>220 mg</td>")
                .contains("&lt;script&gt;").doesNotContain("<script>").doesNotContain("href=\"javascript")
                .contains("href=\"https://dailymed.nlm.nih.gov/\"");
    }

    @Test
    void dashboardFiguresAreComputedOncePerCacheTimeWhoeverAsks() {
        Instant[] now = {Instant.parse("2026-11-29T10:00:00Z")};
        DashboardCache cache = new DashboardCache(Duration.ofSeconds(30), () -> now[0]);
        int[] computed = {0};
        java.util.function.Supplier<Integer> compute = () -> ++computed[0];
        DashboardCache.Entry<Integer> first = cache.get(compute);
        assertThat(first.computedNow()).isTrue();
        assertThat(first.figures()).isEqualTo(1);
        now[0] = now[0].plusSeconds(29);
        DashboardCache.Entry<Integer> kept = cache.get(compute);
        assertThat(kept.computedNow()).isFalse();
        assertThat(kept.figures()).isEqualTo(1);
        assertThat(kept.computedAt()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
        now[0] = now[0].plusSeconds(1);
        DashboardCache.Entry<Integer> again = cache.get(compute);
        assertThat(again.computedNow()).isTrue();
        assertThat(again.figures()).isEqualTo(2);
        assertThat(again.computedAt()).isEqualTo(Instant.parse("2026-11-29T10:00:30Z"));
        DashboardCache never = new DashboardCache(Duration.ZERO, () -> now[0]);
        never.get(compute);
        assertThat(never.get(compute).computedNow()).as("0s: computed on every load").isTrue();
    }

    @Test
    void journalSizesReadAsAnOperatorWritesThem() {
        assertThat(DashboardResource.Journal.readable(0)).isEqualTo("0 bytes");
        assertThat(DashboardResource.Journal.readable(1536)).isEqualTo("1.5 KiB");
        assertThat(DashboardResource.Journal.readable(1L << 30)).isEqualTo("1.0 GiB");
    }
}
