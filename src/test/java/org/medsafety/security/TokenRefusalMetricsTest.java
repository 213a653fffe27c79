package org.medsafety.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;
import org.medsafety.cdshooks.OrderSignWithSyntheaTestAccess;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;
import org.medsafety.testing.ScrapedMetrics;
import org.medsafety.testing.TestEhr;
import org.medsafety.testing.TrustedClientsProfile;

import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.medsafety.testing.TestEhr.bearer;

/**
 * Refused CDS client tokens are counted by reason, so an operator sees an EHR's clock drift (expired), an
 * unannounced key (unknown_key) or a replay without reading logs; the label is the reason alone, never the token,
 * the issuer or the patient. Refused calls count as refused evaluations too.
 */
@QuarkusTest
@TestProfile(TrustedClientsProfile.class)
class TokenRefusalMetricsTest {

    static final String SIGN = "/cds-services/medication-safety-sign";

    private final TestEhr ehr = TrustedClientsProfile.epicLike();

    private static ObjectNode order(String patientId) {
        ObjectNode request = HookRequests.orderSign(patientId, null,
                Fixtures.draftOrder("o-1", "855332", "Warfarin Sodium 5 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d"));
        ObjectNode prefetch = request.putObject("prefetch");
        OrderSignWithSyntheaTestAccess.prefetchKeys().forEach(prefetch::putNull);
        return request;
    }

    private static void refused(String authorization, String patientId) {
        var spec = given().contentType(ContentType.JSON).body(order(patientId).toString());
        if (authorization != null) {
            spec = spec.header("Authorization", authorization);
        }
        spec.when().post(SIGN).then().statusCode(401);
    }

    private static double refusals(ScrapedMetrics m, String reason) {
        return m.value("medsafety_security_token_refusals_total", "reason", reason);
    }

    @Test
    void eachRefusedTokenMovesTheCounterOfItsReason() {
        String patient = "metrics-" + UUID.randomUUID();
        String expired = ehr.token(TrustedClientsProfile.PUBLIC_BASE + SIGN, c -> {
            c.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 600));
            c.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 300));
        }, h -> { });
        String stranger = TrustedClientsProfile.stranger().token(TrustedClientsProfile.PUBLIC_BASE + SIGN);
        String replayed = ehr.token(TrustedClientsProfile.PUBLIC_BASE + SIGN);
        given().contentType(ContentType.JSON).body(order(patient).toString()).header("Authorization", bearer(replayed))
                .when().post(SIGN).then().statusCode(200);

        ScrapedMetrics before = ScrapedMetrics.scrape();
        refused(bearer(expired), patient);
        refused(null, patient);
        refused(bearer(stranger), patient);
        refused(bearer(replayed), patient);
        ScrapedMetrics after = ScrapedMetrics.scrape();

        assertThat(refusals(after, "expired") - refusals(before, "expired")).isEqualTo(1);
        assertThat(refusals(after, "missing") - refusals(before, "missing")).isEqualTo(1);
        assertThat(refusals(after, "unknown_issuer") - refusals(before, "unknown_issuer")).isEqualTo(1);
        assertThat(refusals(after, "replayed") - refusals(before, "replayed")).isEqualTo(1);
        assertThat(refusals(after, "signature")).isEqualTo(refusals(before, "signature"));
        double refusedCalls = after.value("medsafety_evaluations_seconds_count", "service", "medication-safety-sign",
                "outcome", "refused") - before.value("medsafety_evaluations_seconds_count", "service",
                "medication-safety-sign", "outcome", "refused");
        assertThat(refusedCalls).isEqualTo(4);
        assertThat(after.text()).doesNotContain(patient).doesNotContain(ehr.iss())
                .doesNotContain(expired.substring(expired.lastIndexOf('.') + 1));
    }
}
