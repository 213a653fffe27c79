package org.medsafety.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's figures and charts, and the auditor's search, evaluation page, export and integrity check. */
@QuarkusTest
class ConsoleAuditTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void dashboardShowsTheServedRulesetTheChartsAndTheOverriddenRows() {
        String patient = "console-dash-" + UUID.randomUUID();
        List<String> cards = ConsoleAuditData.signWarfarinNaproxen(patient);
        ConsoleAuditData.signWarfarinNaproxen(patient);
        ConsoleAuditData.override(cards.get(0));
        String served = given().auth().basic("pharmacist", "pharmacist").get("/admin/rulesets/active")
                .then().statusCode(200).extract().path("version");

        try (ConsoleBrowser browser = ConsoleBrowser.open(base)) {
            browser.signIn("pharmacist", "pharmacist");
            assertThat(browser.text("#active-version")).isEqualTo(served);
            browser.waitFor(d -> "true".equals(browser.find("body").getDomAttribute("data-charts-drawn")));
            assertThat(browser.all("#alerts-chart canvas")).isNotEmpty();
            assertThat(browser.all("#override-chart canvas")).isNotEmpty();
            assertThat(browser.text("#overridden")).containsIgnoringCase("warfarin");
            assertThat(browser.text("#integrity-status")).isEqualTo("Intact");
            assertThat(browser.text("#journal-backlog")).isEqualTo("0");
            browser.capture("dashboard");
        }
    }

    @Test
    void auditorFindsAPatientOpensTheEvaluationAndExportsIt() {
        String patient = "console-audit-" + UUID.randomUUID();
        List<String> cards = ConsoleAuditData.signWarfarinNaproxen(patient);
        ConsoleAuditData.override(cards.get(0));

        try (ConsoleBrowser browser = ConsoleBrowser.open(base)) {
            browser.signIn("auditor", "auditor");
            browser.get("/console/audit");
            browser.capture("audit-search");
            browser.find("#patientId").sendKeys(patient);
            browser.submit("#search");
            browser.waitForElement("#results");
            assertThat(browser.all("#results tbody tr")).hasSize(1);
            assertThat(browser.text("#results")).contains(patient).containsIgnoringCase("naproxen");
            browser.capture("audit-results");

            String csv = browser.find("#export-csv").getDomAttribute("href");
            String session = browser.driver.manage().getCookieNamed("quarkus-credential").getValue();
            String exported = given().cookie("quarkus-credential", session).get(csv)
                    .then().statusCode(200).contentType("text/csv").extract().asString();
            assertThat(exported.lines()).hasSizeGreaterThan(1).allMatch(l -> l.equals(exported.lines().findFirst()
                    .orElseThrow()) || l.contains(patient));

            browser.submit("#results tbody tr a");
            browser.waitForElement("#cards");
            assertThat(browser.text("#evaluation-patient")).isEqualTo(patient);
            assertThat(browser.text("#snapshot")).containsIgnoringCase("warfarin").containsIgnoringCase("naproxen");
            assertThat(browser.text("#cards")).containsIgnoringCase("naproxen").contains("overridden")
                    .contains("INR check booked");
            assertThat(browser.text("#record-hash")).matches("[0-9a-f]{64}");
            browser.capture("evaluation");

            browser.get("/console/integrity");
            assertThat(browser.text("#integrity-result")).startsWith("Intact");
            browser.submit("#full-check");
            browser.waitFor(d -> d.getCurrentUrl().contains("full=true"));
            assertThat(browser.text("#integrity-result")).contains("full check");
            browser.capture("integrity");
        }
    }

    @Test
    void resultsArePagedNewestFirst() {
        String patient = "console-pages-" + UUID.randomUUID();
        for (int i = 0; i <= AuditPagesResource.PAGE; i++) {
            ConsoleAuditData.signWarfarinNaproxen(patient);
        }
        try (ConsoleBrowser browser = ConsoleBrowser.open(base)) {
            browser.signIn("auditor", "auditor");
            browser.get("/console/audit?search=true&patientId=" + patient + "&indicator=warning");
            assertThat(browser.all("#results tbody tr")).hasSize(AuditPagesResource.PAGE);
            String newest = browser.find("#results tbody tr a").getText();
            browser.submit("#next-page");
            browser.waitFor(d -> d.getCurrentUrl().contains("cursor="));
            assertThat(browser.all("#results tbody tr")).hasSize(1);
            assertThat(Long.parseLong(browser.find("#results tbody tr a").getText().substring(1)))
                    .isLessThan(Long.parseLong(newest.substring(1)));
            assertThat(browser.all("#next-page")).isEmpty();
            assertThat(browser.find("#indicator option[selected]").getText()).isEqualTo("warning");
        }
    }

    @Test
    void aMalformedFilterIsExplainedOnThePageNotAnError() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(base)) {
            browser.signIn("auditor", "auditor");
            browser.get("/console/audit?search=true&from=yesterday");
            assertThat(browser.text("#search-problem")).contains("from");
            browser.get("/console/audit/evaluations/999999999");
            assertThat(browser.find("main").getText()).contains("no evaluation 999999999");
        }
    }
}
