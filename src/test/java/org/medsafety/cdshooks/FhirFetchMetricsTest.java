package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.FakeFhirServer;
import org.medsafety.testing.FencedFhirProfile;
import org.medsafety.testing.HookRequests;
import org.medsafety.testing.ScrapedMetrics;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.medsafety.cdshooks.PrefetchTest.ABSHIRE;
import static org.medsafety.cdshooks.PrefetchTest.PATIENT;
import static org.medsafety.cdshooks.PrefetchTest.SIGN;
import static org.medsafety.cdshooks.PrefetchTest.TOKEN;
import static org.medsafety.cdshooks.PrefetchTest.naproxenOrder;
import static org.medsafety.cdshooks.PrefetchTest.withAuthorization;

/**
 * FHIR reads as the metrics count them, by the resource type of the prefetch template and the outcome: each read
 * of the allowed server that answers is ok, one that errs is failed, one the fence stops (a redirect, a server not
 * on the allow-list) is refused. No URL, host or patient reaches a label.
 */
@QuarkusTest
@TestProfile(FencedFhirProfile.class)
class FhirFetchMetricsTest {

    static final String FETCHES = "medsafety_fhir_fetches_total";

    FakeFhirServer fhir;

    @BeforeEach
    void setUp() {
        fhir = FencedFhirProfile.fhir().reset();
    }

    private static void post(ObjectNode request, int status) {
        given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN).then().statusCode(status);
    }

    private static double moved(ScrapedMetrics before, ScrapedMetrics after, String resource, String outcome) {
        return after.value(FETCHES, "resource", resource, "outcome", outcome)
                - before.value(FETCHES, "resource", resource, "outcome", outcome);
    }

    private static ObjectNode allButMedications() {
        ObjectNode prefetch = HookRequests.prefetchFrom(ABSHIRE);
        prefetch.remove("medications");
        return prefetch;
    }

    @Test
    void everyReadOfTheAllowedServerCountsAsOkUnderItsResourceType() {
        fhir.answer(FakeFhirServer.from(ABSHIRE));
        ScrapedMetrics before = ScrapedMetrics.scrape();
        post(withAuthorization(HookRequests.orderSign(PATIENT, null, naproxenOrder()), fhir.base()), 200);
        ScrapedMetrics after = ScrapedMetrics.scrape();

        // patient, medications, allergies, conditions; weight, height, creatinine, eGFR and gestational age
        Map<String, Integer> expected = Map.of("Patient", 1, "MedicationRequest", 1, "AllergyIntolerance", 1,
                "Condition", 1, "Observation", 5);
        assertThat(fhir.seen()).hasSize(9);
        expected.forEach((resource, reads) -> assertThat(moved(before, after, resource, "ok")).as(resource)
                .isEqualTo(reads.doubleValue()));
        for (String resource : expected.keySet()) {
            assertThat(moved(before, after, resource, "failed") + moved(before, after, resource, "refused"))
                    .isZero();
        }
        assertThat(after.text()).doesNotContain(PATIENT).doesNotContain(TOKEN)
                .doesNotContain(String.valueOf(fhir.port()));
    }

    @Test
    void aServerErrorIsAFailedReadAndARedirectARefusedOne() {
        fhir.misbehave(exchange -> {
            try (exchange) {
                byte[] body = "{\"resourceType\":\"OperationOutcome\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(503, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        ScrapedMetrics before = ScrapedMetrics.scrape();
        post(withAuthorization(HookRequests.orderSign(PATIENT, allButMedications(), naproxenOrder()), fhir.base()),
                412);
        ScrapedMetrics afterError = ScrapedMetrics.scrape();
        assertThat(moved(before, afterError, "MedicationRequest", "failed")).isEqualTo(1);

        fhir.misbehave(exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/fhir/MedicationRequest");
                exchange.sendResponseHeaders(302, -1);
            }
        });
        post(withAuthorization(HookRequests.orderSign(PATIENT, allButMedications(), naproxenOrder()), fhir.base()),
                412);
        ScrapedMetrics afterRedirect = ScrapedMetrics.scrape();
        assertThat(moved(afterError, afterRedirect, "MedicationRequest", "refused")).isEqualTo(1);
        assertThat(moved(afterError, afterRedirect, "MedicationRequest", "failed")).isZero();
    }

    @Test
    void aFhirServerNotOnTheAllowListIsCountedAsRefusedForEachKeyItWasAskedFor() {
        ScrapedMetrics before = ScrapedMetrics.scrape();
        post(withAuthorization(HookRequests.orderSign(PATIENT, null, naproxenOrder()),
                "http://127.0.0.1:" + fhir.port() + "/not-allowed"), 412);
        ScrapedMetrics after = ScrapedMetrics.scrape();
        assertThat(fhir.seen()).isEmpty();
        // Without a server to read from, the optional gestational age is not asked for.
        assertThat(moved(before, after, "Patient", "refused")).isEqualTo(1);
        assertThat(moved(before, after, "MedicationRequest", "refused")).isEqualTo(1);
        assertThat(moved(before, after, "Observation", "refused")).isEqualTo(4);
        assertThat(moved(before, after, "Observation", "ok")).isZero();
    }
}
