package org.medsafety.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.StaffIdentityProvider;
import org.medsafety.testing.StubIdentityProvider;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production sign-in: the console signs staff in through the hospital's identity provider (a stub on 127.0.0.1 with
 * a login page and a token endpoint), by the real authorization code flow, with roles from the configured claim of
 * the ID token. The API keeps its bearer tokens and never accepts the console's session.
 */
@QuarkusTest
@TestProfile(ConsoleIdentityProviderTest.WithConsoleTenant.class)
class ConsoleIdentityProviderTest {

    public static class WithConsoleTenant implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.client-id", "medsafety-cds",
                    "quarkus.oidc.token.audience", "medsafety-cds",
                    "quarkus.oidc.console.client-id", "medsafety-console",
                    "quarkus.oidc.console.credentials.secret", StaffIdentityProvider.CLIENT_SECRET,
                    "medsafety.staff.roles-claim", "realm_access.roles");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StubIdentityProvider.class,
                    Map.of(StubIdentityProvider.CONSOLE, "true")));
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void aPharmacistSignsInThroughTheProviderAndTheApiRefusesTheSession() {
        CodeFlowClient browser = new CodeFlowClient();
        String landing = browser.signIn("p.jones", "/console/dashboard");
        assertThat(landing).endsWith("/console/dashboard");
        Response dashboard = browser.get("/console/dashboard");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.asString()).contains("id=\"signed-in-user\">p.jones<").contains("Active ruleset");
        assertThat(browser.get("/console/audit").asString()).contains("id=\"forbidden\"");
        // The console's session authenticates nothing under /admin or /audit.
        given().redirects().follow(false).cookies(browser.cookies).get("/admin/rulesets").then().statusCode(401);
        given().redirects().follow(false).cookies(browser.cookies).get("/audit/integrity").then().statusCode(401);
    }

    @Test
    void anAuditorSeesTheTrailAndNotThePublishingDesk() {
        CodeFlowClient browser = new CodeFlowClient();
        browser.signIn("a.smith", "/console/audit");
        Response audit = browser.get("/console/audit");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.asString()).contains("a.smith");
        Response publish = browser.get("/console/publish");
        assertThat(publish.statusCode()).isEqualTo(403);
        assertThat(publish.asString()).contains("id=\"forbidden\"").contains("pharmacist");
    }

    @Test
    void aStaffMemberWithoutARoleGetsTheForbiddenPage() {
        CodeFlowClient browser = new CodeFlowClient();
        browser.signIn("n.body", "/console");
        Response start = browser.get("/console");
        assertThat(start.statusCode()).isEqualTo(303);
        Response page = browser.get(start.header("Location"));
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.asString()).contains("id=\"forbidden\"");
    }

    @Test
    void theLoginFormIsNotOfferedAndTheLocalUsersCannotSignIn() {
        Response login = given().get("/console/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.asString()).contains("id=\"sign-in-idp\"").doesNotContain("j_password");
        // The local users' form post signs no one in: there is no form mechanism on /console any more.
        CodeFlowClient browser = new CodeFlowClient();
        Response post = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "pharmacist").formParam("j_password", "pharmacist")
                .post("/console/j_security_check");
        browser.keep(post);
        assertThat(post.statusCode()).isLessThan(500);
        assertThat(browser.cookies).doesNotContainKeys("quarkus-credential", "q_session_console");
        Response after = browser.get("/console/dashboard");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.header("Location")).contains("/protocol/openid-connect/auth");
    }

    @Test
    void signingOutEndsTheConsoleSession() {
        CodeFlowClient browser = new CodeFlowClient();
        browser.signIn("a.smith", "/console/integrity");
        String token = browser.csrfToken("/console/logout");
        Response out = given().redirects().follow(false).cookies(browser.cookies)
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", token)
                .post("/console/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).endsWith("/console/login");
        browser.keep(out);
        assertThat(browser.cookies).as("the session cookie is dropped").doesNotContainKey("q_session_console");
        Response again = browser.get("/console/integrity");
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.header("Location")).contains("/protocol/openid-connect/auth");
    }

    @Test
    void inABrowserAPharmacistAndAnAuditorSignInThroughTheProvider() {
        try (ConsoleBrowser browser = ConsoleBrowser.open(base)) {
            browser.get("/console/login");
            browser.capture("login-identity-provider");
            browser.submit("#sign-in-idp");
            signInAtProvider(browser, "p.jones");
            assertThat(browser.path()).isEqualTo("/console/dashboard");
            assertThat(browser.text("#signed-in-user")).isEqualTo("p.jones");
            assertThat(browser.all("nav a")).extracting(e -> e.getText()).contains("Publish")
                    .doesNotContain("Audit trail");
            browser.signOut();
            assertThat(browser.path()).isEqualTo("/console/login");

            browser.get("/console/audit");
            signInAtProvider(browser, "a.smith");
            assertThat(browser.path()).startsWith("/console/audit");
            assertThat(browser.text("#signed-in-user")).isEqualTo("a.smith");
            browser.capture("audit-identity-provider");
            browser.signOut();

            browser.get("/console");
            signInAtProvider(browser, "n.body");
            assertThat(browser.text("#forbidden")).contains("n.body");
        }
    }

    private static void signInAtProvider(ConsoleBrowser browser, String user) {
        browser.waitForElement("#username");
        assertThat(browser.path()).contains("/protocol/openid-connect/auth");
        browser.find("#username").sendKeys(user);
        browser.submit("#idp-sign-in");
        browser.waitForElement("#signed-in-user");
    }
}
