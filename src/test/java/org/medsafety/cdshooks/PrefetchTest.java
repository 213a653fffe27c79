package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.FakeFhirServer;
import org.medsafety.testing.FencedFhirProfile;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.HookRequests;
import org.medsafety.testing.LogCapture;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * The four prefetch states of CDS Hooks 2.0: absent, null, OperationOutcome, and a paginated Bundle. The fake FHIR
 * server is the allowed one (see {@link FencedFhirProfile}); the fence itself is tested in FencedFhirTest.
 */
@QuarkusTest
@TestProfile(FencedFhirProfile.class)
class PrefetchTest {

    static final String SIGN = "/cds-services/medication-safety-sign";
    static final String TOKEN = "very-secret-access-token-1234";
    static final JsonNode ABSHIRE = Fixtures.synthea(Fixtures.ABSHIRE);
    static final String PATIENT = Fixtures.patientId(ABSHIRE);

    static ObjectNode naproxenOrder() {
        return Fixtures.draftOrder("naproxen-1", "849574", "Naproxen sodium 220 MG Oral Tablet", 1.0, "tablet", 2, 1.0, "d");
    }

    static ObjectNode withAuthorization(ObjectNode request, String fhirServer) {
        request.put("fhirServer", fhirServer);
        request.putObject("fhirAuthorization").put("access_token", TOKEN).put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "user/*.read").put("subject", "medsafety");
        return request;
    }

    @BeforeEach
    void resetFhirServer() {
        FencedFhirProfile.fhir().reset();
    }

    @Test
    void absentKeysAreFetchedFromTheFhirServerWithTheBearerTokenWhichNeverReachesTheLogs() throws Exception {
        List<String> logLines;
        try (LogCapture capture = new LogCapture()) {
            FakeFhirServer fhir = FencedFhirProfile.fhir().answer(FakeFhirServer.from(ABSHIRE));
            ObjectNode request = withAuthorization(HookRequests.orderSign(PATIENT, null, naproxenOrder()), fhir.base());
            String body = given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN)
                    .then().statusCode(200)
                    .body("cards.extension.'org.medsafety.finding'.knowledgeId", hasItem("DDI-WARFARIN-NSAID"))
                    .extract().asString();

            assertThat(fhir.seen()).extracting(FakeFhirServer.Seen::pathAndQuery)
                    .contains("/fhir/Patient/" + PATIENT)
                    .anyMatch(p -> p.startsWith("/fhir/MedicationRequest?patient=" + PATIENT + "&status=active"))
                    .anyMatch(p -> p.startsWith("/fhir/AllergyIntolerance?patient=" + PATIENT));
            assertThat(fhir.seen()).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer " + TOKEN));
            assertThat(body).doesNotContain(TOKEN);
            logLines = List.copyOf(capture.lines());
        }
        assertThat(logLines).noneMatch(line -> line.contains(TOKEN) || line.contains(PATIENT));
    }

    @Test
    void absentKeysWithoutAFhirServerAnswer412WithAnOperationOutcome() {
        ObjectNode request = HookRequests.orderSign("p-412-" + System.nanoTime(), null, naproxenOrder());
        given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN)
                .then().statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("processing"))
                .body("issue[0].diagnostics", containsString("medications (not prefetched)"))
                .body("issue[0].diagnostics", containsString("allergies (not prefetched)"));
    }

    @Test
    void nullMeansNoDataAndIsNotFetched() {
        ObjectNode request = HookRequests.orderSign("p-null", null, naproxenOrder());
        ObjectNode prefetch = request.putObject("prefetch");
        CdsServiceCatalog.PREFETCH.keySet().forEach(prefetch::putNull);
        given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN)
                .then().statusCode(200).body("cards", hasSize(0));
    }

    @Test
    void anOperationOutcomeInPrefetchMeansTheClientsFetchFailed() {
        ObjectNode prefetch = HookRequests.prefetchFrom(ABSHIRE);
        prefetch.putObject("allergies").put("resourceType", "OperationOutcome").putArray("issue").addObject()
                .put("severity", "error").put("code", "timeout");
        ObjectNode request = HookRequests.orderSign(PATIENT, prefetch, naproxenOrder());
        given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN)
                .then().statusCode(412)
                .body("issue[0].diagnostics", containsString("allergies (the client's fetch failed)"));
    }

    @Test
    void anOperationOutcomeIsRefetchedWhenAFhirServerIsGiven() {
        FakeFhirServer fhir = FencedFhirProfile.fhir().answer(FakeFhirServer.from(ABSHIRE));
        ObjectNode prefetch = HookRequests.prefetchFrom(ABSHIRE);
        prefetch.putObject("medications").put("resourceType", "OperationOutcome");
        ObjectNode request = withAuthorization(HookRequests.orderSign(PATIENT, prefetch, naproxenOrder()), fhir.base());
        given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN)
                .then().statusCode(200)
                .body("cards.extension.'org.medsafety.finding'.knowledgeId", hasItem("DDI-WARFARIN-NSAID"));
        assertThat(fhir.seen()).extracting(FakeFhirServer.Seen::pathAndQuery)
                .singleElement().asString().startsWith("/fhir/MedicationRequest?");
    }

    @Test
    void aPaginatedBundleIsReadToTheEnd() {
        // Page 1 (prefetch) has no warfarin; page 2, on the FHIR server, does.
        ObjectNode all = HookRequests.searchset(ABSHIRE, "MedicationRequest", null);
        ObjectNode firstPage = Fixtures.JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        ObjectNode secondPage = Fixtures.JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        for (JsonNode entry : all.path("entry")) {
            boolean warfarin = entry.toString().contains("Warfarin");
            (warfarin ? secondPage : firstPage).withArray("entry").add(entry);
        }
        FakeFhirServer fhir = FencedFhirProfile.fhir()
                .answer(path -> path.equals("MedicationRequest?page=2") ? secondPage : null);
        firstPage.putArray("link").addObject().put("relation", "next").put("url", fhir.base() + "/MedicationRequest?page=2");
        ObjectNode prefetch = HookRequests.prefetchFrom(ABSHIRE);
        prefetch.set("medications", firstPage);
        ObjectNode request = withAuthorization(HookRequests.orderSign(PATIENT, prefetch, naproxenOrder()), fhir.base());
        given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN)
                .then().statusCode(200)
                .body("cards.extension.'org.medsafety.finding'.knowledgeId", hasItem("DDI-WARFARIN-NSAID"));
    }

    @Test
    void aPaginatedBundleWithoutAFhirServerIsScreenedAndSaidToBeIncomplete() {
        ObjectNode prefetch = HookRequests.prefetchFrom(ABSHIRE);
        ((ObjectNode) prefetch.get("medications")).putArray("link").addObject().put("relation", "next")
                .put("url", "https://ehr.example.org/fhir/MedicationRequest?page=2");
        ObjectNode request = HookRequests.orderSign(PATIENT, prefetch, naproxenOrder());
        given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN)
                .then().statusCode(200)
                .body("cards.extension.'org.medsafety.finding'.knowledgeId", hasItem("DDI-WARFARIN-NSAID"))
                .body("cards.summary", hasItem("Screening may be incomplete: only part of the patient's medications was available"));
    }

    @Test
    void aFhirServerThatFailsGives412NotA500() {
        FakeFhirServer fhir = FencedFhirProfile.fhir(); // answers 404 to everything
        ObjectNode request = withAuthorization(HookRequests.orderSign(PATIENT, null, naproxenOrder()), fhir.base());
        given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN)
                .then().statusCode(412)
                .body("issue[0].diagnostics", equalTo("MS-1602: required data could not be obtained from the FHIR server: "
                        + "patient, medications, allergies, conditions, weight, height, creatinine, egfr; "
                        + "send it as prefetch"))
                .body(not(containsString(TOKEN)));
        assertThat(fhir.seen()).hasSize(CdsServiceCatalog.PREFETCH.size());
    }

    @Test
    void aNextLinkOutsideTheFhirServerIsNotFollowed() {
        FakeFhirServer fhir = FencedFhirProfile.fhir().answer(FakeFhirServer.from(ABSHIRE));
        ObjectNode prefetch = HookRequests.prefetchFrom(ABSHIRE);
        ((ObjectNode) prefetch.get("medications")).putArray("link").addObject().put("relation", "next")
                .put("url", "http://127.0.0.2:9/elsewhere/MedicationRequest?page=2");
        ObjectNode request = withAuthorization(HookRequests.orderSign(PATIENT, prefetch, naproxenOrder()), fhir.base());
        given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN)
                .then().statusCode(412)
                .body("issue[0].diagnostics", equalTo("MS-1602: required data could not be obtained from the FHIR server: "
                        + "medications; send it as prefetch"));
        assertThat(fhir.seen()).isEmpty();
    }
}
