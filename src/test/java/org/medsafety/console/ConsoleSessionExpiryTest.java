package org.medsafety.console;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console session ends after {@code quarkus.http.auth.form.timeout} without a request and lasts while requests
 * keep coming: the cookie is renewed at most every {@code new-cookie-interval}. Here 4 s and 1 s instead of 30 and
 * 1 minutes, so the test waits seconds; the only test of the console that waits on the clock.
 */
@QuarkusTest
@TestProfile(ConsoleSessionExpiryTest.ShortSessions.class)
class ConsoleSessionExpiryTest {

    public static class ShortSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.auth.form.timeout", "4S",
                    "quarkus.http.auth.form.new-cookie-interval", "1S");
        }
    }

    @Test
    void anActiveSessionStaysAndAnIdleOneLeadsBackToTheLoginPage() throws InterruptedException {
        String session = ConsoleSignInTest.signIn("pharmacist");
        // Active: a request every second for twice the timeout, each answer's renewed cookie kept as a browser would.
        long until = System.nanoTime() + 8_000_000_000L;
        while (System.nanoTime() < until) {
            Thread.sleep(1000);
            Response page = open(session);
            assertThat(page.statusCode()).as("an active session is kept").isEqualTo(200);
            if (page.cookie("quarkus-credential") != null) {
                session = page.cookie("quarkus-credential");
            }
        }
        // Idle for longer than the timeout: the same cookie now leads to the login page.
        Thread.sleep(5500);
        Response idle = open(session);
        assertThat(idle.statusCode()).isEqualTo(302);
        assertThat(idle.header("Location")).endsWith("/console/login");
    }

    private static Response open(String session) {
        return given().redirects().follow(false).cookie("quarkus-credential", session).get("/console/logout");
    }
}
