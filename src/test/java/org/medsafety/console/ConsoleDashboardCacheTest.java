package org.medsafety.console;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.medsafety.audit.AuditRead;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the dashboard cache on (the tests' default is off), a second reader within the cache time sees the figures
 * computed for the first, dated on the page, and their view is recorded in the audit-read record as theirs.
 */
@QuarkusTest
@TestProfile(ConsoleDashboardCacheTest.KeptAnHour.class)
class ConsoleDashboardCacheTest {

    public static class KeptAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("medsafety.console.dashboard-cache-time", "1h");
        }
    }

    @Test
    void aSecondReaderSeesTheSameDatedFiguresAndTheirReadIsRecorded() {
        String first = computedAt(dashboard("pharmacist"));
        ConsoleAuditData.signWarfarinNaproxen("console-cache-" + UUID.randomUUID());
        Response page = dashboard("auditor");
        assertThat(computedAt(page)).as("the figures computed for the pharmacist").isEqualTo(first);
        assertThat(page.asString()).contains("for 3600 seconds");
        List<AuditRead> reads = QuarkusTransaction.requiringNew().call(() ->
                AuditRead.list("reader = ?1 and what = 'stats'", "auditor"));
        assertThat(reads).filteredOn(r -> r.filters.contains("dashboard figures computed at"))
                .extracting(r -> r.filters.substring(0, r.filters.indexOf(' ')))
                .contains("groupBy=day", "groupBy=knowledge");
    }

    private static Response dashboard(String user) {
        Response page = given().redirects().follow(false).cookie("quarkus-credential", ConsoleSignInTest.signIn(user))
                .get("/console/dashboard");
        assertThat(page.statusCode()).isEqualTo(200);
        return page;
    }

    private static String computedAt(Response page) {
        Matcher m = Pattern.compile("computed at (\\S+?);").matcher(page.asString());
        assertThat(m.find()).as("the page says when its figures were computed").isTrue();
        return m.group(1);
    }
}
