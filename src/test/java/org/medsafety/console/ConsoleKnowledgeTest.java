package org.medsafety.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/** Knowledge tables searched and paged on the server, each row with its source; the Drools packages and rules. */
@QuarkusTest
class ConsoleKnowledgeTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void interactionsAreSearchedAndPagedWithTheirSources() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(base)) {
            browser.signIn("pharmacist", "pharmacist");
            browser.get("/console/knowledge");
            String all = browser.text("#knowledge-count");
            assertThat(all).contains("page 1 of");
            assertThat(browser.all("#knowledge tbody tr")).hasSize(KnowledgeRows.PAGE_SIZE);
            browser.capture("knowledge");
            browser.submit("#knowledge-next");
            browser.waitFor(d -> d.getCurrentUrl().contains("page=2"));
            assertThat(browser.text("#knowledge-count")).contains("page 2 of");

            browser.get("/console/knowledge");
            browser.find("#q").sendKeys("DDI-WARFARIN-NSAID");
            browser.submit("#knowledge-search");
            browser.waitFor(d -> d.getCurrentUrl().contains("q=DDI-WARFARIN-NSAID"));
            assertThat(browser.text("#knowledge-count")).startsWith("1 of");
            assertThat(browser.text("#knowledge tbody")).contains("DDI-WARFARIN-NSAID").containsIgnoringCase("bleeding");
            assertThat(browser.find("#knowledge tbody a").getDomAttribute("href")).startsWith("https://");
            browser.capture("knowledge-search");

            for (String table : KnowledgeRows.TABLES.keySet()) {
                browser.get("/console/knowledge?table=" + table);
                assertThat(browser.all("#knowledge tbody tr")).as(table).isNotEmpty();
            }
            browser.get("/console/knowledge?table=dose&q=tramadol");
            assertThat(browser.text("#knowledge tbody")).contains("DOSE-TRAMADOL-ORAL-ADULT").contains("400 mg");
            browser.capture("knowledge-dose");

            browser.get("/console/knowledge/rules");
            assertThat(browser.all("h2")).isNotEmpty();
            assertThat(browser.find("main").getText()).contains("DDI-TABLE");
            browser.capture("knowledge-rules");
        }
    }
}
