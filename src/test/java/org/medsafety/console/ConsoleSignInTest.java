package org.medsafety.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Sign-in with the API's local users, each role's pages, the 403 page, sign-out, headers and CSRF. */
@QuarkusTest
class ConsoleSignInTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void eachRoleSignsInSeesItsPagesAndIsRefusedTheOthers() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(base)) {
            browser.get("/console/dashboard");
            assertThat(browser.path()).startsWith("/console/login");
            browser.capture("login");

            browser.signIn("pharmacist", "pharmacist");
            assertThat(browser.path()).isEqualTo("/console/dashboard");
            assertThat(browser.text("#signed-in-user")).isEqualTo("pharmacist");
            assertThat(browser.all("nav a")).extracting(e -> e.getText())
                    .contains("Dashboard", "Publish").doesNotContain("Audit trail");
            browser.get("/console/audit");
            assertThat(browser.text("#forbidden")).contains("auditor");
            browser.capture("forbidden");
            browser.signOut();
            browser.capture("signed-out");
            browser.get("/console/dashboard");
            assertThat(browser.path()).as("the session ended with sign-out").startsWith("/console/login");

            browser.signIn("auditor", "auditor");
            assertThat(browser.path()).isEqualTo("/console/dashboard");
            assertThat(browser.all("nav a")).extracting(e -> e.getText())
                    .contains("Dashboard", "Audit trail").doesNotContain("Publish");
            browser.get("/console/publish");
            assertThat(browser.text("#forbidden")).contains("pharmacist");
            browser.signOut();

            browser.signIn("records-officer", "records-officer");
            assertThat(browser.path()).isEqualTo("/console/integrity");
            browser.get("/console/dashboard");
            assertThat(browser.text("#forbidden")).contains("pharmacist or auditor");
            browser.signOut();
        }
    }

    @Test
    void aWrongPasswordIsRefusedOnTheLoginPage() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(base)) {
            browser.signIn("auditor", "not-the-password");
            assertThat(browser.path()).startsWith("/console/login");
            assertThat(browser.text("#login-failed")).contains("not accepted");
            browser.capture("login-failed");
        }
    }

    @Test
    void consolePagesForbidInlineScriptAndFramingAndTheApiKeepsItsOwnChallenge() {
        given().redirects().follow(false).get("/console/login").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("same-origin"));
        Response page = given().redirects().follow(false).get("/console/dashboard");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/console/login");
        // The API still answers a missing credential with 401, never with the console's login redirect.
        given().redirects().follow(false).get("/admin/rulesets").then().statusCode(401);
        given().redirects().follow(false).get("/audit/evaluations").then().statusCode(401);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        String session = signIn("pharmacist");
        assertThat(session).isNotNull();
        given().redirects().follow(false).cookie("quarkus-credential", session)
                .contentType("application/x-www-form-urlencoded").formParam("x", "y")
                .post("/console/logout").then().statusCode(403);
        // The session cookie is never sent to the API, whose paths it does not cover.
        given().redirects().follow(false).cookie("quarkus-credential", session).get("/admin/rulesets")
                .then().statusCode(401);
    }

    @Test
    void aLoginPostWithoutTheFormsCsrfTokenSignsNoOneIn() {
        // Without the token, or with one that is not its cookie's, the right password is not enough.
        Response bare = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "auditor").formParam("j_password", "auditor")
                .post("/console/j_security_check");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.header("Location")).endsWith("/console/login?failed=true");
        assertThat(bare.cookie("quarkus-credential")).isNull();
        LoginForm form = LoginForm.open();
        Response forged = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie("console-csrf", form.cookie()).formParam("csrf-token", LoginForm.open().token())
                .formParam("j_username", "auditor").formParam("j_password", "auditor")
                .post("/console/j_security_check");
        assertThat(forged.header("Location")).endsWith("/console/login?failed=true");
        assertThat(forged.cookie("quarkus-credential")).isNull();
        // With it, the same post signs in.
        assertThat(signIn("auditor")).isNotNull();
    }

    /** The login page's CSRF cookie and the token its form carries. */
    record LoginForm(String cookie, String token) {
        static LoginForm open() {
            Response page = given().get("/console/login");
            Matcher m = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page.asString());
            assertThat(m.find()).as("the login form carries a CSRF token").isTrue();
            return new LoginForm(page.cookie("console-csrf"), m.group(1));
        }
    }

    /** The session cookie of a form sign-in, as a browser would get it: the login page first, then its form. */
    static String signIn(String user) {
        LoginForm form = LoginForm.open();
        Response login = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie("console-csrf", form.cookie()).formParam("csrf-token", form.token())
                .formParam("j_username", user).formParam("j_password", user)
                .post("/console/j_security_check");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.header("Location")).as("signed in").doesNotContain("failed");
        return login.cookie("quarkus-credential");
    }
}
