package org.medsafety.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A sample patient from docs/examples evaluated as a trial: its cards are shown, and nothing is recorded. */
@QuarkusTest
class ConsoleTryTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aSamplePatientShowsItsCardsAndLeavesNoAuditRecord() {
        int before = recordedFor("example-patient");
        try (ConsoleBrowser browser = ConsoleBrowser.open(base)) {
            browser.signIn("pharmacist", "pharmacist");
            browser.get("/console/try");
            browser.capture("try-it");
            new Select(browser.find("#sample")).selectByValue("order-sign-warfarin-naproxen.json");
            browser.submit("#try");
            browser.waitForElement("#cards");
            assertThat(browser.all("#cards article.card")).isNotEmpty();
            assertThat(browser.text("#cards")).containsIgnoringCase("naproxen").containsIgnoringCase("warfarin");
            assertThat(browser.find("#cards article.card a").getDomAttribute("href")).startsWith("https://");
            assertThat(browser.text("#trial-notice")).contains("nothing is recorded");
            browser.capture("try-it-cards");

            browser.find("#request").clear();
            browser.find("#request").sendKeys("{\"hook\": \"order-sign\", \"context\": ");
            new Select(browser.find("#sample")).selectByValue("");
            browser.submit("#try");
            browser.waitForElement("#try-problem");
            assertThat(browser.text("#try-problem")).contains("not valid JSON");
        }
        assertThat(recordedFor("example-patient")).as("a trial writes nothing to the audit trail").isEqualTo(before);
    }

    private static int recordedFor(String patientId) {
        return given().auth().basic("auditor", "auditor").queryParam("patientId", patientId).queryParam("limit", 500)
                .get("/audit/evaluations").then().statusCode(200).extract().jsonPath().getList("items").size();
    }
}
