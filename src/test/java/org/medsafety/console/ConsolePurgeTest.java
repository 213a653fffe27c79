package org.medsafety.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.medsafety.admin.RulesetLifecycleTestAccess;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records officer's retention page: what decides a purge (retention, cutoff, oldest evaluation), and the purge
 * itself with a reason, recorded in the admin record as the API records it. Nothing in the test trail is ten years
 * old, so the purge removes nothing; RetentionPurgeTest covers what it removes.
 */
@QuarkusTest
class ConsolePurgeTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aRecordsOfficerSeesWhatDecidesAPurgeAndRunsItWithAReason() {
        String reason = "yearly retention review (console test " + System.nanoTime() + ")";
        // At least one evaluation in the trail, so that the page names the oldest.
        given().contentType("application/json").body(RulesetLifecycleTestAccess.naproxenRequest())
                .post("/cds-services/medication-safety-sign").then().statusCode(200);
        try (ConsoleBrowser browser = ConsoleBrowser.open(base)) {
            browser.signIn("records-officer", "records-officer");
            assertThat(browser.all("nav a")).extracting(e -> e.getText()).contains("Integrity", "Retention")
                    .doesNotContain("Dashboard", "Publish", "Audit trail");
            browser.get("/console/purge");
            assertThat(browser.text("#retention")).contains("3650 days").contains("6 years");
            assertThat(browser.text("#cutoff")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(browser.text("#oldest")).matches("record \\d+, \\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(browser.text("#due")).contains("would remove no evaluation");
            browser.capture("purge");
            browser.find("#reason").sendKeys(reason);
            browser.submit("#purge");
            browser.waitForElement("#purge-result");
            assertThat(browser.text("#purge-result")).contains("0 evaluations purged");
            browser.capture("purge-done");
            browser.signOut();

            browser.signIn("pharmacist", "pharmacist");
            browser.get("/console/purge");
            assertThat(browser.text("#forbidden")).contains("records-officer");
        }
        List<Map<String, Object>> purges = JsonPath.from(given().auth().basic("auditor", "auditor")
                .get("/admin/actions").then().statusCode(200).extract().asString())
                .getList("findAll { it.action == 'audit-purge' }");
        assertThat(purges).as("recorded as the API records a purge")
                .anySatisfy(a -> {
                    assertThat(a.get("actor")).isEqualTo("records-officer");
                    assertThat(a.get("outcome")).isEqualTo("done");
                    assertThat(String.valueOf(a.get("detail"))).contains(reason);
                });
    }

    @Test
    void aPurgeWithoutAReasonOrWithoutItsCsrfTokenIsRefused() {
        String session = ConsoleSignInTest.signIn("records-officer");
        Response page = given().cookie("quarkus-credential", session).get("/console/purge");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher token = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page.asString());
        assertThat(token.find()).isTrue();
        String csrf = page.cookie("console-csrf");
        Response blank = given().redirects().follow(false).cookie("quarkus-credential", session)
                .cookie("console-csrf", csrf).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", token.group(1)).formParam("reason", "  ").post("/console/purge");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.asString()).contains("id=\"purge-problem\"").contains("a reason is required");
        given().redirects().follow(false).cookie("quarkus-credential", session)
                .contentType("application/x-www-form-urlencoded").formParam("reason", "no token")
                .post("/console/purge").then().statusCode(403);
    }
}
